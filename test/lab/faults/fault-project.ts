// A fault test's project: a fixture folder copied to a temp dir, an inventory of the fault hosts with secrets, and a CLI runner that logs every output.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeRun, runCli, writeLabInventory, type CliResult, type LabHostInfo } from '../helpers/index.js';
import { appendOutput, FAULT_SECRET, FAULT_SHORT_SECRET, SECRET_ENV, startOutputLog } from './fault-secrets.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** DESIGN.md's `--json` document. */
export interface RunJson {
  ok: boolean;
  check: boolean;
  hosts: Record<string, { ok: number; changed: number; failed: number; skipped: number; unreachable: boolean }>;
  changes: Array<{ host: string; task: string; path?: string; diff?: string }>;
  errors: Array<{ host?: string; task?: string; message: string }>;
}

export interface InventoryOptions {
  knownHostsFile?: string;
  hosts?: LabHostInfo[];
  vars?: Record<string, string>;
}

export interface FaultProject {
  /** The temp copy of the fixture folder; commands run from here. */
  dir: string;
  /** inventory.yaml in dir: group `faults` = the hosts given, secrets in all.vars. */
  inventory: string;
  /** Runs the CLI from dir with the secrets' environment; every output is logged for the secret grep. */
  run(args: string[], opts?: { timeoutMs?: number; env?: Record<string, string> }): Promise<CliResult>;
  /** Every output of this project's runs so far (stdout + stderr). */
  outputs: string[];
  /** Another inventory of the same shape; `vars` adds or overrides `all.vars` lines (written verbatim). */
  writeInventory(file: string, opts?: InventoryOptions): string;
  remove(): void;
}

/**
 * Copies fixtures/<fixture> to a fresh temp dir and writes its inventory. `label` names the
 * output log (one per test file).
 */
export function createFaultProject(fixture: string, label: string, hosts: LabHostInfo[]): FaultProject {
  const dir = mkdtempSync(join(tmpdir(), `rbtest-faults-${fixture}-`));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  const log = startOutputLog(label);
  const outputs: string[] = [];
  const writeInventory = (file: string, opts: InventoryOptions = {}) =>
    writeLabInventory(file, {
      group: 'faults',
      hosts: opts.hosts ?? hosts,
      knownHostsFile: opts.knownHostsFile,
      vars: {
        fault_secret: `!secret "${FAULT_SECRET}"`,
        fault_env_secret: '!env RBTEST_FAULT_ENV_SECRET',
        fault_short_secret: `!secret "${FAULT_SHORT_SECRET}"`,
        ...opts.vars,
      },
    });
  const inventory = writeInventory(join(dir, 'inventory.yaml'));
  return {
    dir,
    inventory,
    outputs,
    writeInventory,
    async run(args, opts = {}) {
      const r = await runCli(args, { cwd: dir, timeoutMs: opts.timeoutMs ?? 90_000, env: { ...SECRET_ENV, ...opts.env } });
      outputs.push(r.output);
      appendOutput(log, `runbook ${args.join(' ')} -> exit ${r.code}`, r.output);
      return r;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function parseJson(r: CliResult): RunJson {
  try {
    return JSON.parse(r.stdout) as RunJson;
  } catch (error) {
    throw new Error(`stdout is not one JSON document (${(error as Error).message}):\n${describeRun(r)}`);
  }
}

export const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
