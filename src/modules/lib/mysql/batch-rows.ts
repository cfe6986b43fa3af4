// Parses the mysql client's `-N -B` output: one row a line, tab-separated, with \t \n \\ \0 escaped.
const UNESCAPE: Record<string, string> = { '\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\0': '\0' };

export function parseBatchRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t').map((cell) => cell.replace(/\\[\\tn0]/g, (e) => UNESCAPE[e] ?? e)));
}
