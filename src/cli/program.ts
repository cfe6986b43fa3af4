// The command line (DESIGN.md "Command line"): commander wiring; each command loads its code lazily.
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseHostInitChoice, type HostInitChoice } from '../lab/host-init-choice.js';
import type { CliIO } from './cli-io.js';
import { COMMAND_KINDS, type CommandName } from './commands.js';
import type { RunFlags } from './run-flags.js';

/** Hands the exit code of the command that ran to buildProgram's caller. */
type ExitWith = (code: Promise<number>) => Promise<void>;

/** Builds the program; `setExit` receives the exit code of the command that ran. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('runbook')
    .description('Declarative runbooks over SSH: a plan with diffs, then apply. `--check` changes nothing.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const exitWith: ExitWith = async (code) => setExit(await code);
  // Each subcommand throws its option errors too (exit 5 like the top level's), rather than calling process.exit(1).
  for (const name of Object.keys(COMMAND_KINDS) as CommandName[]) {
    DEFINE[name](program.command(name, { hidden: HIDDEN.has(name) }).exitOverride().showHelpAfterError().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }), io, exitWith);
  }
  return program.exitOverride();
}

/** Commands for scripts, not people: left out of --help. */
const HIDDEN = new Set<CommandName>(['complete']);

/** One definition per command of commands.ts (the compiler checks that none is missing). */
const DEFINE: Record<CommandName, (cmd: Command, io: CliIO, exitWith: ExitWith) => void> = {
  apply: (cmd, io, exitWith) =>
    runOptions(cmd.argument('<runbook>', 'a runbook, or a plan file saved by `plan -o` (applied exactly, or not at all)').description('show the plan, then apply it'))
      .option('-C, --check', 'show the plan and change nothing', false)
      .option('--detailed-exitcode', 'with --check: exit 6 when changes are pending, 0 when none', false)
      .option('-y, --yes', 'apply without asking', false)
      .option('--no-verify', 'do not plan changed hosts again after the apply')
      .addOption(new Option('--max-age <duration>', 'a saved plan older than this is refused (24h, 90m, 3600s)').default(24 * 3600, '24h').argParser(duration))
      .action(async (runbook: string, flags: RunFlags, command: Command) => {
        const { isSavedPlanFile } = await import('./saved-plan-file.js');
        if (isSavedPlanFile(runbook)) {
          const { applySavedPlan } = await import('./apply-saved-plan.js');
          await exitWith(applySavedPlan(runbook, flags, io, givenOptions(command)));
          return;
        }
        const { runApply } = await import('./run-apply.js');
        await exitWith(runApply(runbook, flags, io).then((r) => r.code));
      }),

  check: (cmd, io, exitWith) =>
    runOptions(cmd.argument('<runbook>').description('= apply --check: show what would change, change nothing'))
      .option('--detailed-exitcode', 'exit 6 when changes are pending, 0 when none', false)
      .action(async (runbook: string, flags: RunFlags) => {
        const { runApply } = await import('./run-apply.js');
        await exitWith(runApply(runbook, { ...flags, check: true }, io).then((r) => r.code));
      }),

  plan: (cmd, io, exitWith) =>
    runOptions(cmd.argument('<runbook>').description('what apply would do; -o saves it for `apply FILE`'))
      .option('-o, --output <file>', 'save the plan to this file: `runbook apply FILE` applies exactly it, or nothing')
      .action(async (runbook: string, flags: RunFlags) => {
        if (flags.output) {
          const { writeSavedPlan } = await import('./write-saved-plan.js');
          await exitWith(writeSavedPlan(runbook, { ...flags, check: true }, io));
          return;
        }
        const { runApply } = await import('./run-apply.js');
        await exitWith(runApply(runbook, { ...flags, check: true }, io).then((r) => r.code));
      }),

  validate: (cmd, io, exitWith) =>
    cmd
      .argument('<runbook>')
      .description('load and check the runbook, its roles and the inventory; contacts no host')
      .option('-i, --inventory <file>', 'inventory file', 'inventory/hosts.yaml')
      .option('-e, --extra-vars <key=value>', 'extra variable (repeatable)', collect, [])
      .action(async (runbook: string, flags: { inventory: string; extraVars: string[] }) => {
        const { runValidate } = await import('./run-validate.js');
        await exitWith(runValidate(runbook, flags, io));
      }),

  inventory: (cmd, io, exitWith) =>
    cmd
      .description('show resolved hosts, groups and variables (secrets masked)')
      .option('-i, --inventory <file>', 'inventory file', 'inventory/hosts.yaml')
      .option('--host <name>', 'one host with the source of each variable')
      .action(async (flags: { inventory: string; host?: string }) => {
        const { runInventory } = await import('./run-inventory.js');
        await exitWith(runInventory(flags, io));
      }),

  lab: (cmd, io, exitWith) =>
    cmd
      .description('the embedded lab of isolated hosts (root, Linux)')
      .addArgument(new Command().createArgument('<action>', 'up | down | status').choices(['up', 'down', 'status']))
      .addOption(new Option('--hosts <n>', 'number of hosts for `up`').default(3).argParser(positiveInt))
      .addOption(new Option('--init <spec>', 'pid 1 of hosts for `up`: sysv (default), systemd, or lab-h3=systemd,...').argParser(parseHostInitChoice))
      .addOption(new Option('--light', 'hosts `up` builds run sshd only, without the IAM stand-ins (large labs for the bench)'))
      .action(async (action: 'up' | 'down' | 'status', flags: { hosts: number; init?: HostInitChoice; light?: boolean }) => {
        const { runLab } = await import('./run-lab.js');
        await exitWith(runLab(action, flags, io));
      }),

  schema: (cmd, io, exitWith) =>
    cmd
      .argument('[kind]', 'runbook | tasks | handlers | inventory | defaults (none: list them with their files)')
      .description('print the JSON Schema of a kind of file, for editors (VS Code YAML) and CI validators')
      .option('--write <dir>', 'write every schema as KIND.schema.json into this folder (the build writes dist/schema/)')
      .action(async (kind: string | undefined, flags: { write?: string }) => {
        const { runSchema } = await import('./run-schema.js');
        await exitWith(runSchema(kind, flags, io));
      }),

  doc: (cmd, io, exitWith) =>
    cmd
      .argument('[module]', 'a module (or alias); none: the list of modules')
      .description('module documentation, like ansible-doc: arguments, types, defaults, aliases, an example')
      .option('--json', 'print it as JSON', false)
      .action(async (module: string | undefined, flags: { json: boolean }) => {
        const { runDoc } = await import('./run-doc.js');
        await exitWith(runDoc(module, flags, io));
      }),

  init: (cmd, io, exitWith) =>
    cmd
      .addArgument(new Command().createArgument('<what>', 'role | project').choices(['role', 'project']))
      .argument('[name]', 'role: its NAME; project: the folder (default: here)')
      .description('lay out a new role (roles/NAME: README, defaults, tasks, handlers, templates) or project (runbooks/, roles/, inventory/); never overwrites')
      .option('--path <dir>', 'role: the folder to create it in', 'roles')
      .action(async (what: string, name: string | undefined, flags: { path?: string }) => {
        const { runInit } = await import('./run-init.js');
        await exitWith(runInit(what, name, flags, io));
      }),

  completion: (cmd, io, exitWith) =>
    cmd
      .addArgument(new Command().createArgument('<shell>', 'bash | zsh | fish').choices(['bash', 'zsh', 'fish']))
      .description('print the shell completion script (bash: eval "$(runbook completion bash)" in ~/.bashrc)')
      .action(async (shell: 'bash' | 'zsh' | 'fish') => {
        const { completionScript } = await import('./completion-scripts.js');
        io.stdout.write(completionScript(shell));
        await exitWith(Promise.resolve(0));
      }),

  complete: (cmd, io, exitWith) =>
    cmd
      .argument('<what>', 'commands | options CMD | runbooks | hosts | groups | modules | schemas')
      .argument('[command]', 'for options: the command')
      .description('the words shell completion offers, one a line (the completion scripts call it)')
      .option('-i, --inventory <file>', 'inventory file', 'inventory/hosts.yaml')
      .action(async (what: string, command: string | undefined, flags: { inventory: string }) => {
        const { runComplete } = await import('./run-complete.js');
        await exitWith(runComplete(what, command, flags, cmd.parent!, io));
      }),
};

