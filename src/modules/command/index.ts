// The `command` module: run a shell command on the host unless a guard says it is already done.
import type { ModuleDefinition } from '../../core/module.js';
import { commandFacts, planCommand } from './plan.js';
import { commandArgsSchema, type CommandArgs } from './schema.js';

export const commandModule: ModuleDefinition<CommandArgs> = {
  name: 'command',
  summary: 'Run a command on the host, guarded by creates, removes or unless',
  target: 'host',
  schema: commandArgsSchema,
  freeForm: { arg: 'cmd', inlineOptions: ['creates', 'removes', 'chdir'] },
  facts: commandFacts,
  plan: planCommand,
};
