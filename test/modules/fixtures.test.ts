// Runs every host module's data fixtures (test/modules/<module folder>/<case>.yaml): args + facts ->
// schema, prepare, facts, plan -> the expected outcome; then pyinfra's idempotence check: a planned
// change, applied to the facts as the planner's overlay applies it, leaves nothing more to do.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, type Tags } from 'yaml';
import type { Change } from '../../src/core/change.js';
import { EngineError } from '../../src/core/errors.js';
import type { FactRequest, FactSet } from '../../src/core/facts.js';
import { factKey } from '../../src/facts/fact-kinds.js';
import type { HostModule, TaskPlan } from '../../src/core/module.js';
import { isSecret, Secret } from '../../src/core/secret.js';
import { createFactSet, type AnyFact } from '../../src/facts/fact-set.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { nativePasswordHash } from '../../src/modules/lib/mysql/native-password-hash.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { createOverlayFacts } from '../../src/facts/overlay-facts.js';
import { LocalShellTransport } from '../facts/local-shell-transport.js';
import { startCheckServer } from './check-server.js';
import { commandFact, fakePrepareContext, toFact, type CommandAnswer } from './fixture-facts.js';
import { checkRecorded, createRecordingMysql } from './recording-mysql.js';

const root = dirname(fileURLToPath(import.meta.url));
const srcModules = resolve(root, '../../src/modules');
const catalog = createModuleCatalog();
const server = await startCheckServer();
const mysql = createRecordingMysql();
afterAll(async () => {
  mysql.remove();
  await server.close();
});

/** How a module's fixtures answer the facts it asks for. */
type FactSource =
  /** Given in the fixture by fact key (`facts:`). */
  | 'given'
  /**
   * Its one command fact answered by `fact:` (exit_code, stdout, stderr; query_contains,
   * argv_contains, option_file about the query). Every script it makes runs under /bin/sh against
   * a `mysql` that records what it got, so quoting is tested for real.
   */
  | 'recorded-mysql'
  /** Gathered for real on this machine, against a local HTTP server (args: `!check_url PATH`, `!check_port`). */
  | 'live';

const FACT_SOURCES: Readonly<Record<string, FactSource>> = {
  mysql_user: 'recorded-mysql',
  mysql_grant: 'recorded-mysql',
  mysql_db: 'recorded-mysql',
  mysql_replication: 'recorded-mysql',
  http: 'live',
  wait_for: 'live',
};

/**
 * Modules exempt from the idempotence check, and why: their changes are commands, whose effect the
 * overlay does not model. The check still holds them to it: such a module planning anything but a
 * command fails here, so the exemption cannot hide a file change.
 */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  command: 'a command does what it does: its effect is known only once it has run ("would run")',
  package: 'an install or removal runs the package manager; the overlay keeps no package facts',
  service: 'start, stop and enable run the init system (the overlay keeps no service state), and a restart or reload is a change each time it is asked',
  mysql_user: 'its SQL runs through the mysql client; the overlay keeps no database facts',
  mysql_grant: 'its SQL runs through the mysql client; the overlay keeps no database facts',
  mysql_db: 'its SQL runs through the mysql client; the overlay keeps no database facts',
  mysql_replication: 'its SQL runs through the mysql client; the overlay keeps no database facts',
  user: 'useradd, usermod and userdel change the account files themselves; the overlay keeps no account facts',
  group: 'groupadd, groupmod and groupdel change /etc/group themselves; the overlay keeps no account facts',
  hostname: 'hostnamectl sets the name on a systemd host, which the overlay does not model (the /etc/hostname edit is checked)',
  mount: 'mount, umount and rmdir change the mounts, which the overlay does not model (its fstab edit is checked)',
  sysctl: 'sysctl -w and sysctl -p set the kernel\'s values, which the overlay does not model (its file edit is checked)',
  openssh_keypair: 'ssh-keygen makes the key pair (and chmod sets the private key\'s mode): the overlay does not model it (its .pub attrs change is checked)',
  cron: "a user's crontab is installed by `crontab -u USER -`, which the overlay does not model (its cron.d file edits are checked)",
  apt_key: 'apt-key adds and removes keys in its keyrings itself; the overlay keeps no key facts',
  apt_repository: 'apt-get update (update_cache) fetches the lists, which the overlay does not model (its sources file edits are checked)',
  timezone: 'timedatectl set-timezone and dpkg-reconfigure tzdata set the zone, which the overlay does not model (the /etc/timezone edit and the /etc/localtime link are checked)',
};

