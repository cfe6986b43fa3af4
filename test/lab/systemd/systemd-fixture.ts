// The lab's systemd host (lab-h4, `lab up --init lab-h4=systemd`) and a throwaway project aimed at it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labUp } from '../../../src/lab/index.js';
import { labInfo, runCli, sshOk, writeLabInventory, type CliResult, type LabHostInfo } from '../helpers/index.js';

/** After the four SysV hosts the suite's global setup asks for: theirs stay as they are. */
export const SYSTEMD_HOST = 'lab-h4';

/** Brings lab-h4 up with systemd as pid 1 (or leaves it, when it already is) and returns it. */
export async function ensureSystemdHost(): Promise<{ host: LabHostInfo; bootMs: number }> {
  const lab = labInfo();
  if (!lab) throw new Error('no lab is running');
  const began = Date.now();
  const state = await labUp({ hosts: 5, init: { hosts: { [SYSTEMD_HOST]: 'systemd' } }, dir: lab.dir });
  const h = state.hosts.find((x) => x.name === SYSTEMD_HOST);
  if (!h || h.init !== 'systemd') throw new Error(`${SYSTEMD_HOST} did not come up with systemd: ${JSON.stringify(h)}`);
  return { host: { name: h.name, address: h.address, port: h.port }, bootMs: Date.now() - began };
}

export interface JsonReport {
  ok: boolean;
  hosts: Record<string, { ok: number; changed: number; failed: number; execs: number }>;
  changes: Array<{ host: string; task: string }>;
  errors: Array<{ host?: string; task?: string; message: string }>;
}

export function parseReport(r: CliResult): JsonReport {
  try {
    return JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`no JSON on stdout (exit ${r.code}):\n${r.stderr.slice(-2000)}`);
  }
}

/** A temp folder with an inventory of `hosts` and runbooks written on demand; `vars` go to all.vars verbatim. */
export function systemdProject(name: string, hosts: LabHostInfo[], vars: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), `runbook-${name}-`));
  const inventory = writeLabInventory(join(dir, 'inventory.yaml'), { group: 'sd', hosts, vars });
  return {
    dir,
    inventory,
    write(file: string, text: string): string {
      writeFileSync(join(dir, file), text);
      return file;
    },
    apply(file: string, ...extra: string[]): Promise<CliResult> {
      return runCli(['apply', file, '-i', inventory, '--yes', '--json', ...extra], { cwd: dir, timeoutMs: 90_000 });
    },
    remove(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `systemctl show` of one unit as a map (ActiveState, SubState, UnitFileState, MainPID, ...). */
export async function unitProps(host: LabHostInfo, unit: string, props: string[]): Promise<Record<string, string>> {
  const out = await sshOk(host, `systemctl show -p ${props.join(',')} -- ${unit}`);
  return Object.fromEntries(out.trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}
