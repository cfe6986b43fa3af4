// The differential harness of the system modules: one playbook applied by ansible-playbook to one lab host and by runbook to another.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { describeRun, inHostOk, labInfo, resetLabHosts, runCli, writeLabInventory, type LabHostInfo } from '../helpers/index.js';

/** Task name -> whether it changed the host (`changed`) or not (`ok`). */
export type TaskOutcomes = Record<string, 'changed' | 'ok'>;

/** A play of named tasks (YAML of one task's module line), for hosts `target`. */
export type Tasks = ReadonlyArray<readonly [name: string, task: string]>;

export interface DiffWorkspace {
  dir: string;
  /** ansible-playbook on `host`: each task's outcome from its default output. */
  ansible(host: LabHostInfo, tasks: Tasks): Promise<TaskOutcomes>;
  /** runbook apply --json on `host`: each task's outcome, and the host's exec count. */
  runbook(host: LabHostInfo, tasks: Tasks): Promise<{ outcomes: TaskOutcomes; execs: number }>;
  remove(): void;
}

/** The playbook both tools run: one play on `target`, no facts gathered. */
export function playbookOf(tasks: Tasks): string {
  return `- hosts: target\n  gather_facts: false\n  tasks:\n${tasks.map(([name, task]) => `    - name: ${name}\n      ${task}\n`).join('')}`;
}

