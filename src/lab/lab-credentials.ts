// The lab's Tencent Cloud API key for its local VPC API emulator: generated once, kept in <labdir>/tencentcloud.env.
import { randomInt } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { LabError } from './lab-error.js';

export interface LabCredentials {
  secretId: string;
  secretKey: string;
  region: string;
  /** Where the emulator answers: what TENCENTCLOUD_ENDPOINT_URL says. */
  endpointUrl: string;
}

export const LAB_REGION = 'ap-guangzhou';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

/** The file's `export NAME=value` lines; a file that is absent reads as empty. */
function readExports(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  return new Map([...text.matchAll(/^export (TENCENTCLOUD_[A-Z_]+)=([A-Za-z0-9:/._-]*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** The env file's text: shell lines a user sources (`. tencentcloud.env`) before a runbook using the cloud modules. */
export function credentialsEnvText(c: LabCredentials): string {
  return [
    '# Written by `runbook lab up`: the lab-only API key of the local VPC API emulator. Use: . this-file',
    `export TENCENTCLOUD_SECRET_ID=${c.secretId}`,
    `export TENCENTCLOUD_SECRET_KEY=${c.secretKey}`,
    `export TENCENTCLOUD_REGION=${c.region}`,
    `export TENCENTCLOUD_ENDPOINT_URL=${c.endpointUrl}`,
    '',
  ].join('\n');
}

/** The credentials in `file`, or undefined when it is absent or lacks the key. */
export function readLabCredentials(file: string): LabCredentials | undefined {
  const vars = readExports(file);
  const secretId = vars.get('TENCENTCLOUD_SECRET_ID');
  const secretKey = vars.get('TENCENTCLOUD_SECRET_KEY');
  if (!secretId || !secretKey) return undefined;
  return {
    secretId,
    secretKey,
    region: vars.get('TENCENTCLOUD_REGION') || LAB_REGION,
    endpointUrl: vars.get('TENCENTCLOUD_ENDPOINT_URL') ?? '',
  };
}

/**
 * Reads the key `file` holds, or generates one (AKIDlab + 24 alphanumerics, a 32-character secret)
 * when it has none. The key never changes once written, so a running emulator and the shells that
 * sourced the file keep agreeing; region and endpoint lines are rewritten if they drifted.
 */
export function ensureLabCredentials(file: string, endpointUrl: string): LabCredentials {
  const found = readLabCredentials(file);
  const credentials: LabCredentials = {
    secretId: found?.secretId ?? `AKIDlab${randomText(24)}`,
    secretKey: found?.secretKey ?? randomText(32),
    region: LAB_REGION,
    endpointUrl,
  };
  const text = credentialsEnvText(credentials);
  try {
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) writeFileSync(file, text, { mode: 0o600 });
    // `mode` applies only when the file is created: a secret must not stay readable by others.
    chmodSync(file, 0o600);
  } catch (err) {
    throw new LabError(`cannot write the lab's cloud credentials to ${file}: ${(err as Error).message}`, 'check the lab directory is writable by root');
  }
  return credentials;
}
