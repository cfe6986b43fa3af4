// -e as Ansible takes it: key=value, a JSON object, @file (YAML or JSON), later ones winning.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExtraVars } from '../../src/cli/parse-extra-vars.js';
import { UsageError } from '../../src/core/errors.js';
import { Secret } from '../../src/core/secret.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-extra-vars-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'extra.yml'), 'port: 8080\nname: from-file\ntoken: !env EXTRA_TOKEN\nlist: [a, b]\n');
writeFileSync(join(dir, 'list.yml'), '- a\n');
writeFileSync(join(dir, 'broken.yml'), 'a: [\n');

describe('parseExtraVars', () => {
  it('reads @file relative to cwd, keeping types and !env secrets, in order with the others', () => {
    const vars = parseExtraVars(['name=first', '@extra.yml', '{"port": 9090}'], dir, { EXTRA_TOKEN: 't0ken' });
    expect(vars).toMatchObject({ name: 'from-file', port: 9090, list: ['a', 'b'] });
    expect(vars.token).toBeInstanceOf(Secret);
    expect((vars.token as Secret).reveal()).toBe('t0ken');
  });

  it('refuses a missing file, a list and broken YAML as usage errors', () => {
    expect(() => parseExtraVars(['@nope.yml'], dir)).toThrow(/-e @nope.yml: cannot read the file \(ENOENT\)/);
    expect(() => parseExtraVars(['@list.yml'], dir)).toThrow(/must hold a mapping/);
    expect(() => parseExtraVars(['@broken.yml'], dir)).toThrow(UsageError);
  });
});
