// Fills what the inventory leaves unset from ~/.ssh/config (HostName, User, Port, IdentityFile, ProxyJump).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import type { ConnectionSpec } from '../../core/host.js';

/** `~/x` -> `<home>/x`; ssh-config does not expand it, ssh does. */
export function expandHome(path: string, homeDir: string): string {
  if (path === '~') return homeDir;
  return path.startsWith('~/') ? join(homeDir, path.slice(2)) : path;
}

/**
 * Returns the spec with unset fields taken from the ssh config of `homeDir` (default the
 * user's). Explicit inventory values always win. HostName's `%h` is expanded; `Include`, other
 * tokens and `Match exec` are not evaluated (the library does not, and exec would run commands while loading).
 */
export function applySshConfig(spec: ConnectionSpec, homeDir = homedir()): ConnectionSpec {
  const file = join(homeDir, '.ssh', 'config');
  if (spec.kind !== 'ssh' || !existsSync(file)) return spec;
  const config = SSHConfig.parse(readFileSync(file, 'utf8'));
  const computed = config.compute(spec.host, { ignoreCase: true, matchExec: false });
  const first = (key: string): string | undefined => {
    const value = computed[key];
    const one = Array.isArray(value) ? value[0] : value;
    return one === undefined || one === '' ? undefined : one;
  };
  const out: ConnectionSpec = { ...spec };
  // HostName may say `%h` (the name as given, e.g. `HostName %h.internal`) and `%%`, as ssh does.
  const hostName = first('hostname')?.replace(/%([%h])/g, (_, c: string) => (c === '%' ? '%' : spec.host));
  if (hostName) out.host = hostName;
  const port = first('port');
  if (out.port === undefined && port && /^\d+$/.test(port)) out.port = Number(port);
  out.user ??= first('user');
  const identity = first('identityfile');
  if (out.identityFile === undefined && identity) out.identityFile = expandHome(identity, homeDir);
  const jump = first('proxyjump');
  if (out.proxyJump === undefined && jump && jump.toLowerCase() !== 'none') out.proxyJump = jump;
  return out;
}
