// The `line` module: make sure a line is present (or absent) in a text file, lineinfile-style.
import type { HostModule } from '../../core/module.js';
import { planLine } from './plan.js';
import { lineArgsSchema, type LineArgs } from './schema.js';

export const lineModule: HostModule<LineArgs> = {
  name: 'line',
  summary: 'Ensure a line is present or absent in a text file (like lineinfile)',
  example: `- name: hosts entry
  line:
    path: /etc/hosts
    line: "127.0.0.1 shop.example.com"\n`,
  target: 'host',
  schema: lineArgsSchema,
  facts: (args) => [{ kind: 'file', path: args.path }],
  plan: planLine,
};