interface ExpectedChange {
  kind?: Change['kind'];
  path?: string;
  reason?: string;
  content?: string;
  mode?: string;
  owner?: string;
  group?: string;
  validate?: string;
  command_contains?: string[];
  summary?: string;
  changed_when?: string;
  timeout?: number;
  /** recorded-mysql: what the client got on stdin, in its argv, in its option file. */
  stdin?: string;
  argv?: string;
  option_file?: string;
  /** recorded-mysql: what mysqldump got in its argv. */
  dump_argv?: string;
}
interface Fixture {
  description?: string;
  args: Record<string, unknown>;
  vars?: Record<string, string>;
  /** include_vars: the vars files read at load, by name. */
  vars_files?: Record<string, Record<string, unknown>>;
  facts?: Record<string, Record<string, unknown>>;
  fact?: CommandAnswer & { query_contains?: string; argv_contains?: string; option_file?: string };
  expect: {
    unchanged?: string;
    /** What `register:` keeps of an unchanged plan, beyond its status (stat's `stat`, debug's `msg`), or of a failure (assert's `assertion`). */
    registered?: Record<string, unknown>;
    /** What it shows (debug's message); absent: shows nothing. */
    output?: string | null;
    error?: string;
    invalid?: string;
    changes?: ExpectedChange[];
    server_saw?: string;
  };
}

const customTags: Tags = [
  { tag: '!secret', resolve: (value: string) => new Secret(value, 'fixture') },
  { tag: '!check_url', resolve: (path: string) => `http://127.0.0.1:${server.port}${path}` },
  { tag: '!check_port', resolve: () => server.port },
  { tag: '!scratch', resolve: (name: string) => mysql.scratch(name) },
];

const snakeCase = (folder: string) => folder.replaceAll('-', '_');
const yamlIn = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
/** A fixture folder is a direct subfolder holding `*.yaml` cases, named as its module's folder in src/modules/. */
const fixtureDirs = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory() && yamlIn(join(root, d)).length > 0);
const moduleFolders = readdirSync(srcModules).filter((d) => d !== 'lib' && statSync(join(srcModules, d)).isDirectory());

test('every fixture folder is a host module folder of src/modules/, and every host module has fixtures', () => {
  for (const dir of fixtureDirs) {
    expect(moduleFolders, `no module folder src/modules/${dir}`).toContain(dir);
    expect(catalog.get(snakeCase(dir))?.target, `${dir} is no host module`).toBe('host');
  }
  // Controller modules are tested against the cloud emulator instead (test/modules/tencentcloud-*/).
  const hostModules = moduleFolders.filter((d) => catalog.get(snakeCase(d))?.target === 'host');
  expect(fixtureDirs.sort()).toEqual(hostModules.sort());
});

test('the idempotence exemptions name host modules with fixtures', () => {
  for (const name of Object.keys(NOT_SIMULATED)) expect(fixtureDirs.map(snakeCase)).toContain(name);
});

for (const dir of fixtureDirs) {
  const moduleName = snakeCase(dir);
  describe(moduleName, () => {
    for (const file of yamlIn(join(root, dir))) {
      const fixture = parse(readFileSync(join(root, dir, file), 'utf8'), { customTags }) as Fixture;
      const title = file.replace(/\.yaml$/, '') + (fixture.description ? `: ${fixture.description}` : '');
      test(title, () => runFixture(catalog.get(moduleName) as HostModule<any, any>, join(root, dir), fixture));
    }
  });
}

