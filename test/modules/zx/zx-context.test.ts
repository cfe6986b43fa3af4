// The zx module's script context, on this machine's /bin/sh: quoting, become, secrets, check, located errors, timeout.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FactSet } from '../../../src/core/facts.js';
import type { ScriptContext } from '../../../src/core/module.js';
import { createRedactor } from '../../../src/core/redactor.js';
import { Secret } from '../../../src/core/secret.js';
import type { ExecOptions, ExecResult, Transport } from '../../../src/core/transport.js';
import { applyZx, planZx, type ZxPrepared } from '../../../src/modules/zx/plan.js';
import { zxArgsSchema } from '../../../src/modules/zx/schema.js';
import { LocalShellTransport } from '../../facts/local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-zx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noFacts = { get: () => ({ exists: false }) } as unknown as FactSet;
let files = 0;

/** A script file in the temp folder (a new path each time: Node caches a module by its path). */
function scriptFile(text: string): string {
  const path = join(dir, `script-${++files}.mjs`);
  writeFileSync(path, text);
  return path;
}

function inline(code: string, line = 10): ZxPrepared {
  return { source: { kind: 'inline', code, file: 'runbooks/site.yaml', line }, args: {} };
}

function context(transport: Transport = new LocalShellTransport(), extra: Partial<ScriptContext> = {}) {
  const logs: string[] = [];
  const secret = new Secret('s3cr3t-value', 'test');
  const redact = createRedactor([secret]);
  const host = { name: 'me', address: '10.0.4.20', groups: ['all', 'lb'], vars: {}, varSources: {}, connection: {} as never };
  const ctx: ScriptContext = {
    env: {},
    redact,
    log: (m) => logs.push(m),
    host,
    vars: { pw: secret, vip: '10.0.4.99', groups: { lb: ['me', 'peer'] }, hostvars: { me: { address: '10.0.4.20' }, peer: { address: '10.0.4.21', pw: secret } } },
    transport,
    ...extra,
  };
  return { ctx, logs };
}

/** Records what each exec was asked, answering exit 0. */
class RecordingTransport extends LocalShellTransport {
  readonly calls: Array<{ script: string; options: ExecOptions }> = [];
  override exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.calls.push({ script, options });
    return super.exec(script, options);
  }
}

describe('$ on the host', () => {
  it('quotes each value as one POSIX word (no bash $\'...\'), arrays as one word per element', async () => {
    const nasty = `it's a "quoted" arg with spaces; $HOME \`id\` $(touch ${dir}/pwned) \\ back\nnewline`;
    const { ctx } = context();
    const out = await applyZx({ ...inline(`return (await $\`printf '[%s]\\n' \${args.nasty} \${['two words', 'x']}\`).stdout;`), args: { nasty } }, ctx);
    expect(out.registered.result).toBe(`[${nasty}]\n[two words]\n[x]\n`);
    expect(() => require('node:fs').statSync(join(dir, 'pwned'))).toThrow();
  });

  it('throws a ProcessOutput on a non-zero exit unless nothrow, and gives zx helpers', async () => {
    const { ctx } = context();
    const out = await applyZx(
      inline(`const bad = await $\`echo oops >&2; exit 3\`.nothrow();
        const viaOpts = await $({ nothrow: true })\`exit 4\`;
        const json = await $\`echo '{"a":[1,2]}'\`.json();
        const lines = await $\`printf 'a\\nb\\n'\`.lines();
        return { code: bad.exitCode, stderr: bad.stderr, ok: bad.ok, four: viaOpts.exitCode, json, lines };`),
      ctx,
    );
    expect(out.registered.result).toEqual({ code: 3, stderr: 'oops\n', ok: false, four: 4, json: { a: [1, 2] }, lines: ['a', 'b'] });
  });

  it("honours the task's become, and become/becomeUser/cwd/env/input per command", async () => {
    const transport = new RecordingTransport();
    const { ctx } = context(transport, { become: true });
    await applyZx(inline('await $`true`; await $({ becomeUser: "www-data", cwd: "/tmp", env: { A: "b c" }, input: "in" })`cat`;'), ctx);
    expect(transport.calls[0]!.options).toMatchObject({ become: true });
    expect(transport.calls[1]!.options).toMatchObject({ become: true, becomeUser: 'www-data', input: 'in' });
    expect(transport.calls[1]!.script).toBe("cd /tmp || exit 1\nexport A='b c'\ncat");
  });

  it('refuses a value it cannot quote (undefined), located', async () => {
    const { ctx } = context();
    await expect(applyZx(inline('\nawait $`echo ${args.missing}`;', 20), ctx)).rejects.toThrow(/runbooks\/site\.yaml:21: .*value 1 of the command is undefined/);
  });
});

describe('secrets', () => {
  it('reach the script as values; what it logs, reports and returns is redacted', async () => {
    const { ctx, logs } = context();
    const out = await applyZx(
      inline(`const echoed = (await $\`printf %s \${host.vars.pw}\`).stdout;
        log('pw', host.vars.pw, { nested: hosts.peer.vars.pw });
        changed('set password ' + echoed);
        return { echoed, same: echoed === host.vars.pw };`),
      ctx,
    );
    expect(out.registered.result).toEqual({ echoed: '<redacted>', same: true });
    expect(out.registered.changes).toEqual(['set password <redacted>']);
    expect(logs.join('\n')).not.toContain('s3cr3t-value');
    expect(logs.join('\n')).toContain("me: pw <redacted> { nested: '<redacted>' }");
  });

  it('is redacted in a failure message too', async () => {
    const { ctx } = context();
    const error = await applyZx(inline('await $`echo ${host.vars.pw} >&2; exit 1`;'), ctx).catch((e: Error) => e);
    expect(String(error)).toContain('<redacted>');
    expect(String(error)).not.toContain('s3cr3t-value');
  });
});

