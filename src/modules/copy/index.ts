// The `copy` module: write literal content, a local file or (remote_src) another of the host's files to the host when it differs.
import { posix } from 'node:path';
import { withSelinuxContext } from '../lib/selinux-context.js';
import type { HostModule } from '../../core/module.js';
import { revealText } from '../lib/arg-types.js';
import { copyFacts, planCopy } from './plan.js';
import { copyArgsSchema, type CopyArgs, type PreparedCopy } from './schema.js';

export const copyModule: HostModule<CopyArgs, PreparedCopy> = withSelinuxContext({
  name: 'copy',
  summary: 'Write literal content, a local file or another file of the host to a file on the host',
  example: `- name: message of the day
  copy:
    content: "managed by runbook\\n"
    dest: /etc/motd
    mode: "0644"\n`,
  target: 'host',
  schema: copyArgsSchema,
  prepare(args, ctx) {
    const { content, src, remote_src: remoteSrc, ...rest } = args;
    if (content !== undefined) return { ...rest, from: 'controller', content: Buffer.from(revealText(content), 'utf8') };
    // The schema guarantees src when content is absent; files are copied as they are, never rendered.
    const srcName = posix.basename(src as string);
    if (remoteSrc === true) return { ...rest, from: 'host', remoteSrc: src as string, srcName };
    return { ...rest, from: 'controller', content: ctx.readSource(src as string).content, srcName };
  },
  facts: copyFacts,
  plan: planCopy,
});
