// The sh that extracts an archive into dest as unarchive.py's TgzArchive does, then sets the task's attrs on every extracted path.
import { shQuote } from '../../core/sh-quote.js';
import type { UnarchiveDecision } from './decide.js';
import type { PreparedUnarchive } from './prepare.js';

export interface ExtractScript {
  text: string;
  /** The paths whose attrs are set, one a line (on stdin: an archive may list more than a command line holds). */
  input: string;
  /** The tar argv, as Ansible registers it in extract_results.cmd. */
  tarCommand: string[];
}

/**
 * `tar --extract -C DEST FLAG OPTS OWNER GROUP KEEP-NEWER EXCLUDES -f SRC INCLUDES` in dest (Ansible's
 * order), then owner, group and mode (chown -h as lchown; a link's mode left, as chmod cannot set
 * it) on every listed path and each top folder, as set_fs_attributes_if_different does; a sent
 * archive is removed whatever happens.
 */
export function extractScript(p: PreparedUnarchive, src: string, d: UnarchiveDecision, what: { extract: boolean; attrs: boolean; remove: boolean }): ExtractScript {
  const tarCommand = ['tar', '--extract', '-C', p.dest, ...(d.flag ? [d.flag] : []), ...p.tar.opts, ...p.tar.diffOpts, ...p.tar.excludes, '-f', src, ...p.tar.includes];
  const lines = [
    ...(what.remove ? [`trap 'rm -f ${shQuote(src)}' EXIT`] : []),
    `cd ${shQuote(p.dest)} || exit 1`,
    ...(what.extract ? [`${tarCommand.map(shQuote).join(' ')} || exit 1`] : []),
  ];
  const { owner, group, mode } = p.attrs;
  const paths = new Set<string>();
  if (what.attrs && (owner !== undefined || group !== undefined || mode !== undefined)) {
    for (const name of d.files) {
      paths.add(`${p.dest}/${name}`);
      if (name.includes('/')) paths.add(`${p.dest}/${name.split('/')[0]}`);
    }
    lines.push('while IFS= read -r rb_p; do');
    if (owner !== undefined) lines.push(`  chown -h ${shQuote(owner)} -- "$rb_p" || exit 1`);
    if (group !== undefined) lines.push(`  chgrp -h ${shQuote(group)} -- "$rb_p" || exit 1`);
    if (mode !== undefined) lines.push(`  [ -L "$rb_p" ] || chmod ${shQuote(mode)} -- "$rb_p" || exit 1`);
    lines.push('done');
  }
  return { text: lines.join('\n'), input: [...paths].map((path) => `${path}\n`).join(''), tarCommand };
}
