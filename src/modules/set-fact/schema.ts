// Args of `set_fact` (Ansible's): variable names and their values, and `cacheable`.
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';

/** Ansible's isidentifier: a letter or _ first, then letters, digits and _. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name written as a template (`"{{ item.key }}": ...`): Ansible's set_fact renders it per run, then checks it. */
export const TEMPLATED_NAME = /\{\{|\{%/;

export const setFactArgsSchema = z
  .object({
    /** Ansible keeps such facts in its fact cache too; runbook has no fact cache, so it only sets them for the run. */
    cacheable: flag.optional(),
  })
  .catchall(z.unknown())
  .superRefine((args, ctx) => {
    const names = Object.keys(args).filter((k) => k !== 'cacheable');
    if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'no key/value pairs provided, at least one is required (write set_fact: { name: value })' });
    for (const name of names.filter((n) => !VARIABLE_NAME.test(n) && !TEMPLATED_NAME.test(n))) {
      ctx.addIssue({ code: 'custom', path: [name], message: notAVariableName(name) });
    }
  });

export function notAVariableName(name: string): string {
  return `the variable name "${name}" is not valid: it must start with a letter or _ and hold only letters, digits and _`;
}

export type SetFactArgs = z.infer<typeof setFactArgsSchema>;
