// Runs the mysql modules' data fixtures: args + the answer to their one query -> the expected plan.
// Commands are run for real by /bin/sh against a stand-in `mysql` that records its argv, stdin and option file.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CommandChange } from '../../../src/core/change.js';
import { factKey, type FactRequest } from '../../../src/core/facts.js';
import type { ModuleDefinition, TaskPlan } from '../../../src/core/module.js';
import { Secret } from '../../../src/core/secret.js';
import { createFactSet } from '../../../src/facts/fact-set.js';
import { mysqlDbModule } from '../../../src/modules/mysql-db/index.js';
import { mysqlGrantModule } from '../../../src/modules/mysql-grant/index.js';
import { nativePasswordHash } from '../../../src/modules/lib/mysql/native-password-hash.js';
import { mysqlUserModule } from '../../../src/modules/mysql-user/index.js';

const MODULES: Record<string, ModuleDefinition<any>> = {
  mysql_user: mysqlUserModule,
  mysql_grant: mysqlGrantModule,
  mysql_db: mysqlDbModule,
};

interface Recorded {
  argv: string;
  stdin: string;
  optionFile?: string;
}
interface FactFixture {
  exit_code?: number;
  stdout?: string;
  stderr?: string;
  query_contains?: string;
  argv_contains?: string;
  option_file?: string;
}
interface ChangeExpectation {
  reason?: string;
  summary?: string;
  stdin?: string;
  argv?: string;
  option_file?: string;
}
interface Fixture {
  description: string;
  args: Record<string, unknown>;
  secret_args?: string[];
  fact?: FactFixture;
  expect: { unchanged?: string; changes?: ChangeExpectation[]; error?: string };
}

const work = mkdtempSync(join(tmpdir(), 'rb-mysql-fixtures-'));
const fakeBin = join(work, 'bin');
const FAKE_MYSQL = `#!/bin/sh
out="$RB_FAKE_OUT"
case "$1" in --defaults-extra-file=*) cat "\${1#--defaults-extra-file=}" >"$out.option"; shift;; esac
printf '%s' "$*" >"$out.argv"
cat >"$out.stdin"
`;
spawnSync('mkdir', ['-p', fakeBin]);
writeFileSync(join(fakeBin, 'mysql'), FAKE_MYSQL);
chmodSync(join(fakeBin, 'mysql'), 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let runs = 0;
/** Runs a generated script with /bin/sh, `mysql` being the recorder; what the real client would have received. */
function runWithFakeMysql(script: string): Recorded {
  const out = join(work, `run${runs++}`);
  const result = spawnSync('/bin/sh', ['-c', script], {
    env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH}`, RB_FAKE_OUT: out },
    input: '',
  });
  expect(result.status, `script failed: ${result.stderr}`).toBe(0);
  const read = (suffix: string) => (existsSync(out + suffix) ? readFileSync(out + suffix, 'utf8') : undefined);
  return { argv: read('.argv') ?? '', stdin: read('.stdin') ?? '', optionFile: read('.option') };
}

function checkRecorded(recorded: Recorded, expected: { argv?: string; option_file?: string }): void {
  if (expected.argv !== undefined) expect(recorded.argv).toContain(expected.argv);
  if (expected.option_file !== undefined) expect(recorded.optionFile).toBe(expected.option_file);
  // A login password never reaches the client's argv: it is read from the option file.
  expect(recorded.argv).not.toMatch(/(^| )(-p|--password)/);
}

const root = new URL('.', import.meta.url).pathname;
for (const moduleName of Object.keys(MODULES)) {
  describe(`${moduleName} fixtures`, () => {
    const dir = join(root, moduleName);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const fixture = parse(readFileSync(join(dir, file), 'utf8')) as Fixture;
      it(`${file}: ${fixture.description}`, () => runFixture(MODULES[moduleName]!, fixture));
    }
  });
}

function runFixture(module: ModuleDefinition<any>, fixture: Fixture): void {
  const raw = { ...fixture.args };
  for (const key of fixture.secret_args ?? []) raw[key] = new Secret(String(raw[key]), `fixture ${key}`);
  const parsed = module.schema.safeParse(raw);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(fixture.expect.error, `unexpected schema error:\n${messages}`).toBeDefined();
    expect(messages).toContain(fixture.expect.error);
    return;
  }
  const args = parsed.data;
  const requests = module.facts!(args);
  expect(requests).toHaveLength(1);
  const request = requests[0] as Extract<FactRequest, { kind: 'command' }>;
  expect(request.kind).toBe('command');
  const fact = fixture.fact ?? {};
  // The query really runs through sh: its quoting must hand the client the SQL intact.
  const query = runWithFakeMysql(request.command);
  if (fact.query_contains !== undefined) expect(query.argv).toContain(fact.query_contains);
  checkRecorded(query, { argv: fact.argv_contains, option_file: fact.option_file });

  const answer = { command: request.command, exitCode: fact.exit_code ?? 0, stdout: fact.stdout ?? '', stderr: fact.stderr ?? '' };
  const facts = createFactSet(new Map([[factKey(request), answer]]));
  let plan: TaskPlan;
  try {
    plan = module.plan!(args, facts);
  } catch (error) {
    expect(fixture.expect.error, `unexpected plan error: ${(error as Error).message}`).toBeDefined();
    expect((error as Error).message).toContain(fixture.expect.error);
    assertNoSecrets(fixture, [(error as Error).message]);
    return;
  }
  expect(fixture.expect.error).toBeUndefined();

  if (fixture.expect.unchanged !== undefined) {
    expect(plan).toMatchObject({ status: 'unchanged' });
    if (plan.status === 'unchanged') expect(plan.reason).toContain(fixture.expect.unchanged);
    assertNoSecrets(fixture, plan.status === 'unchanged' ? [plan.reason] : []);
    return;
  }
  expect(plan.status, `expected changes, got: ${JSON.stringify(plan)}`).toBe('change');
  if (plan.status !== 'change') return;
  const wanted = fixture.expect.changes ?? [];
  expect(plan.changes).toHaveLength(wanted.length);
  plan.changes.forEach((change, index) => {
    const want = wanted[index]!;
    expect(change.kind).toBe('command');
    const command = change as CommandChange;
    if (want.reason !== undefined) expect(command.reason).toContain(want.reason);
    if (want.summary !== undefined) expect(command.summary).toBe(want.summary);
    const recorded = runWithFakeMysql(command.command);
    if (want.stdin !== undefined) expect(recorded.stdin).toBe(want.stdin);
    checkRecorded(recorded, { argv: want.argv, option_file: want.option_file });
    assertNoSecrets(fixture, [command.reason, command.summary ?? '']);
    // The account password never leaves the controller in plain text, not even in the script.
    const password = fixture.args.password;
    if (typeof password === 'string') expect(command.command).not.toContain(password);
  });
}

/** Neither a password, its hash, nor any hash the server showed may appear in text shown to people. */
function assertNoSecrets(fixture: Fixture, shown: string[]): void {
  const secrets: string[] = [];
  for (const key of ['password', 'login_password']) {
    const value = fixture.args[key];
    if (typeof value === 'string') secrets.push(value, nativePasswordHash(value));
  }
  for (const text of shown) {
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\*[0-9A-F]{40}/);
  }
}
