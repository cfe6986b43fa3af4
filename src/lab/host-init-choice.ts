// `lab up --init`: which hosts boot systemd as pid 1 and which run the lab's SysV-style reaper.
import type { HostInit } from './systemd-host.js';

/** Either the whole lab (`all`) or named hosts; a host named nowhere keeps what it was built with. */
export interface HostInitChoice {
  all?: HostInit;
  hosts: Record<string, HostInit>;
}

const INITS: readonly string[] = ['sysv', 'systemd'];

/** `systemd`, `sysv`, or `lab-h3=systemd,lab-h4=sysv`. Throws an Error saying what is wrong. */
export function parseHostInitChoice(spec: string): HostInitChoice {
  const choice: HostInitChoice = { hosts: {} };
  for (const part of spec.split(',').map((p) => p.trim())) {
    const [name, init] = part.includes('=') ? part.split('=', 2) : [undefined, part];
    if (!init || !INITS.includes(init)) throw new Error(`expected sysv, systemd or HOST=systemd[,HOST=sysv...], got "${spec}"`);
    if (name === undefined) choice.all = init as HostInit;
    else if (!/^lab-h\d+$/.test(name)) throw new Error(`"${name}" is not a lab host name (lab-h0, lab-h1, ...)`);
    else choice.hosts[name] = init as HostInit;
  }
  return choice;
}

/** The init a host gets now: named, else the whole lab's choice, else what it had, else sysv. */
export function hostInitOf(choice: HostInitChoice | undefined, name: string, recorded: HostInit | undefined): HostInit {
  return choice?.hosts[name] ?? choice?.all ?? recorded ?? 'sysv';
}

/** Whether any host of this run boots systemd (the machine then needs systemd-nspawn). */
export function wantsSystemd(choice: HostInitChoice | undefined, recorded: Array<HostInit | undefined>): boolean {
  return choice?.all === 'systemd' || Object.values(choice?.hosts ?? {}).includes('systemd') || (choice?.all === undefined && recorded.includes('systemd'));
}
