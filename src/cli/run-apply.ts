// `runbook apply|check|plan`: load, plan, show, confirm, apply; JSON and exit codes per DESIGN.md.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, StalePlanError, UsageError } from '../core/errors.js';
import type { Runbook } from '../core/runbook.js';
import type { Host } from '../core/host.js';
import { createTransport } from '../executor/transports/create-transport.js';
import { type RunOptions, runRunbook, type RunResult } from '../executor/run-runbook.js';
import { matchHosts } from '../inventory/match-hosts.js';
import { confirmApply } from './confirm.js';
import { createReporter } from './create-reporter.js';
import { loadProject, type Project } from './load-project.js';
import { parseExtraVars } from './parse-extra-vars.js';
import type { CliIO } from './cli-io.js';
import type { RunFlags } from './run-flags.js';

/** What a saved plan adds to a run (write-saved-plan.ts, apply-saved-plan.ts). */
export interface RunHooks {
  /** Every file the load and the preparation read. */
  onRead(absPath: string): void;
  /** After the project is loaded, before any host is contacted: refusals end the run (nothing contacted). */
  loaded?(project: Project & { runbook: Runbook }): string[];
  review: NonNullable<RunOptions['review']>;
  /** Called once the person (or --yes) agreed, before anything is applied. */
  confirmed?(): void;
  /** Extra members of the --json document. */
  json?(result: RunResult): Record<string, unknown>;
  /** The run's clock: a saved plan's time, so what a module stamps with it (pamd) is what was planned. */
  now?(): Date;
}

export async function runApply(runbookFile: string, flags: RunFlags, io: CliIO, hooks?: RunHooks): Promise<{ code: number; result?: RunResult }> {
  if (flags.output) checkWritable(flags.output);
  const extraVars = parseExtraVars(flags.extraVars ?? []);
  const project = loadProject(runbookFile, flags.inventory, io, extraVars, flags.timeout, hooks?.onRead);
  const early = hooks?.loaded?.(project) ?? [];
  if (early.length > 0) throw new StalePlanError(early.join('\n'));
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
        const yes = await confirmApply(changes, hosts, io, flags.yes);
        if (yes) hooks?.confirmed?.();
        return yes;
      },
      lockWaitSeconds: flags.lockTimeout,
      onSourceRead: hooks?.onRead,
      now: hooks?.now,
      review: hooks?.review,
      verify: flags.verify,
    });
  } finally {
    await reporter.close();
  }

  // Redacted as a tree, then serialised: a secret with a quote or a newline is caught before JSON escapes it.
  if (flags.json) io.stdout.write(`${JSON.stringify(redact.tree({ ...toJson(result), ...hooks?.json?.(result) }), null, 2)}\n`);
  if (flags.stats && !flags.json) {
    for (const [host, r] of Object.entries(result.hosts)) io.stdout.write(`stats ${host}: execs=${r.execs} uploads=${r.uploads}\n`);
  }
  return { code: exitCodeOf(result, flags), result };
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
    hosts: Object.fromEntries(Object.entries(result.hosts).map(([name, recap]) => [name, { ...recap, verified: result.verified[name] ?? false }])),
    changes: result.changes,
    errors: result.errors,
    ...(result.notConverged.length > 0 ? { notConverged: result.notConverged } : {}),
  };
}

function exitCodeOf(result: RunResult, flags: RunFlags): number {
  const recaps = Object.values(result.hosts);
  if (result.cancelled) return 1;
  if (result.refused.length > 0) return EXIT.stalePlan;
  if (recaps.some((r) => r.failed > 0)) return EXIT.taskFailed;
  if (recaps.some((r) => r.unreachable)) return EXIT.unreachable;
  if (result.notConverged.length > 0) return EXIT.notConverged;
  if (flags.check && flags.detailedExitcode && result.planned > 0) return EXIT.changesPending;
  return EXIT.ok;
}
