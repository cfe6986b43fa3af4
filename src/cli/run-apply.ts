// `runbook apply|check|plan`: load, plan, show, confirm, apply; JSON and exit codes per DESIGN.md.
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, UsageError } from '../core/errors.js';
import type { Host } from '../core/host.js';
import { createTransport } from '../executor/transports/create-transport.js';
import { runRunbook, type RunResult } from '../executor/run-runbook.js';
import { matchHosts } from '../inventory/match-hosts.js';
import { confirmApply } from './confirm.js';
import { createReporter } from './create-reporter.js';
import { loadProject } from './load-project.js';
import { parseExtraVars } from './parse-extra-vars.js';
import type { CliIO } from './cli-io.js';
import type { RunFlags } from './run-flags.js';

export async function runApply(runbookFile: string, flags: RunFlags, io: CliIO): Promise<number> {
  if (flags.output) checkWritable(flags.output);
  const extraVars = parseExtraVars(flags.extraVars ?? []);
  const project = loadProject(runbookFile, flags.inventory, io, extraVars, flags.timeout);
  const { inventory, redact } = project;
  const reporter = await createReporter(io, redact, flags);
  const split = (s?: string) => (s ? s.split(',').map((t) => t.trim()).filter(Boolean) : undefined);

  let result: RunResult;
  try {
    result = await runRunbook({
      runbook: project.runbook,
      inventory,
      catalog: project.catalog,
      extraVars,
      env: io.env,
      filter: { tags: split(flags.tags), skipTags: split(flags.skipTags) },
      matchHosts: (pattern: string) => matchHosts(pattern, inventory).hosts,
      limit: flags.limit,
      check: flags.check,
      forks: flags.forks,
      reporter,
      controller: {
        env: io.env,
        redact,
        // Modules say `warning: ...` for what needs attention; the rest is a note of what was done.
        log: (message) =>
          reporter.emit(/^warning: /i.test(message) ? { kind: 'warning', message: message.replace(/^warning: /i, '') } : { kind: 'note', message }),
      },
      createTransport: (host: Host) => createTransport(host.name, host.connection, { env: io.env }),
      confirm: async (changes, hosts) => {
        await reporter.idle();
        return confirmApply(changes, hosts, io, flags.yes);
      },
      lockWaitSeconds: flags.lockTimeout,
    });
  } finally {
    await reporter.close();
  }

  // Redacted as a tree, then serialised: a secret with a quote or a newline is caught before JSON escapes it.
  if (flags.json) io.stdout.write(`${JSON.stringify(redact.tree(toJson(result)), null, 2)}\n`);
  if (flags.output) writeFileSync(flags.output, redact(`${JSON.stringify(redact.tree(toJson(result)), null, 2)}\n`));
  if (flags.stats && !flags.json) {
    for (const [host, r] of Object.entries(result.hosts)) io.stdout.write(`stats ${host}: execs=${r.execs} uploads=${r.uploads}\n`);
  }
  return exitCodeOf(result, flags);
}

/** `-o FILE` must be writable before anything is planned, not after. */
function checkWritable(file: string): void {
  const reason = (() => {
    try {
      if (existsSync(file)) {
        if (statSync(file).isDirectory()) return 'it is a directory';
        accessSync(file, constants.W_OK);
      } else accessSync(dirname(resolve(file)), constants.W_OK);
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : 'permission denied';
    }
  })();
  if (reason) throw new UsageError(`cannot write the plan to ${file}: ${reason}`);
}

/** DESIGN.md's JSON document. */
function toJson(result: RunResult) {
  return {
    ok: result.ok,
    check: result.check,
    hosts: result.hosts,
    changes: result.changes,
    errors: result.errors,
  };
}

function exitCodeOf(result: RunResult, flags: RunFlags): number {
  const recaps = Object.values(result.hosts);
  if (result.cancelled) return 1;
  if (recaps.some((r) => r.failed > 0)) return EXIT.taskFailed;
  if (recaps.some((r) => r.unreachable)) return EXIT.unreachable;
  if (flags.check && flags.detailedExitcode && result.planned > 0) return EXIT.changesPending;
  return EXIT.ok;
}
