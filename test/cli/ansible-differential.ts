// Runs the same tasks with ansible-playbook (-c local) and with runbook (local connection) on copies of the same
// starting files, each in its own fresh temp folder, and reports per task changed/ok and what each left behind.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLocalProject } from './local-project.js';

const run = promisify(execFile);

/** One task over its own files: `@` in any string of args is the temp folder. */
export interface DifferentialCase {
  name: string;
  /** Starting files: name -> content (mode 0644), [content, mode], a symlink's target or a folder's mode. */
  files: Record<string, string | [string, number] | { link: string } | { directory: number }>;
  module: string;
  args: Record<string, unknown>;
  /** Task keywords beside the module (register, with_items, when), `@` resolved as in args. */
  keywords?: Record<string, unknown>;
}

export interface SideResult {
  /** Task name -> 'changed' | 'ok' | 'failed'. */
  outcome: Record<string, string>;
  /** File name -> what is there ('absent' when nothing). */
  files: Record<string, { content: string; mode: string; links: number; owner: string } | { link: string; owner: string } | { directory: true; mode: string; owner: string } | 'absent'>;
  /** Changes reported by a second run of the same tasks. */
  rerunChanged: number;
}

export const ansibleMissing = (): string | undefined => {
  for (const dir of (process.env['PATH'] ?? '').split(':')) if (existsSync(join(dir, 'ansible-playbook'))) return undefined;
  return 'ansible-playbook is not installed (install ansible-core to run the differential test)';
};

function resolveArgs(value: unknown, dir: string): unknown {
  if (typeof value === 'string') return value.replaceAll('@', dir);
  if (Array.isArray(value)) return value.map((v) => resolveArgs(v, dir));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveArgs(v, dir)]));
  return value;
}

function seed(dir: string, cases: DifferentialCase[]): Array<{ name: string; [module: string]: unknown }> {
  for (const c of cases) {
    for (const [file, spec] of Object.entries(c.files)) {
      if (typeof spec === 'object' && 'link' in spec) symlinkSync(spec.link, join(dir, file));
      else if (typeof spec === 'object' && 'directory' in spec) mkdirSync(join(dir, file), { mode: spec.directory });
      else {
        const [content, mode] = typeof spec === 'string' ? [spec, 0o644] : spec;
        writeFileSync(join(dir, file), content);
        chmodSync(join(dir, file), mode);
      }
    }
  }
  return cases.map((c) => ({ name: c.name, [c.module]: resolveArgs(c.args, dir), ...(resolveArgs(c.keywords ?? {}, dir) as object) }));
}

/** What is at each name: a symlink's target, a folder's mode, a file's content, mode and number of names; each one's own uid:gid. */
function snapshot(dir: string, names: string[]): SideResult['files'] {
  const files: SideResult['files'] = {};
  for (const name of names) {
    const path = join(dir, name);
    if (!existsSync(path) && !isLink(path)) {
      files[name] = 'absent';
      continue;
    }
    const stat = lstatSync(path);
    const mode = (stat.mode & 0o7777).toString(8).padStart(4, '0');
    const owner = `${stat.uid}:${stat.gid}`;
    if (stat.isSymbolicLink()) files[name] = { link: readlinkSync(path).replaceAll(dir, '@'), owner };
    else if (stat.isDirectory()) files[name] = { directory: true, mode, owner };
    else files[name] = { content: readFileSync(path, 'utf8'), mode, links: stat.nlink, owner };
  }
  return files;
}

const isLink = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

const fileNames = (cases: DifferentialCase[], extra: string[]): string[] => [...new Set([...cases.flatMap((c) => Object.keys(c.files)), ...extra])].sort();

/** The play's handlers (`@` resolved as in tasks), when it has any: each case's task is a handler named by its case. */
const handlersOf = (dir: string, handlers: DifferentialCase[]) => (handlers.length > 0 ? { handlers: seed(dir, handlers) } : {});

/** ansible-playbook -c local, its json callback giving each task's outcome. */
export async function runAnsible(cases: DifferentialCase[], created: string[] = [], handlers: DifferentialCase[] = []): Promise<SideResult & { output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-ansible-diff-'));
  try {
    const playbook = join(dir, '.site.yml');
    writeFileSync(playbook, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: seed(dir, cases), ...handlersOf(dir, handlers) }]));
    // ansible-core 2.14 has no json callback without community.general: the default one's lines are read.
    const env = { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'default', ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: 'false' };
    const play = async (): Promise<string> => {
      const result = await run('ansible-playbook', ['-c', 'local', '-i', 'localhost,', playbook], { env, maxBuffer: 1 << 24 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
      return result.stdout;
    };
    const first = await play();
    const outcome: Record<string, string> = {};
    for (const m of first.matchAll(/^TASK \[(.+?)\] \**\n(changed|ok|fatal): \[localhost\]/gm)) outcome[m[1]!] = m[2] === 'fatal' ? 'failed' : m[2]!;
    const files = snapshot(dir, fileNames(cases, created));
    const second = await play();
    return { outcome, files, rerunChanged: Number(/^localhost\s*:.*changed=(\d+)/m.exec(second)?.[1] ?? -1), output: first };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** runbook apply over the local connection; each task's outcome from its `me: changed: NAME` line. */
export async function runRunbook(cases: DifferentialCase[], created: string[] = [], handlers: DifferentialCase[] = []): Promise<SideResult & { rerunExecs: number; output: string }> {
  const project = createLocalProject('ansible-diff');
  const dir = join(project.dir, 'files');
  try {
    await run('mkdir', [dir]);
    project.writeRunbook('site.yaml', [JSON.stringify([{ name: 'differential', hosts: 'me', tasks: seed(dir, cases), ...handlersOf(dir, handlers) }])]);
    const first = await project.apply('site.yaml');
    const outcome: Record<string, string> = {};
    for (const m of first.stderr.matchAll(/^me: (changed|ok|failed): (.+?)(?: \(\d+ ms\))?$/gm)) outcome[m[2]!] = m[1]!;
    const files = snapshot(dir, fileNames(cases, created));
    const second = await project.apply('site.yaml');
    const rerun = JSON.parse(second.stdout || '{}') as { hosts?: Record<string, { changed: number; execs: number }> };
    return { outcome, files, rerunChanged: rerun.hosts?.['me']?.changed ?? -1, rerunExecs: rerun.hosts?.['me']?.execs ?? -1, output: first.stderr + second.stderr };
  } finally {
    project.remove();
  }
}

/** Whether ansible-playbook finds a collection's module (community.general comes with the `ansible` package, not ansible-core). */
export async function ansibleModuleMissing(module: string): Promise<string | undefined> {
  const missing = ansibleMissing();
  if (missing !== undefined) return missing;
  // ansible-doc exits 0 with a warning for a module it cannot find: its JSON is then empty.
  const found = await run('ansible-doc', ['--json', '-t', 'module', module]).then(
    ({ stdout }) => module in (JSON.parse(stdout) as object),
    () => false,
  );
  return found ? undefined : `${module} is not installed (ansible-core has no community.general: install the ansible package, or point ANSIBLE_COLLECTIONS_PATH at it)`;
}
