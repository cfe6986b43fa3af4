#!/usr/bin/env node
// The `runbook` command: runs the CLI (cli/main.ts) from its bundle, dist/bundle/ (build/bundle-cli.ts),
// a few files instead of ~300 modules to load at every start.
const bundle = new URL('./bundle/cli.js', import.meta.url).href;
const cli = (await import(bundle)) as { main(argv: string[]): Promise<number> };
process.exitCode = await cli.main(process.argv);
