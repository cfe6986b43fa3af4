// Where the lab's "cloud" lives: the VPC API emulator's address, subnet, files and command line, fixed in one place.
import { join } from 'node:path';
import { compiledScript } from './lab-script-path.js';

/** The machine's loopback: the controller calls the cloud, the hosts never do. */
export const CLOUD_API_HOST = '127.0.0.1';
export const CLOUD_API_PORT = 9400;
export const CLOUD_API_URL = `http://${CLOUD_API_HOST}:${CLOUD_API_PORT}`;
/** The role recorded in state.json for the emulator process. */
export const CLOUD_API_ROLE = 'cloud-api';
/** inventory/lab.yaml's tencentcloud_vpc_id and tencentcloud_subnet_id, on the lab's own subnet. */
export const LAB_VPC_ID = 'vpc-lab00001';
export const LAB_SUBNET_ID = 'subnet-lab00001';
export const LAB_SUBNET_CIDR = '10.0.4.0/24';
/** Long enough that a HAVIP <-> EIP binding is seen RUNNING and has to be polled. */
export const CLOUD_API_ASYNC_DELAY_MS = 300;
/**
 * Put in the emulator's environment: tells a lab emulator (of this lab dir) apart from any other
 * process on port 9400, so an unrecorded one (a run killed before writing state.json) can be found.
 */
export const CLOUD_API_MARKER = 'RUNBOOK_LAB_CLOUD_API';

export interface CloudApiFiles {
  /** `export TENCENTCLOUD_...` lines the user sources. */
  envFile: string;
  log: string;
}

export function cloudApiFiles(dir: string): CloudApiFiles {
  return { envFile: join(dir, 'tencentcloud.env'), log: join(dir, 'cloud-api.log') };
}

/** The compiled emulator, `dist/cloud-emulator/main.js`. */
export function cloudEmulatorScript(moduleUrl?: string): string {
  return compiledScript(join('cloud-emulator', 'main.js'), 'the cloud API emulator', moduleUrl);
}

export function cloudEmulatorArgs(script: string): string[] {
  return [
    script,
    '--host', CLOUD_API_HOST,
    '--port', String(CLOUD_API_PORT),
    '--async-delay-ms', String(CLOUD_API_ASYNC_DELAY_MS),
    '--subnet', `${LAB_SUBNET_ID}=${LAB_VPC_ID}:${LAB_SUBNET_CIDR}`,
  ];
}