async function runFixture(module: HostModule<any, any>, moduleDir: string, fixture: Fixture): Promise<void> {
  const source = FACT_SOURCES[module.name] ?? 'given';
  const parsed = module.schema.safeParse(fixture.args);
  if (fixture.expect.invalid !== undefined) {
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain(fixture.expect.invalid);
    return;
  }
  if (!parsed.success) throw new Error(`args rejected: ${JSON.stringify(parsed.error.issues)}`);
  const prepared = module.prepare ? module.prepare(parsed.data, fakePrepareContext(moduleDir, fixture.vars ?? {}, fixture.vars_files)) : parsed.data;
  const facts = await factsFor(source, module.facts(prepared), fixture);

  let plan: TaskPlan;
  try {
    plan = module.plan(prepared, facts);
  } catch (error) {
    if (fixture.expect.error === undefined) throw error;
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toContain(fixture.expect.error);
    if (fixture.expect.registered !== undefined) expect((error as { registered?: unknown }).registered).toEqual(fixture.expect.registered);
    assertNoSecrets(fixture, [(error as Error).message]);
    return;
  }
  expect(fixture.expect.error, 'expected the plan to fail').toBeUndefined();
  if (fixture.expect.server_saw !== undefined) expect(server.seen.at(-1)).toBe(fixture.expect.server_saw);
  if (fixture.expect.unchanged !== undefined) {
    expect(plan).toMatchObject({ status: 'unchanged' });
    if (plan.status === 'unchanged') expect(plan.reason).toContain(fixture.expect.unchanged);
    if (plan.status === 'unchanged' && fixture.expect.registered !== undefined) expect(plan.registered).toEqual(fixture.expect.registered);
    if (plan.status === 'unchanged' && fixture.expect.output !== undefined) expect(plan.output).toBe(fixture.expect.output ?? undefined);
    assertNoSecrets(fixture, plan.status === 'unchanged' ? [plan.reason] : []);
    return;
  }
  expect(plan.status, `expected changes, got: ${JSON.stringify(plan)}`).toBe('change');
  const changes = plan.status === 'change' ? plan.changes : [];
  const wanted = fixture.expect.changes ?? [];
  expect(changes.map((c) => `${c.kind}: ${c.reason}`)).toHaveLength(wanted.length);
  changes.forEach((change, i) => {
    checkChange(change, wanted[i]!);
    if (source === 'recorded-mysql') checkClientRun(change, wanted[i]!, fixture);
    assertNoSecrets(fixture, [change.reason, change.kind === 'command' ? (change.summary ?? '') : '']);
  });
  checkIdempotent(module, prepared, facts, changes);
}

/** The facts the module asked for, answered as its fixtures do; a fixture gives no fact it was not asked for. */
async function factsFor(source: FactSource, requests: FactRequest[], fixture: Fixture): Promise<FactSet> {
  if (source === 'live') return gatherFacts(new LocalShellTransport(), requests);
  if (source === 'recorded-mysql') {
    // One query; a file it needs beside (mysql_db import's target) is given in `facts:`.
    const [request, ...others] = requests;
    if (request?.kind !== 'command' || others.some((r) => r.kind === 'command')) throw new Error(`expected one command fact first, got ${requests.map(factKey).join(', ')}`);
    const fact = fixture.fact ?? {};
    // The query really runs through sh: its quoting must hand the client the SQL intact.
    const query = mysql.run(request.command);
    if (fact.query_contains !== undefined) expect(query.argv).toContain(fact.query_contains);
    checkRecorded(query, { argv: fact.argv_contains, option_file: fact.option_file });
    return givenFacts(others, fixture, [[factKey(request), commandFact(request.command, fact)]]);
  }
  return givenFacts(requests, fixture, []);
}

/** Facts answered from the fixture's `facts:` by key, beside those already answered. */
function givenFacts(requests: FactRequest[], fixture: Fixture, answered: Array<[string, AnyFact]>): FactSet {
  const given = fixture.facts ?? {};
  const answers = new Map<string, AnyFact>(answered);
  for (const request of requests) {
    const key = factKey(request);
    if (!(key in given)) throw new Error(`fixture lacks the fact ${key} that the module asks for`);
    answers.set(key, toFact(request, given[key]!));
  }
  // Facts the module never asked for would make a fixture lie about what it tests.
  expect(Object.keys(given).filter((k) => !answers.has(k))).toEqual([]);
  return createFactSet(answers);
}