/** A temp folder with an inventory per tool; each run writes its playbook there. */
export function diffWorkspace(): DiffWorkspace {
  const lab = labInfo();
  if (!lab) throw new Error('no lab is running');
  const dir = mkdtempSync(join(tmpdir(), 'rb-sysdiff-'));
  const playbook = join(dir, 'play.yaml');
  return {
    dir,
    async ansible(host, tasks) {
      writeFileSync(playbook, playbookOf(tasks));
      const inventory = join(dir, `ansible-${host.name}.yaml`);
      writeFileSync(inventory, JSON.stringify({
        all: {
          vars: {
            ansible_user: 'root',
            ansible_ssh_private_key_file: lab.keyFile,
            ansible_ssh_common_args: `-o UserKnownHostsFile=${lab.knownHostsFile} -o StrictHostKeyChecking=yes`,
            ansible_python_interpreter: '/usr/bin/python3',
          },
          children: { target: { hosts: { [host.name]: { ansible_host: '127.0.0.1', ansible_port: host.port } } } },
        },
      }));
      mkdirSync(join(dir, 'ansible-tmp'), { recursive: true });
      const r = await run('ansible-playbook', ['-i', inventory, playbook], {
        ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-tmp'), ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_HOST_KEY_CHECKING: '1',
        // Tuned as its documentation advises (test/bench/ansible/ansible.cfg): one ssh connection per host, kept.
        ANSIBLE_PIPELINING: '1', ANSIBLE_SSH_ARGS: '-o ControlMaster=auto -o ControlPersist=60s', ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
      });
      expect(r.code, `ansible-playbook:\n${r.stdout}\n${r.stderr}`).toBe(0);
      return ansibleOutcomes(r.stdout, host.name);
    },
    async runbook(host, tasks) {
      writeFileSync(playbook, playbookOf(tasks));
      const inventory = writeLabInventory(join(dir, `runbook-${host.name}.yaml`), { group: 'target', hosts: [host] });
      const r = await runCli(['apply', playbook, '-i', inventory, '--yes', '--json'], { cwd: dir, timeoutMs: 60_000 });
      expect(r.code, describeRun(r)).toBe(0);
      const json = JSON.parse(r.stdout) as { hosts: Record<string, { execs: number }>; changes: Array<{ host: string; task: string }> };
      const changed = new Set(json.changes.filter((c) => c.host === host.name).map((c) => c.task));
      return { outcomes: Object.fromEntries(tasks.map(([t]) => [t, changed.has(t) ? 'changed' : 'ok'])), execs: json.hosts[host.name]!.execs };
    },
    remove() {
      // Ends the ControlPersist masters ansible left (they would linger 60 s).
      for (const socket of existsSync(join(dir, 'cp')) ? readdirSync(join(dir, 'cp')) : []) {
        spawnSync('ssh', ['-o', `ControlPath=${join(dir, 'cp', socket)}`, '-O', 'exit', 'lab'], { stdio: 'ignore' });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `TASK [name]` followed by `changed: [host]` or `ok: [host]` in Ansible's default output. */
function ansibleOutcomes(stdout: string, hostName: string): TaskOutcomes {
  const outcomes: TaskOutcomes = {};
  let task: string | undefined;
  for (const line of stdout.split('\n')) {
    const header = /^TASK \[(.*)\] \**$/.exec(line);
    if (header) task = header[1];
    const result = /^(changed|ok): \[([^\]]+)\]/.exec(line);
    if (result && task !== undefined && result[2] === hostName) outcomes[task] = result[1] as 'changed' | 'ok';
  }
  return outcomes;
}

/** The two lab hosts of a differential describe (lab-h2 for ansible-playbook, lab-h3 for runbook) and its workspace. */
export interface DiffPair {
  ws: DiffWorkspace;
  ansibleHost: LabHostInfo;
  runbookHost: LabHostInfo;
}

/**
 * Registers the describe's hooks: before its tests both hosts are made fresh, checked to have their own root and
 * given to `prepare` (a seed), and a workspace is made; after them it is removed and the hosts made fresh again.
 * The pair's fields are there once the tests run.
 */
export function diffPair(prepare?: (host: LabHostInfo) => Promise<void>): DiffPair {
  const pair = {} as DiffPair;
  beforeAll(async () => {
    [pair.ansibleHost, pair.runbookHost] = labInfo()!.hosts.slice(2, 4) as [LabHostInfo, LabHostInfo];
    await resetLabHosts([pair.ansibleHost.name, pair.runbookHost.name]);
    for (const host of [pair.ansibleHost, pair.runbookHost]) {
      await expectOwnRoot(host);
      await prepare?.(host);
    }
    pair.ws = diffWorkspace();
  }, 120_000);
  afterAll(async () => {
    pair.ws?.remove();
    if (pair.ansibleHost) await resetLabHosts([pair.ansibleHost.name, pair.runbookHost.name]);
  }, 120_000);
  return pair;
}

/**
 * Both tools apply `tasks` to their host of the pair: the same outcome per task (`oks` of them ok) and
 * the same output of the `state` script on both hosts; then runbook's rerun changes nothing.
 * Returns that state and the rerun's exec count, for the caller's own checks.
 */
export async function expectSameAsAnsible(pair: DiffPair, tasks: Tasks, oks: number, state: string): Promise<{ state: string; rerunExecs: number }> {
  const ansible = await pair.ws.ansible(pair.ansibleHost, tasks);
  const runbook = await pair.ws.runbook(pair.runbookHost, tasks);
  expect(Object.keys(ansible)).toEqual(tasks.map(([name]) => name));
  expect(runbook.outcomes).toEqual(ansible);
  expect(Object.values(ansible).filter((o) => o === 'ok')).toHaveLength(oks);
  const [a, r] = await Promise.all([inHostOk(pair.ansibleHost.name, state), inHostOk(pair.runbookHost.name, state)]);
  expect(r).toBe(a);
  const again = await pair.ws.runbook(pair.runbookHost, tasks);
  expect(Object.values(again.outcomes).every((o) => o === 'ok'), JSON.stringify(again.outcomes)).toBe(true);
  return { state: r, rerunExecs: again.execs };
}

/**
 * Verifies that a lab host's files are its own before anything is applied there: its root is an
 * overlay in its own mount namespace, so what the tasks write never reaches this machine.
 */
export async function expectOwnRoot(host: LabHostInfo): Promise<void> {
  expect((await inHostOk(host.name, 'stat -f -c %T /')).trim()).toBe('overlayfs');
  const marker = `/etc/rb-isolation-${process.pid}`;
  await inHostOk(host.name, `echo x > ${marker}`);
  let leaked = true;
  try {
    readFileSync(marker);
  } catch {
    leaked = false;
  }
  await inHostOk(host.name, `rm -f ${marker}`);
  expect(leaked, `${marker} written on ${host.name} appeared on this machine`).toBe(false);
}

function run(file: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