describe('check behaviour', () => {
  it('plans a script without check() as unknown, running nothing', async () => {
    const transport = new RecordingTransport();
    const { ctx } = context(transport);
    const plan = await planZx({ source: { kind: 'file', path: scriptFile('export default async ({ $ }) => { await $`touch /tmp/never`; };') }, args: {} }, noFacts, ctx);
    expect(plan).toMatchObject({ status: 'unknown', reason: 'would run (the script exports no check)' });
    expect(transport.calls).toEqual([]);
  });

  it("runs check() with check: true, and plans what it reports (or nothing to change); main runs only at apply", async () => {
    const path = scriptFile(
      [
        'export async function check({ $, check, changed, diff, args }) {',
        '  const now = (await $`cat ${args.file}`.nothrow()).stdout;',
        '  if (now !== "on\\n") { changed(`turn on (check=${check})`); diff(args.file, now || null, "on\\n"); }',
        '}',
        'export default async function ({ $, args, check, changed }) {',
        '  await $`echo on > ${args.file}`;',
        '  changed(`turned on (check=${check})`);',
        '  return "done";',
        '}',
      ].join('\n'),
    );
    const file = join(dir, 'state');
    const prepared: ZxPrepared = { source: { kind: 'file', path }, args: { file } };
    const { ctx } = context();
    const plan = await planZx(prepared, noFacts, ctx);
    expect(plan).toMatchObject({ status: 'change', changes: [{ kind: 'script', reason: `turn on (check=true); ${file} would change`, files: [{ path: file, before: null, after: 'on\n' }] }] });
    expect(() => require('node:fs').statSync(file)).toThrow();
    const applied = await applyZx(prepared, ctx);
    expect(applied).toMatchObject({ changed: true, registered: { result: 'done', changes: ['turned on (check=false)'] } });
    expect(await planZx(prepared, noFacts, ctx)).toEqual({ status: 'unchanged', reason: 'check: nothing to change' });
  });

  it('skips on creates/removes as command does, before loading the script', async () => {
    const { ctx } = context();
    const exists = { get: () => ({ exists: true }) } as unknown as FactSet;
    const source = { kind: 'file' as const, path: join(dir, 'no-such-script.mjs') };
    expect(await planZx({ source, args: {}, creates: '/srv/done' }, exists, ctx)).toEqual({ status: 'unchanged', reason: 'creates: /srv/done exists' });
    expect(await planZx({ source, args: {}, removes: '/srv/x' }, noFacts, ctx)).toEqual({ status: 'unchanged', reason: 'removes: /srv/x absent' });
  });
});

describe('errors', () => {
  it("locate a failed command at the script file's line", async () => {
    const path = scriptFile('export default async function ({ $ }) {\n  await $`true`;\n  await $`echo broken >&2; exit 7`;\n}\n');
    const { ctx } = context();
    const error = await applyZx({ source: { kind: 'file', path }, args: {} }, ctx).catch((e: Error) => e);
    expect(String(error)).toContain(`${relative(process.cwd(), path)}:3: exit code 7: echo broken >&2; exit 7\nbroken`);
  });

  it('locate a throw in inline code at its runbook line, and a syntax error', async () => {
    const { ctx } = context();
    await expect(applyZx(inline('const a = 1;\nthrow new Error("nope");', 30), ctx)).rejects.toThrow('runbooks/site.yaml:31: nope');
    await expect(applyZx(inline('const = 1;', 40), ctx)).rejects.toThrow(/^runbooks\/site\.yaml:40: SyntaxError/);
    const badFile = scriptFile('export default async function () {\n  return 1 +;\n}\n');
    await expect(applyZx({ source: { kind: 'file', path: badFile }, args: {} }, ctx)).rejects.toThrow(`${relative(process.cwd(), badFile)}:2: SyntaxError`);
  });

  it('refuses a file without a default function, and top-level await', async () => {
    const { ctx } = context();
    await expect(applyZx({ source: { kind: 'file', path: scriptFile('export const x = 1;') }, args: {} }, ctx)).rejects.toThrow(/must export a default function/);
    await expect(applyZx({ source: { kind: 'file', path: scriptFile('await 1;\nexport default () => 1;') }, args: {} }, ctx)).rejects.toThrow(/top-level await is not supported/);
  });

  it("bound a script that never ends by the task's timeout, killing its command", async () => {
    const { ctx } = context(new LocalShellTransport(), { timeoutSeconds: 0.5 });
    const began = Date.now();
    await expect(applyZx(inline('await new Promise(() => {});'), ctx)).rejects.toThrow("runbooks/site.yaml:10: timed out after 0.5 s (the task's timeout:)");
    await expect(applyZx(inline('await sleep(60_000);'), ctx)).rejects.toThrow(/timed out after 0.5 s/);
    expect(Date.now() - began).toBeLessThan(5000);
  });
});

describe('args', () => {
  it('take exactly one of src or code, and no TypeScript file', () => {
    expect(zxArgsSchema.safeParse({ code: 'x' }).success).toBe(true);
    expect(zxArgsSchema.safeParse({ src: 'a.mjs', code: 'x' }).success).toBe(false);
    const ts = zxArgsSchema.safeParse({ src: 'drill.mts' });
    expect(ts.success).toBe(false);
    expect(JSON.stringify(ts.error)).toContain('Node 20 runs no TypeScript');
  });
});
