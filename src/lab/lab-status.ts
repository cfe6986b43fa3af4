// `runbook lab status`: what the lab has, per host: addresses, forward port, and what runs inside.
import { existsSync } from 'node:fs';
import { cloudApiHealth } from './cloud-api-health.js';
import { cloudApiFiles, CLOUD_API_URL } from './cloud-api-layout.js';
import { STAND_INS } from './host-daemons.js';
import { checkHost } from './host-health.js';
import { hostIndexOfNetns, hostLayout, labLayout, resolveLabDir } from './lab-layout.js';
import { readLabCredentials } from './lab-credentials.js';
import { labNetnsNames } from './lab-network.js';
import { readLabState } from './lab-state.js';
import { hostProcesses, listeningPorts } from './proc-table.js';

export interface LabHostStatus {
  name: string;
  address: string;
  port: number;
  /** pid 1 of the host runs in the host's namespace. */
  up: boolean;
  initPid?: number;
  sshd: boolean;
  forward: boolean;
  /** Stand-in name -> running and listening. */
  standIns: Record<string, boolean>;
  /** Whether each scenario daemon runs inside the host (by process name, for display only). */
  services: { nginx: boolean; keepalived: boolean; mariadb: boolean };
  /** TCP ports listening inside the host. */
  listening: number[];
}

export interface LabCloudApiStatus {
  /** http://127.0.0.1:9400: TENCENTCLOUD_ENDPOINT_URL. */
  url: string;
  /** The recorded emulator runs, listens there and holds the key of envFile. */
  up: boolean;
  pid?: number;
  /** The credentials to source (`. FILE`), when written. */
  envFile?: string;
}

export interface LabStatus {
  dir: string;
  /** state.json exists, every host in it is up with all its daemons, and the cloud API answers. */
  up: boolean;
  inventoryFile?: string;
  hosts: LabHostStatus[];
  /** The local Tencent Cloud VPC API emulator (the lab's "cloud"). */
  cloudApi: LabCloudApiStatus;
  /** Lab namespaces on the machine that state.json does not know: leftovers `lab up` or `lab down` clears. */
  strays: string[];
}

export async function labStatus(opts: { dir?: string } = {}): Promise<LabStatus> {
  const dir = resolveLabDir(opts.dir, process.env);
  const layout = labLayout(dir);
  const state = readLabState(layout.stateFile);
  const hosts: LabHostStatus[] = (state?.hosts ?? []).map((h) => {
    const health = checkHost(h, hostLayout(dir, h.index).netnsPath);
    const procs = health.alive ? hostProcesses(h.initPid) : [];
    const comms = new Set(procs.map((p) => p.comm));
    const standIns = Object.fromEntries(STAND_INS.map((s) => [s.name, health.alive && !health.missing.includes(s.name)]));
    return {
      name: h.name,
      address: h.address,
      port: h.port,
      up: health.alive,
      initPid: health.alive ? h.initPid : undefined,
      sshd: health.alive && !health.missing.includes('sshd'),
      forward: health.alive && !health.missing.includes('forwarder'),
      standIns,
      services: {
        nginx: comms.has('nginx'),
        keepalived: comms.has('keepalived'),
        mariadb: comms.has('mariadbd') || comms.has('mysqld'),
      },
      listening: health.alive ? [...listeningPorts(h.initPid)].sort((a, b) => a - b) : [],
    };
  });
  const known = new Set((state?.hosts ?? []).map((h) => h.netns));
  const strays = labNetnsNames().filter((n) => hostIndexOfNetns(n) !== undefined && !known.has(n));
  const cloudFiles = cloudApiFiles(dir);
  const cloud = cloudApiHealth(state?.cloudApi, readLabCredentials(cloudFiles.envFile));
  const cloudApi: LabCloudApiStatus = {
    url: CLOUD_API_URL,
    up: cloud.up,
    pid: cloud.up ? state?.cloudApi?.pid : undefined,
    envFile: existsSync(cloudFiles.envFile) ? cloudFiles.envFile : undefined,
  };
  const hostsUp = hosts.length > 0 && hosts.every((h) => h.up && h.sshd && h.forward && Object.values(h.standIns).every(Boolean));
  const up = state !== undefined && hostsUp && cloudApi.up;
  return { dir, up, inventoryFile: state ? layout.inventoryFile : undefined, hosts, cloudApi, strays };
}
