// The `command` module: run a shell command on the host unless a guard says it is already done.
import type { HostModule } from '../../core/module.js';
import { commandFacts, planCommand } from './plan.js';
import { commandArgsSchema, type CommandArgs } from './schema.js';

export const commandModule: HostModule<CommandArgs> = {
  name: 'command',
  summary: 'Run a command on the host, guarded by creates, removes or unless',
  example: `- name: seed the database once
  command:
    cmd: /usr/local/bin/seed-db
    creates: /var/lib/app/.seeded\n`,
  target: 'host',
  // Ansible's name for a command run through a shell: every command here runs through /bin/sh
  // (pipes, redirections, `&&` work in `command` too), so `shell` is `command` by that name;
  // `executable` picks another shell for both (Ansible's `command` ignores it, warning).
  aliases: ['shell'],
  schema: commandArgsSchema,
  freeForm: { arg: 'cmd', inlineOptions: ['creates', 'removes', 'chdir', 'executable'] },
  facts: commandFacts,
  plan: planCommand,
};
