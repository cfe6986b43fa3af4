// What the lab tests share: the running lab's hosts and files, handed over by global-setup through vitest's provide/inject.
import { inject } from 'vitest';

export interface LabHostInfo {
  name: string;
  address: string;
  port: number;
}

export interface LabInfo {
  dir: string;
  inventoryFile: string;
  keyFile: string;
  knownHostsFile: string;
  stateFile: string;
  hosts: LabHostInfo[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** null when the lab cannot run here (not root on Linux): lab tests skip. */
    lab: LabInfo | null;
    /** Why the lab is not available, shown by skipped tests. */
    labSkipReason: string;
  }
}

/** The running lab, or null when global-setup could not bring one up (see labSkipReason()). */
export function labInfo(): LabInfo | null {
  return inject('lab');
}

export function labSkipReason(): string {
  return inject('labSkipReason');
}

/** The lab's hosts (lab-h0, lab-h1, ...); throws when there is no lab, so a test never passes vacuously. */
export function labHosts(): LabHostInfo[] {
  const lab = labInfo();
  if (!lab) throw new Error(`no lab: ${labSkipReason()}`);
  return lab.hosts;
}
