// The `copy` module: write literal content or a local file to the host when it differs.
import { posix } from 'node:path';
import { withSelinuxContext } from '../lib/selinux-context.js';
import type { HostModule } from '../../core/module.js';
import { revealText } from '../lib/arg-types.js';
import { copyFacts, planCopy } from './plan.js';
import { copyArgsSchema, type CopyArgs, type PreparedCopy } from './schema.js';

export const copyModule: HostModule<CopyArgs, PreparedCopy> = withSelinuxContext({
  name: 'copy',
  summary: 'Write literal content or a local file to a file on the host',
  example: `- name: message of the day
  copy:
    content: "managed by runbook\\n"
    dest: /etc/motd
    mode: "0644"\n`,
  target: 'host',
  schema: copyArgsSchema,
  prepare(args, ctx) {
    const { content, ...rest } = args;
    if (content !== undefined) return { ...rest, content: Buffer.from(revealText(content), 'utf8') };
    // The schema guarantees src when content is absent; files are copied as they are, never rendered.
    const src = args.src as string;
    return { ...rest, content: ctx.readSource(src).content, srcName: posix.basename(src) };
  },
  facts: copyFacts,
  plan: planCopy,
});
