// Picks the reporter: listr2 on a TTY, plain lines otherwise; under --json progress goes to stderr.
import type { Reporter } from '../core/events.js';
import type { Redactor } from '../core/redactor.js';
import { createPalette } from '../reporting/colors.js';
import { createPlainReporter } from '../reporting/plain-reporter.js';
import type { CliIO } from './cli-io.js';

export async function createReporter(io: CliIO, redact: Redactor, flags: { json: boolean; diff: boolean; verbose: boolean }): Promise<Reporter> {
  const stream = flags.json ? io.stderr : io.stdout;
  const tty = Boolean(stream.isTTY) && !io.env.CI && io.env.TERM !== 'dumb';
  const options = {
    write: (text: string) => void stream.write(text),
    palette: createPalette(tty && !io.env.NO_COLOR),
    redact,
    diff: flags.diff,
    verbose: flags.verbose,
  };
  if (!tty) return createPlainReporter(options);
  // listr2 is only worth loading when there is a terminal to draw on.
  const { createListrReporter } = await import('../reporting/listr-reporter.js');
  return createListrReporter(options);
}
