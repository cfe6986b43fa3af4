// The args Ansible's file-editing modules share (path and its aliases, file attrs, validate), as written in their tasks.
import * as z from 'zod';
import { absolutePath, fileAttrsShape, flag } from './arg-types.js';
import { pythonRegex, PythonRegexError, type PythonFlags } from './python-regex.js';
import { selinuxShape } from './selinux-context.js';

/** A regular expression in Python's syntax (lineinfile, blockinfile, replace), checked as it loads. */
export function pythonPattern(flags: PythonFlags = {}) {
  return z.string().superRefine((source, ctx) => {
    try {
      pythonRegex(source, flags);
    } catch (error) {
      if (!(error instanceof PythonRegexError)) throw error;
      ctx.addIssue({ code: 'custom', message: `is not a regular expression runbook can match as Python does: ${error.message}` });
    }
  });
}

/** An Ansible argument refused with what to do instead: editors flag it, the loader says why. */
const refused = (message: string) => z.never({ error: message }).optional();

/**
 * `path` with Ansible's aliases, file attrs, `validate` (Ansible requires %s in it), `backup`,
 * SELinux contexts (decided on the host: selinux-context.ts), and Ansible's other common file args
 * refused (attributes) or accepted where they change nothing here (`unsafe_writes: false`: every
 * write is atomic).
 */
export const ansibleFileShape = {
  path: absolutePath.optional(),
  dest: absolutePath.optional(),
  destfile: absolutePath.optional(),
  name: absolutePath.optional(),
  ...fileAttrsShape,
  backup: flag.default(false),
  validate: z.string().refine((v) => v.includes('%s'), { error: 'must contain %s (the temp file to check), as Ansible requires' }).optional(),
  unsafe_writes: flag.refine((v) => !v, { error: 'true is not supported: runbook writes every file atomically (temp file and rename)' }).optional(),
  ...selinuxShape,
  attributes: refused('file attributes are not managed; set them with a command task (chattr)'),
  attr: refused('file attributes are not managed; set them with a command task (chattr)'),
};

const PATH_ALIASES = ['dest', 'destfile', 'name'] as const;

type WithPathAliases = { path?: string | undefined } & { [K in (typeof PATH_ALIASES)[number]]?: string | undefined };

/** Exactly one of path, dest, destfile, name (refine). */
export function onePath(args: WithPathAliases): boolean {
  return [args.path, ...PATH_ALIASES.map((k) => args[k])].filter((p) => p !== undefined).length === 1;
}

export const onePathError = { error: 'give path (or one of its aliases dest, destfile, name) exactly once', path: ['path'] };

/** The args with `path` set from whichever alias gave it, the aliases and unsupported keys dropped. */
export function withPath<T extends WithPathAliases>(args: T): Omit<T, 'path' | (typeof PATH_ALIASES)[number] | 'unsafe_writes'> & { path: string } {
  const { path, dest, destfile, name, unsafe_writes: _unsafe, ...rest } = args as T & { unsafe_writes?: boolean };
  return { ...rest, path: (path ?? dest ?? destfile ?? name)! } as Omit<T, 'path' | (typeof PATH_ALIASES)[number] | 'unsafe_writes'> & { path: string };
}
