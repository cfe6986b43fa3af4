// `-e key=value`, `-e '{"json": true}'` and `-e @file.yaml` into one record, later ones winning (Ansible's -e).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { parseYaml } from '../runbook/parse-yaml.js';

/** `cwd` and `env` serve `@file` (a path relative to cwd; `!env` tags in it read env). */
export function parseExtraVars(items: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const item of items) {
    const text = item.trim();
    if (text.startsWith('@')) {
      Object.assign(vars, readVarsFile(text.slice(1), cwd, env));
      continue;
    }
    if (text.startsWith('{')) {
      try {
        Object.assign(vars, JSON.parse(text) as Record<string, unknown>);
      } catch (error) {
        throw new UsageError(`-e ${text}: not valid JSON (${(error as Error).message})`);
      }
      continue;
    }
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`-e ${text}: expected key=value, a JSON object or @FILE`);
    vars[text.slice(0, eq).trim()] = text.slice(eq + 1);
  }
  return vars;
}

/** Ansible's `-e @file`: a YAML (or JSON) mapping; `!secret` and `!env` work as in a runbook. */
function readVarsFile(name: string, cwd: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  let content: string;
  try {
    content = readFileSync(resolve(cwd, name), 'utf8');
  } catch (error) {
    throw new UsageError(`-e @${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const parsed = parseYaml(content, name, env);
  const first = parsed.issues[0];
  if (first) throw new UsageError(`-e @${name}: ${first.file}:${first.line}:${first.column}: ${first.message}`);
  const value = parsed.value;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`-e @${name}: the file must hold a mapping (name: value), not ${Array.isArray(value) ? 'a list' : typeof value}`);
  return value as Record<string, unknown>;
}
