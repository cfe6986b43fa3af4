// Helpers for tests that run against the embedded lab.
export { labHosts, labInfo, labSkipReason, type LabHostInfo, type LabInfo } from './lab-info.js';
export { sshArgs, sshOk, sshRun, type SshResult } from './ssh-run.js';
export { CLI_MAIN, describeRun, runCli, type CliOptions, type CliResult } from '../../cli/run-cli.js';
export { readRemoteFiles, sha256Of, snapshotPaths } from './host-snapshot.js';
export { labInventoryYaml, writeLabInventory, type InventoryHost, type LabInventoryOptions } from './lab-inventory.js';
export { hostProcesses, inHost, inHostOk, type HostProcesses, type InHostOptions, type InHostResult } from './in-host.js';
export { repairLab } from './repair-lab.js';
export { resetLabHosts } from './reset-hosts.js';
export { portOpen } from './port-open.js';
