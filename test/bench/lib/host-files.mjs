// What the workload leaves on a host (files with mode and owner, services running), to compare both tools' results.
import { createHash } from 'node:crypto';
import { sshRun } from './lab-hosts.mjs';

/** Every file the workload writes (runbooks/nginx-lb.yaml and keepalived-*.yaml through their roles). */
export const WORKLOAD_FILES = [
  '/etc/nginx/conf.d/iam-upstreams.conf',
  '/etc/nginx/conf.d/iam-apiserver.conf',
  '/etc/nginx/conf.d/iam-authz-server.conf',
  '/etc/hosts',
  '/etc/keepalived/check_nginx.sh',
  '/etc/keepalived/keepalived_notify.sh',
  '/etc/keepalived/keepalived.conf',
];
const SERVICES = { nginx: '/run/nginx.pid', keepalived: '/run/keepalived.pid' };

/**
 * The reads any tool must make on a host to tell the workload is in place, with as few processes as
 * they can take: every file's mode and owner (one find), its sha256 (one sha256sum), /etc/hosts'
 * lines (its two managed lines are edits, not a whole file), each daemon's pidfile and process.
 */
export const READS_SCRIPT = [
  `find -L ${WORKLOAD_FILES.join(' ')} -maxdepth 0 -printf '%s %m %u %g\\n'`,
  `sha256sum ${WORKLOAD_FILES.filter((f) => f !== '/etc/hosts').join(' ')}`,
  'base64 -w0 < /etc/hosts; echo',
  ...Object.values(SERVICES).map((pidfile) => `read -r pid < ${pidfile} && [ -r /proc/$pid/status ] && echo ${pidfile} live`),
].join('\n');

const SCRIPT = [
  `for f in ${WORKLOAD_FILES.join(' ')}; do`,
  '  if [ -f "$f" ]; then printf "file %s %s %s\\n" "$f" "$(stat -c "%a:%U:%G" "$f")" "$(base64 -w0 < "$f")";',
  '  else printf "file %s absent -\\n" "$f"; fi',
  'done',
  ...Object.entries(SERVICES).map(([name, pidfile]) =>
    `if [ -s ${pidfile} ] && kill -0 "$(cat ${pidfile})" 2>/dev/null; then echo "service ${name} running"; else echo "service ${name} stopped"; fi`),
].join('\n');

/** { files: { path: { sha256, attrs, content } }, services: { name: state } } of one host, in one ssh exec. */
export async function snapshotHost(lab, host) {
  const snapshot = { files: {}, services: {} };
  for (const line of (await sshRun(lab, host, SCRIPT)).split('\n')) {
    const [kind, name, attrs, data] = line.split(' ');
    if (kind === 'service') snapshot.services[name] = attrs;
    if (kind !== 'file') continue;
    const content = attrs === 'absent' ? undefined : Buffer.from(data, 'base64').toString('utf8');
    const sha256 = content === undefined ? 'absent' : createHash('sha256').update(content).digest('hex');
    snapshot.files[name] = { sha256, attrs, content };
  }
  return snapshot;
}

/** Human-readable differences between two snapshots of the same host ([] when identical). */
export function compareSnapshots(a, b, labelA, labelB) {
  const problems = [];
  for (const path of WORKLOAD_FILES) {
    const x = a.files[path];
    const y = b.files[path];
    if (x.sha256 !== y.sha256) {
      problems.push(`${path}: sha256 ${x.sha256.slice(0, 12)} (${labelA}) != ${y.sha256.slice(0, 12)} (${labelB})`);
      problems.push(...firstDifference(x.content ?? '', y.content ?? '', labelA, labelB));
    }
    if (x.attrs !== y.attrs) problems.push(`${path}: mode:owner:group ${x.attrs} (${labelA}) != ${y.attrs} (${labelB})`);
  }
  for (const [name, state] of Object.entries(a.services)) {
    if (state !== 'running' || b.services[name] !== 'running') problems.push(`service ${name}: ${state} (${labelA}), ${b.services[name]} (${labelB})`);
  }
  return problems;
}

/** What keeps a host from looking fresh: a workload file present, a workload line in /etc/hosts, a service up. */
export function staleness(snapshot) {
  const problems = [];
  for (const [path, f] of Object.entries(snapshot.files)) {
    if (path === '/etc/hosts') {
      if (/marmotedu/.test(f.content ?? '')) problems.push('/etc/hosts has the IAM lines');
    } else if (f.sha256 !== 'absent') problems.push(`${path} exists`);
  }
  for (const [name, state] of Object.entries(snapshot.services)) if (state !== 'stopped') problems.push(`${name} ${state}`);
  return problems;
}

function firstDifference(x, y, labelA, labelB) {
  const xs = x.split('\n');
  const ys = y.split('\n');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    if (xs[i] !== ys[i]) return [`    line ${i + 1}: ${labelA}: ${JSON.stringify(xs[i] ?? '<end>')}`, `    line ${i + 1}: ${labelB}: ${JSON.stringify(ys[i] ?? '<end>')}`];
  }
  return [];
}
