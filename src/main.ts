#!/usr/bin/env node
// The `runbook` command: runs the CLI (cli/main.ts) from its bundle, dist/bundle/cli.cjs
// (build/bundle-cli.ts), compiled from V8's code cache when a run of the same kind left one
// (cli/code-cache.ts).
import { fileURLToPath } from 'node:url';
import { cacheDirectory, requireWithCodeCache } from './cli/code-cache.js';

/** Runs of one kind compile the same code (an apply, a check and a plan share the engine's). */
function flavorOf(argv: string[]): string {
  const command = argv.slice(2).find((arg) => !arg.startsWith('-'));
  if (command === 'apply' || command === 'check' || command === 'plan') return 'run';
  return command === 'validate' || command === 'lab' || command === 'inventory' ? command : 'other';
}

const bundle = fileURLToPath(new URL('./bundle/cli.cjs', import.meta.url));
const cli = requireWithCodeCache<{ main(argv: string[]): Promise<number> }>(bundle, cacheDirectory(), flavorOf(process.argv));
process.exitCode = await cli.exports.main(process.argv);
cli.save();
