// Splits a line into words as Python's shlex.split(line, comments=True) does (Ansible's INI host lines), keeping each word's column.

export interface ShellWord {
  text: string;
  /** 0-based offset of the word's first character in the line. */
  start: number;
}

/** Words of `line`, or an error message (an unclosed quote, a trailing backslash). */
export function splitShellWords(line: string): ShellWord[] | { error: string } {
  const words: ShellWord[] = [];
  let current: ShellWord | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (quote === '"' && c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) current!.text += line[++i];
      else current!.text += c;
      continue;
    }
    if (/\s/.test(c)) {
      if (current) words.push(current);
      current = undefined;
      continue;
    }
    // shlex ends the line at `#` even inside a word: `color=#fff` is `color=`.
    if (c === '#') break;
    current ??= { text: '', start: i };
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\') {
      if (i + 1 >= line.length) return { error: 'a backslash ends the line (no escaped character)' };
      current.text += line[++i];
    } else current.text += c;
  }
  if (quote) return { error: `no closing quotation (${quote})` };
  if (current) words.push(current);
  return words;
}
