// The emulator's in-memory cloud: HAVIPs, EIPs and asynchronous tasks, settled lazily by the clock.
import { randomBytes } from 'node:crypto';

export interface HaVipRecord {
  HaVipId: string;
  HaVipName: string;
  Vip: string;
  VpcId: string;
  SubnetId: string;
  /** The bound EIP's address, '' when none. */
  AddressIp: string;
  /** The CVM that currently announces the VIP (keepalived's master), '' when none. */
  InstanceId: string;
  NetworkInterfaceId: string;
  Business: string;
  CreatedTime: string;
}

export interface AddressRecord {
  AddressId: string;
  AddressName: string;
  AddressIp: string;
  /** CREATING | BINDING | BIND | UNBINDING | UNBIND | OFFLINING | BIND_ENI */
  AddressStatus: string;
  /** The resource the EIP is bound to (a HAVIP id here), null when unbound. */
  InstanceId: string | null;
  InstanceType: string | null;
  CreatedTime: string;
}

export interface VpcTask {
  id: string;
  dueAt: number;
  status: 'RUNNING' | 'SUCCESS' | 'FAILED';
  output: string;
  /** Runs once when the task is due; returns the final status. */
  finish(): { status: 'SUCCESS' | 'FAILED'; output: string };
}

export class VpcState {
  readonly haVips = new Map<string, HaVipRecord>();
  readonly addresses = new Map<string, AddressRecord>();
  readonly tasks = new Map<string, VpcTask>();
  /** Next host number handed out in 203.0.113.0/24 (TEST-NET-3, never a real address). */
  #nextPublicHost = 10;

  constructor(private readonly now: () => number) {}

  /** Completes every task whose delay has passed: a binding becomes visible only then. */
  settle(): void {
    const now = this.now();
    for (const task of this.tasks.values()) {
      if (task.status === 'RUNNING' && now >= task.dueAt) {
        const result = task.finish();
        task.status = result.status;
        task.output = result.output;
      }
    }
  }

  addTask(id: string, delayMs: number, finish: VpcTask['finish']): void {
    this.tasks.set(id, { id, dueAt: this.now() + delayMs, status: 'RUNNING', output: '', finish });
  }

  newId(prefix: string): string {
    return `${prefix}-${randomBytes(4).toString('hex')}`;
  }

  /** The next documentation address, or undefined when the /24 is used up. */
  nextPublicAddress(): string | undefined {
    const used = new Set([...this.addresses.values()].map((a) => a.AddressIp));
    while (this.#nextPublicHost < 255) {
      const ip = `203.0.113.${this.#nextPublicHost++}`;
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }

  createdTime(): string {
    return new Date(this.now()).toISOString().replace('T', ' ').slice(0, 19);
  }
}
