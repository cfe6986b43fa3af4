// The command line (DESIGN.md "Command line"): commander wiring; each command loads its code lazily.
import { Command, Option } from 'commander';
import { parseHostInitChoice, type HostInitChoice } from '../lab/host-init-choice.js';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface RunFlags {
  inventory: string;
  check: boolean;
  diff: boolean;
  limit?: string;
  extraVars: string[];
  tags?: string;
  skipTags?: string;
  forks: number;
  json: boolean;
  yes: boolean;
  detailedExitcode: boolean;
  verbose: boolean;
  stats: boolean;
  output?: string;
  lockTimeout: number;
  /** Seconds; unset: each host's inventory `timeout` / keepalive settings, else their defaults. */
  timeout?: number;
}

/** Builds the program; `setExit` receives the exit code of the command that ran. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('runbook')
    .description('Declarative runbooks over SSH: a plan with diffs, then apply. `--check` changes nothing.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const runOptions = (cmd: Command) =>
    cmd
      .option('-i, --inventory <file>', 'inventory file', 'inventory/hosts.yaml')
      .option('--limit <pattern>', 'only these hosts (host, group, glob, !exclude, &intersect, a,b)')
      .option('-e, --extra-vars <key=value>', 'variable with the highest precedence (repeatable; JSON or key=value)', collect, [])
      .option('--tags <tags>', 'only tasks with one of these tags (comma list)')
      .option('--skip-tags <tags>', 'skip tasks with one of these tags (comma list)')
      .addOption(new Option('--forks <n>', 'hosts worked on at once').default(16).argParser(positiveInt))
      .option('--diff', 'show file diffs (default)', true)
      .option('--no-diff', 'do not show file diffs')
      .option('--json', 'print one JSON document on stdout at the end (progress goes to stderr)', false)
      .option('-v, --verbose', 'list unchanged and skipped tasks too', false)
      .option('--stats', 'print SSH exec counts per host', false)
      .addOption(new Option('--lock-timeout <seconds>', 'wait this long for another apply to release a host').default(30).argParser(wholeNumber))
      .addOption(new Option('-T, --timeout <seconds>', 'SSH connect timeout, and how long a connected host may stay silent before it is unreachable (default: inventory timeout, else 10 s connect / 30 s silent)').argParser(positiveInt));

  runOptions(program.command('apply <runbook>').description('show the plan, then apply it'))
    .option('--check', 'show the plan and change nothing', false)
    .option('--detailed-exitcode', 'with --check: exit 6 when changes are pending, 0 when none', false)
    .option('-y, --yes', 'apply without asking', false)
    .action(async (runbook: string, flags: RunFlags) => {
      const { runApply } = await import('./run-apply.js');
      setExit(await runApply(runbook, flags, io));
    });

  runOptions(program.command('check <runbook>').description('= apply --check: show what would change, change nothing'))
    .option('--detailed-exitcode', 'exit 6 when changes are pending, 0 when none', false)
    .action(async (runbook: string, flags: RunFlags) => {
      const { runApply } = await import('./run-apply.js');
      setExit(await runApply(runbook, { ...flags, check: true }, io));
    });

  runOptions(program.command('plan <runbook>').description('what apply would do; -o writes it as JSON'))
    .option('-o, --output <file>', 'write the plan as JSON to this file')
    .action(async (runbook: string, flags: RunFlags) => {
      const { runApply } = await import('./run-apply.js');
      setExit(await runApply(runbook, { ...flags, check: true }, io));
    });

  program
    .command('validate <runbook>')
    .description('load and check the runbook, its roles and the inventory; contacts no host')
    .option('-i, --inventory <file>', 'inventory file', 'inventory/hosts.yaml')
    .option('-e, --extra-vars <key=value>', 'extra variable (repeatable)', collect, [])
    .action(async (runbook: string, flags: { inventory: string; extraVars: string[] }) => {
      const { runValidate } = await import('./run-validate.js');
      setExit(await runValidate(runbook, flags, io));
    });

  program
    .command('inventory')
    .description('show resolved hosts, groups and variables (secrets masked)')
    .option('-i, --inventory <file>', 'inventory file', 'inventory/hosts.yaml')
    .option('--host <name>', 'one host with the source of each variable')
    .action(async (flags: { inventory: string; host?: string }) => {
      const { runInventory } = await import('./run-inventory.js');
      setExit(await runInventory(flags, io));
    });

  program
    .command('lab')
    .description('the embedded lab of isolated hosts (root, Linux)')
    .addArgument(new Command().createArgument('<action>', 'up | down | status').choices(['up', 'down', 'status']))
    .addOption(new Option('--hosts <n>', 'number of hosts for `up`').default(3).argParser(positiveInt))
    .addOption(new Option('--init <spec>', 'pid 1 of hosts for `up`: sysv (default), systemd, or lab-h3=systemd,...').argParser(parseHostInitChoice))
    .action(async (action: 'up' | 'down' | 'status', flags: { hosts: number; init?: HostInitChoice }) => {
      const { runLab } = await import('./run-lab.js');
      setExit(await runLab(action, flags, io));
    });

  return program;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive whole number, got "${value}"`);
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a whole number of seconds, got "${value}"`);
  return n;
}