function checkChange(actual: Change, want: ExpectedChange): void {
  if (want.kind !== undefined) expect(actual.kind).toBe(want.kind);
  if (want.reason !== undefined) expect(actual.reason).toContain(want.reason);
  if (want.path !== undefined) expect('path' in actual ? actual.path : undefined).toBe(want.path);
  if (want.content !== undefined) expect(writtenText(actual)).toBe(want.content);
  for (const key of ['mode', 'owner', 'group', 'validate', 'summary'] as const) {
    if (want[key] !== undefined) expect((actual as unknown as Record<string, unknown>)[key]).toBe(want[key]);
  }
  if (want.command_contains) {
    expect(actual.kind).toBe('command');
    for (const part of want.command_contains) expect(actual.kind === 'command' ? actual.command : '').toContain(part);
  }
  if (want.changed_when !== undefined) expect(actual.kind === 'command' ? actual.changedWhen : undefined).toBe(want.changed_when);
  if (want.timeout !== undefined) expect(actual.kind === 'command' ? actual.timeoutSeconds : undefined).toBe(want.timeout);
}

/**
 * The text a change writes: a file's content; or what a command installs by itself (a crontab
 * through `crontab -`), which its diff shows and its script must carry (base64) to the host.
 */
function writtenText(change: Change): string | undefined {
  if (change.kind === 'write') return change.content.toString('utf8');
  if (change.kind !== 'command' || change.files?.length !== 1) return undefined;
  const after = change.files[0]!.after ?? '';
  expect(change.command).toContain(Buffer.from(after).toString('base64'));
  return after;
}

/** A mysql module's change runs through sh against the recording client: what the server would get. */
function checkClientRun(change: Change, want: ExpectedChange, fixture: Fixture): void {
  expect(change.kind).toBe('command');
  if (change.kind !== 'command') return;
  const recorded = mysql.run(change.command);
  if (want.stdin !== undefined) expect(recorded.stdin).toBe(want.stdin);
  checkRecorded(recorded, { argv: want.argv, option_file: want.option_file });
  if (want.dump_argv !== undefined) expect(recorded.dumpArgv).toContain(want.dump_argv);
  // The account password never leaves the controller in plain text, not even in the script (with encrypted it is the hash).
  const password = fixture.args.encrypted === true ? undefined : plainText(fixture.args.password);
  if (password !== undefined) expect(change.command).not.toContain(password);
}

/** pyinfra's check: plan again on the facts as the changes leave them; nothing more may be left to do. */
function checkIdempotent(module: HostModule<any, any>, prepared: unknown, facts: FactSet, changes: Change[]): void {
  const after = createOverlayFacts(facts);
  for (const change of changes) after.simulate(change);
  const again = module.plan(prepared, after);
  if (NOT_SIMULATED[module.name] !== undefined) {
    // Its commands are not modelled, its file changes are: planned again, no file change may be left.
    const left = again.status === 'unchanged' ? [] : again.changes.filter((c) => c.kind !== 'command').map((c) => c.kind);
    expect(left, `${module.name} is exempt from the idempotence check for its commands only, yet plans these again`).toEqual([]);
    return;
  }
  // A command declared `always` (file's touch with `now`) is a change every run by nature, as in Ansible.
  const left = again.status === 'change' ? again.changes.filter((c) => !(c.kind === 'command' && c.always === true)) : [];
  expect(left, 'planned again on the facts its changes leave, it must have nothing more to do').toEqual([]);
  expect(again.status, 'planned again, it cannot be unknown').not.toBe('unknown');
}

function plainText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : isSecret(value) ? value.reveal() : undefined;
}

/** Neither a password, its hash, nor any hash the server showed may appear in text shown to people. */
function assertNoSecrets(fixture: Fixture, shown: string[]): void {
  const secrets: string[] = [];
  for (const key of ['password', 'login_password']) {
    const value = plainText(fixture.args[key]);
    if (value !== undefined) secrets.push(value, nativePasswordHash(value));
  }
  for (const text of shown) {
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\*[0-9A-F]{40}/);
  }
}