/** The options apply, check and plan share. */
function runOptions(cmd: Command): Command {
  return cmd
    .option('-i, --inventory <file>', 'inventory file', 'inventory/hosts.yaml')
    .option('-l, --limit <pattern>', 'only these hosts (host, group, glob, !exclude, &intersect, a,b)')
    .option('-e, --extra-vars <key=value>', 'variable with the highest precedence (repeatable; JSON or key=value)', collect, [])
    .option('-t, --tags <tags>', 'only tasks with one of these tags (comma list)')
    .option('--skip-tags <tags>', 'skip tasks with one of these tags (comma list)')
    .addOption(new Option('--forks <n>', 'hosts worked on at once').default(16).argParser(positiveInt))
    .option('--diff', 'show file diffs (default)', true)
    .option('--no-diff', 'do not show file diffs')
    .option('--json', 'print one JSON document on stdout at the end (progress goes to stderr)', false)
    .option('-v, --verbose', 'list unchanged and skipped tasks too', false)
    .option('--stats', 'print SSH exec counts per host', false)
    .addOption(new Option('--lock-timeout <seconds>', 'wait this long for another apply to release a host').default(30).argParser(wholeNumber))
    .addOption(new Option('-T, --timeout <seconds>', 'SSH connect timeout, and how long a connected host may stay silent before it is unreachable (default: inventory timeout, else 10 s connect / 30 s silent)').argParser(positiveInt));
}

/** The options the command line set itself (not defaults): a saved plan refuses those it fixes. */
function givenOptions(command: Command): string[] {
  return Object.keys(command.opts()).filter((name) => command.getOptionValueSource(name) === 'cli');
}

/** `24h`, `90m`, `3600s`, `2d`, or seconds. */
function duration(value: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) throw new Error(`expected a duration like 24h, 90m or 3600s, got "${value}"`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number of seconds, got "${value}"`);
  return n;
}
