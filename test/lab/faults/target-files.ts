// What a fault left in a host's target folder, read from inside the host (no ssh): each file's sha256 (or "absent") and the engine's temp files.
import { inHostOk, type LabHostInfo } from '../helpers/index.js';

export async function targetFiles(host: LabHostInfo, dir: string, files: readonly string[]): Promise<{ shas: Record<string, string>; temps: string[] }> {
  const out = await inHostOk(
    host.name,
    `cd ${dir} 2>/dev/null || exit 0; for f in ${files.join(' ')}; do if [ -f "$f" ]; then echo "$f $(sha256sum < "$f" | cut -d' ' -f1)"; else echo "$f absent"; fi; done; ls -a | grep -F .runbook- | sed 's/^/temp /' || true`,
  );
  const shas: Record<string, string> = {};
  const temps: string[] = [];
  for (const line of out.trim().split('\n').filter(Boolean)) {
    const [k, v] = line.split(' ');
    if (k === 'temp') temps.push(v!);
    else shas[k!] = v!;
  }
  return { shas, temps };
}
