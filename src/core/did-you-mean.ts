// "Did you mean" hints: the known names closest to a misspelled one.
import { byCodePoint } from './by-code-point.js';

/** Known names within a small edit distance of `name`, closest first. */
export function closestNames(name: string, known: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return [...new Set(known)]
    .map((k) => ({ k, d: editDistance(name.toLowerCase(), k.toLowerCase()) }))
    .filter(({ k, d }) => d <= limit || k.toLowerCase().includes(name.toLowerCase()))
    .sort((a, b) => a.d - b.d || byCodePoint(a.k, b.k))
    .slice(0, max)
    .map(({ k }) => k);
}

/** `did you mean "a" or "b"?`, or undefined when nothing is close. */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  const close = closestNames(name, known);
  if (close.length === 0) return undefined;
  return `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
