// Helpers for tests that run against the embedded lab.
export { labHosts, labInfo, labSkipReason, type LabHostInfo, type LabInfo } from './lab-info.js';
export { sshArgs, sshOk, sshRun, type SshResult } from './ssh-run.js';
export { resetLabHosts } from './reset-hosts.js';
export { runCli, type CliResult } from './run-cli.js';
