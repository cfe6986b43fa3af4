// Median, min and max of a series of timings, and their formatting for the bench table.

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return undefined;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], n };
}

export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** "1.23 s (1.10-1.40)" */
export function formatSummary(s) {
  if (!s) return 'n/a';
  return `${seconds(s.median)} (${(s.min / 1000).toFixed(2)}-${(s.max / 1000).toFixed(2)})`;
}

export const ratio = (a, b) => (a && b ? `${(a.median / b.median).toFixed(1)}x` : 'n/a');

export const mb = (kb) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);

/** Left-aligned columns with two spaces between them. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('   ').trimEnd()).join('\n');
}
