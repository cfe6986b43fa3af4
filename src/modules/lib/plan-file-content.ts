// The one comparison of a wanted file with its fact, shared by template, copy, line and file touch.
import { sha256Hex } from '../../core/sha256.js';
import type { FileAttrs } from '../../core/change.js';
import type { FileFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { attrsDifferences, matchReason } from './attrs-differences.js';
import { PlanError } from './plan-error.js';
import { resolveMode } from './symbolic-mode.js';

export interface WantedFile extends FileAttrs {
  path: string;
  content: Buffer;
  validate?: string | undefined;
  backup?: boolean | undefined;
  /** Ansible's `force` (default true); false writes only a file that does not exist yet. */
  force?: boolean | undefined;
}

export interface PlanFileOptions {
  /** Replaces the `content differs (sha X -> Y)` reason (line says which line it adds). */
  contentReason?: string;
}

const short = (sha: string | null): string => (sha ?? 'unknown').slice(0, 12);

export function planFileContent(wanted: WantedFile, fact: FileFact, options: PlanFileOptions = {}): TaskPlan {
  if (fact.exists && fact.type === 'directory') {
    throw new PlanError(`${wanted.path} is a directory; give dest the full path of the file to write inside it`);
  }
  // As Ansible's copy action: an existing dest is left alone, content and attrs, whatever it holds.
  if (fact.exists && wanted.force === false) return { status: 'unchanged', reason: 'exists (force: false keeps it as it is)' };
  if (fact.exists && fact.type === 'other') {
    throw new PlanError(`${wanted.path} exists and is not a regular file (a device, socket or fifo); refusing to replace it`);
  }
  const attrsWanted: FileAttrs = {};
  for (const key of ['mode', 'owner', 'group'] as const) if (wanted[key] !== undefined) attrsWanted[key] = wanted[key];
  // A symbolic mode applies to the mode the file has, or gets when new (0644, as Ansible's umask 022).
  if (wanted.mode !== undefined) attrsWanted.mode = resolveMode(wanted.mode, fact.exists && fact.mode !== null ? fact.mode : '0644', false);
  const write = (reason: string): TaskPlan => ({
    status: 'change',
    changes: [
      {
        kind: 'write',
        path: wanted.path,
        reason,
        before: fact,
        content: wanted.content,
        ...attrsWanted,
        ...(wanted.validate !== undefined ? { validate: wanted.validate } : {}),
        ...(wanted.backup !== undefined ? { backup: wanted.backup } : {}),
      },
    ],
  });

  if (!fact.exists) return write(options.contentReason ?? (fact.link !== undefined ? `absent (dangling symlink to ${fact.link})` : 'absent'));
  const sha = sha256Hex(wanted.content);
  if (fact.sha256 !== sha) return write(options.contentReason ?? `content differs (sha ${short(fact.sha256)} -> ${short(sha)})`);

  const diff = attrsDifferences(fact, attrsWanted);
  if (diff.descriptions.length > 0) {
    return { status: 'change', changes: [{ kind: 'attrs', path: wanted.path, reason: diff.descriptions.join(', '), before: fact, ...diff.attrs }] };
  }
  return { status: 'unchanged', reason: matchReason(['content', ...diff.asked]) };
}
