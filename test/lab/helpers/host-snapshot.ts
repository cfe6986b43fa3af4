// What a set of paths looks like on a lab host (type, mode, owner, size, mtime, ctime, sha256), to prove "untouched".
import type { LabHostInfo } from './lab-info.js';
import { sshOk } from './ssh-run.js';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * One line per path (directories: one per entry, recursively, hidden ones included) with
 * its metadata and content hash. Equal snapshots mean nothing was written, replaced,
 * chmod-ed or chown-ed, not merely "same content" (pass times: false for content, names and attrs only).
 */
export async function snapshotPaths(host: LabHostInfo, paths: string[], opts: { times?: boolean; also?: string } = {}): Promise<string> {
  // Without times: "byte-identical" only (a file put back after a failed validation has a new ctime).
  const format = opts.times === false ? '%p %y %m %u:%g %s\\n' : '%p %y %m %u:%g %s %T@ %C@\\n';
  const script = paths
    .map(
      (p) =>
        `if [ -e ${quote(p)} ]; then find ${quote(p)} -printf '${format}' | LC_ALL=C sort; ` +
        `find ${quote(p)} -type f -exec sha256sum {} + | LC_ALL=C sort -k2; else echo ${quote(`${p} absent`)}; fi`,
    )
    .join('\n');
  // `also`: a shell command whose output joins the snapshot, in the same ssh round trip.
  return sshOk(host, opts.also ? `${script}\n${opts.also}` : script);
}

/** Files' contents (null when not a regular file) in one ssh round trip. */
export async function readRemoteFiles(host: LabHostInfo, paths: string[]): Promise<Record<string, string | null>> {
  const script = paths.map((p) => `if [ -f ${quote(p)} ]; then printf '%s\\n' "$(base64 -w0 ${quote(p)})"; else echo -; fi`).join('\n');
  const lines = (await sshOk(host, script)).split('\n');
  return Object.fromEntries(paths.map((p, i) => [p, lines[i] === '-' || lines[i] === undefined ? null : Buffer.from(lines[i]!, 'base64').toString('utf8')]));
}

/** sha256 of one file, or "absent". */
export async function sha256Of(host: LabHostInfo, path: string): Promise<string> {
  const out = await sshOk(host, `if [ -f ${quote(path)} ]; then sha256sum ${quote(path)} | cut -d' ' -f1; else echo absent; fi`);
  return out.trim();
}
