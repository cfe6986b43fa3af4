#!/usr/bin/env node
// Bin entry: run the CLI and turn its outcome into the process exit code.
console.log('runbook: not wired yet');
