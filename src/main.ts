#!/usr/bin/env node
// The `runbook` command: runs the CLI (cli/main.ts) from its bundle, dist/bundle/cli.cjs
// (build/bundle-cli.ts), compiled from V8's code cache when a run of the same kind left one
// (cli/code-cache.ts; the kinds: cli/commands.ts).
import { fileURLToPath } from 'node:url';
import { cacheDirectory, requireWithCodeCache } from './cli/code-cache.js';
import { runKindOf } from './cli/commands.js';

const bundle = fileURLToPath(new URL('./bundle/cli.cjs', import.meta.url));
const cli = requireWithCodeCache<{ main(argv: string[]): Promise<number> }>(bundle, cacheDirectory(), runKindOf(process.argv));
process.exitCode = await cli.exports.main(process.argv);
cli.save();
