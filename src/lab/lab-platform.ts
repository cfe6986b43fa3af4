// The lab needs namespaces and mounts: Linux, as root.
import { LabError } from './lab-error.js';

export function assertLabPlatform(): void {
  if (process.platform !== 'linux') {
    throw new LabError(`the embedded lab needs Linux (this is ${process.platform})`, 'run it on a Linux machine or VM');
  }
  if (process.getuid?.() !== 0) {
    throw new LabError('the embedded lab needs root (namespaces, mounts, apt-get)', 'run it as root, e.g. `sudo npx runbook lab up`');
  }
}
