// The zod types module args share: absolute paths, quoted octal modes, text that may be a Secret.
import * as z from 'zod';
import type { FileAttrs } from '../../core/change.js';
import { isSecret, Secret } from '../../core/secret.js';
import { isSymbolicMode, MODE_SHAPE, modeProblem } from './symbolic-mode.js';

export const absolutePath = z
  .string()
  .regex(/^\//, { error: 'must be an absolute path (starting with /)' });

/**
 * Octal ("0644") or symbolic ("u+rwx,go-w", resolved against the path's mode when planned: see
 * symbolic-mode.ts). YAML reads an unquoted 0644 as the number 644: ask for a string rather than guess.
 */
export const fileMode = z
  .string({ error: (issue) => (typeof issue.input === 'number' ? 'write the mode quoted, like "0644": unquoted YAML reads 0644 as a number' : undefined) })
  .regex(MODE_SHAPE, { error: 'must be an octal mode like "0644" or a symbolic one like "u=rw,go=r"' })
  .superRefine((mode, ctx) => {
    const problem = MODE_SHAPE.test(mode) ? modeProblem(mode) : undefined;
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `must be an octal mode like "0644" or a symbolic one like "u=rw,go=r": ${problem}` });
  })
  .transform((mode) => (isSymbolicMode(mode) ? mode : mode.padStart(4, '0')));

/**
 * A boolean, written as YAML 1.2 does (true/false) or as Ansible users do (yes/no, on/off, any
 * case; also what a template renders, "True"). Anything else is still an error.
 */
export const flag = z.preprocess(
  (value) => (typeof value === 'string' && /^(yes|no|true|false|on|off)$/i.test(value.trim()) ? /^(yes|true|on)$/i.test(value.trim()) : value),
  z.boolean(),
);

/** A user or group name (numeric ids are compared as names). */
export const accountName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/, { error: 'must be a user or group name' });

/** `mode`, `owner`, `group`: the attrs every file module takes. */
export const fileAttrsShape = {
  mode: fileMode.optional(),
  owner: accountName.optional(),
  group: accountName.optional(),
};

/** A string, or a Secret (`!secret`, `!env`) used directly as the value. */
export const textOrSecret = z.union([z.string(), z.instanceof(Secret)]);

/** The real text to send to the host: a Secret is revealed here and only here. */
export function revealText(value: string | Secret): string {
  return isSecret(value) ? value.reveal() : value;
}

/** The attrs a task asked for, without undefined keys. */
export function pickAttrs(args: FileAttrs): FileAttrs {
  const attrs: FileAttrs = {};
  if (args.mode !== undefined) attrs.mode = args.mode;
  if (args.owner !== undefined) attrs.owner = args.owner;
  if (args.group !== undefined) attrs.group = args.group;
  return attrs;
}

/**
 * An Ansible argument this module does not implement: accepted by no value, so a task giving it is
 * refused at load, located at the argument, with `instead` (what to write). Never silently ignored.
 */
export const refused = (instead: string) => z.never({ error: `not supported here; ${instead}` }).optional();

/**
 * Ansible's other names for arguments (`pkg` for `name`, `daemon-reload` for `daemon_reload`) are
 * keys of their own in a schema, so a problem is located where the task wrote it; the module's
 * transform takes whichever is given. Both at once is an error at the alias, as Ansible's
 * "parameters are mutually exclusive".
 */
export function noAliasConflicts(aliases: Readonly<Record<string, string>>) {
  return (args: Record<string, unknown>, ctx: z.core.$RefinementCtx): void => {
    for (const [alias, name] of Object.entries(aliases)) {
      if (args[alias] === undefined) continue;
      const others = Object.entries(aliases).filter(([a, n]) => n === name && a !== alias && args[a] !== undefined).map(([a]) => a);
      if (args[name] !== undefined || others.some((a) => a < alias)) {
        ctx.addIssue({ code: 'custom', path: [alias], message: `give ${name} once: ${alias} is another name for it` });
      }
    }
  };
}
