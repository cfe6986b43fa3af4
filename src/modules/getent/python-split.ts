// Python's `str.splitlines()` and `str.split(sep)`, as getent.py splits getent's output.

/** The line boundaries of Python's `str.splitlines()`. */
const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;

/** The characters Python's `str.split()` (no separator) splits on. */
const WHITESPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** `text.splitlines()`: no empty last line after a final break. */
export function pythonSplitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `line.split(sep)`: on every `sep`; without one, on runs of whitespace with none at either end. */
export function pythonSplit(line: string, sep: string | undefined): string[] {
  if (sep !== undefined) return line.split(sep);
  return line.split(WHITESPACE).filter((field, i, all) => field !== '' || (i !== 0 && i !== all.length - 1));
}
