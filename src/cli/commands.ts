// The commands of the command line and the kind of run each is. program.ts defines one command per
// name here; src/main.ts picks the code cache by the kind (runs of one kind compile the same code).
export const COMMAND_KINDS = {
  apply: 'run',
  check: 'run',
  plan: 'run',
  validate: 'validate',
  inventory: 'inventory',
  lab: 'lab',
  schema: 'reference',
  doc: 'reference',
  init: 'reference',
  completion: 'reference',
  complete: 'complete',
} as const;

export type CommandName = keyof typeof COMMAND_KINDS;

/** The kind of run of a command line (process.argv): `other` for --help, --version and unknown commands. */
export function runKindOf(argv: string[]): string {
  const command = argv.slice(2).find((arg) => !arg.startsWith('-'));
  return command !== undefined && Object.hasOwn(COMMAND_KINDS, command) ? COMMAND_KINDS[command as CommandName] : 'other';
}
