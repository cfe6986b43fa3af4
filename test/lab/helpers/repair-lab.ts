// Repairs the running lab in place (a killed forwarder or sshd is restarted; hosts and their files stay).
import { labUp } from '../../../src/lab/index.js';
import { labInfo } from './lab-info.js';

/** `lab up` with the lab's own size: it never removes hosts, and leaves healthy ones untouched. */
export async function repairLab(): Promise<void> {
  const lab = labInfo();
  if (!lab) throw new Error('no lab is running');
  await labUp({ hosts: lab.hosts.length, dir: lab.dir });
}
