// ansible_ssh_common_args / ansible_ssh_extra_args -> our connection variables, for the options that map one to one.
// Anything else is refused: those words were for OpenSSH's command line, and ssh2 has none.
import { splitShellWords } from './shell-words.js';

export type SshArgsResult = { settings: Record<string, string | number> } | { error: string; hint: string };

/** Options whose effect the engine has anyway (one connection per host for the whole run; no ssh log): nothing to set. */
const NO_EFFECT_NEEDED = new Set(['controlmaster', 'controlpersist', 'controlpath', 'loglevel']);
const PROXY_COMMAND = /^ssh(?:\s+-q)?\s+-W\s+%h:%p(?:\s+-q)?\s+(?:(?:-l\s+(\S+)|-p\s+(\d+))\s+)*(?:(\S+@)?([^\s@-][^\s@]*))(?:\s+-p\s+(\d+))?(?:\s+-q)?$/;
const HINT = 'runbook maps -J/ProxyJump, a plain `ssh -W %h:%p HOST` ProxyCommand, StrictHostKeyChecking, UserKnownHostsFile, ConnectTimeout and ServerAliveInterval/CountMax; set proxy_jump, host_key_checking, known_hosts_file, timeout or keepalive_interval instead';

export function mapSshArgs(text: string): SshArgsResult {
  const words = splitShellWords(text);
  if (!Array.isArray(words)) return { error: `cannot read the ssh arguments: ${words.error}`, hint: HINT };
  const settings: Record<string, string | number> = {};
  const option = (raw: string): string | undefined => {
    const m = /^([A-Za-z]+)\s*(?:=|\s)\s*(.*)$/.exec(raw.trim());
    if (!m) return `"-o ${raw}" is not Key=Value`;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (NO_EFFECT_NEEDED.has(key)) return undefined;
    if (key === 'proxyjump') settings.proxy_jump = value;
    else if (key === 'stricthostkeychecking') {
      const v = value.toLowerCase();
      if (v === 'no' || v === 'off') settings.host_key_checking = 'off';
      else if (v === 'accept-new') settings.host_key_checking = 'accept-new';
      else if (v === 'yes' || v === 'ask') settings.host_key_checking = 'strict';
      else return `StrictHostKeyChecking=${value} is not yes, no or accept-new`;
    } else if (key === 'userknownhostsfile') settings.known_hosts_file = value;
    else if (key === 'connecttimeout' && /^\d+$/.test(value)) settings.timeout = Number(value);
    else if (key === 'serveraliveinterval' && /^[1-9]\d*$/.test(value)) settings.keepalive_interval = Number(value);
    else if (key === 'serveralivecountmax' && /^[1-9]\d*$/.test(value)) settings.keepalive_count_max = Number(value);
    else if (key === 'proxycommand') {
      const p = PROXY_COMMAND.exec(value);
      if (!p) return `ProxyCommand "${value}" is not a plain "ssh -W %h:%p HOST"`;
      const port = p[2] ?? p[5];
      const user = p[1] ? `${p[1]}@` : (p[3] ?? '');
      settings.proxy_jump = `${user}${p[4]}${port ? `:${port}` : ''}`;
    } else return `the ssh option ${m[1]} has no equivalent here`;
    return undefined;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.text;
    let problem: string | undefined;
    if (w === '-o' || w === '-J') {
      const next = words[++i]?.text;
      if (next === undefined) problem = `${w} needs a value`;
      else if (w === '-J') settings.proxy_jump = next;
      else problem = option(next);
    } else if (w.startsWith('-o')) problem = option(w.slice(2));
    else if (w.startsWith('-J')) settings.proxy_jump = w.slice(2);
    else if (w === '-q') continue;
    else problem = `the ssh argument "${w}" has no equivalent here`;
    if (problem) return { error: problem, hint: HINT };
  }
  return { settings };
}
