// parseYaml: plain values, tags with their origin, locations of any path, merge keys, problems as issues.
import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/core/secret.js';
import { parseYaml } from '../../src/runbook/parse-yaml.js';

const text = `base: &base
  user: root
  port: 22
hosts:
  web1:
    <<: *base
    port: 2201
    password: !secret "p@ss"
    token: !env TOKEN
`;

describe('parseYaml', () => {
  const doc = parseYaml(text, 'inv.yaml', { TOKEN: 'tok-9' });

  it('turns the document into plain values, merge keys resolved (explicit keys win)', () => {
    const web1 = (doc.value as any).hosts.web1;
    expect(web1.user).toBe('root');
    expect(web1.port).toBe(2201);
    expect(doc.issues).toEqual([]);
  });

  it('makes !secret and !env values Secrets with their origin', () => {
    const web1 = (doc.value as any).hosts.web1;
    expect(web1.password).toBeInstanceOf(Secret);
    expect(web1.password.reveal()).toBe('p@ss');
    expect(web1.password.origin).toBe('inv.yaml:8');
    expect(web1.token.reveal()).toBe('tok-9');
    expect(web1.token.origin).toBe('!env TOKEN');
  });

  it('locates values and keys by path, and falls back to the nearest parent', () => {
    expect(doc.locate(['hosts', 'web1', 'port'])).toEqual({ file: 'inv.yaml', line: 7, column: 11 });
    expect(doc.locateKey(['hosts', 'web1', 'port'])).toEqual({ file: 'inv.yaml', line: 7, column: 5 });
    expect(doc.locate(['hosts', 'web1', 'nope', 0])).toEqual({ file: 'inv.yaml', line: 6, column: 5 });
  });

  it('reports syntax errors, duplicate keys and missing env variables as located issues', () => {
    const bad = parseYaml('a: 1\na: 2\nb: !env NOPE_VAR\n', 'bad.yaml', {});
    expect(bad.issues.map((i) => [i.line, i.column, i.message])).toEqual([
      [2, 1, 'YAML: Map keys must be unique'],
      [3, 9, 'environment variable NOPE_VAR is not set (!env NOPE_VAR)'],
    ]);
    const broken = parseYaml('a: [1, 2\n', 'broken.yaml', {});
    expect(broken.issues[0]).toMatchObject({ file: 'broken.yaml', line: 2 });
  });
});
