// The `shell` module: Ansible's name for a command run through a shell. Every command here runs
// through /bin/sh (pipes, redirections, `&&` work in `command` too), so it is `command` by that name.
import type { ModuleDefinition } from '../../core/module.js';
import { commandModule } from '../command/index.js';
import type { CommandArgs } from '../command/schema.js';

export const shellModule: ModuleDefinition<CommandArgs> = {
  ...commandModule,
  name: 'shell',
  summary: 'Same as command (which runs through /bin/sh here): Ansible playbooks say shell',
};
