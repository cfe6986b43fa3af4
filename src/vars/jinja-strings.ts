// Jinja's string literals as Python reads them, and Ansible's doubling of backslashes in a task's `{{ }}`.
//   - Jinja decodes a literal with Python's unicode-escape: `\n`, `\\`, `\x41`, `\1` (octal), and an unknown escape
//     such as `\.` keeps its backslash. Nunjucks dropped it (`'a\.b'` was `a.b`), changing regex patterns.
//   - Ansible templates a task's strings with escape_backslashes: inside `{{ }}` each backslash of a string literal
//     is doubled first, so `regex_replace('(b)', '\1')` in a task passes `\1` through, as written. Template files
//     (the template module, lookup('template')) and `when:` conditions (`{% if %}`) are not escaped so.
import nunjucks from 'nunjucks';

const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };

/** Python's unicode-escape decoding of a string literal's body. */
export function pythonUnescape(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (all, esc: string) => {
    if (Object.hasOwn(SIMPLE, esc)) return SIMPLE[esc]!;
    if (/^[0-7]+$/.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
    if (/^[xuU][0-9a-fA-F]+$/.test(esc)) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (esc === 'x' || esc === 'u' || esc === 'U') throw new Error(`(unicode error) truncated \\${esc} escape`);
    return all;
  });
}

interface TokenizerProto {
  _parseString(delimiter: string): string;
  current(): string;
  forward(): void;
  isFinished(): boolean;
}

let installed = false;

/** Makes nunjucks' lexer read string literals as Jinja does (once per process: the lexer is a shared module). */
export function installJinjaStrings(): void {
  if (installed) return;
  const proto = Object.getPrototypeOf((nunjucks as unknown as { lexer: { lex(src: string): object } }).lexer.lex('')) as TokenizerProto;
  proto._parseString = function (this: TokenizerProto, delimiter: string) {
    this.forward();
    let raw = '';
    while (!this.isFinished() && this.current() !== delimiter) {
      if (this.current() === '\\') {
        raw += '\\';
        this.forward();
      }
      raw += this.current();
      this.forward();
    }
    this.forward();
    return pythonUnescape(raw);
  };
  installed = true;
}

/** Ansible's _escape_backslashes: in each `{{ }}`, the backslashes of string literals doubled. */
export function escapeBackslashes(text: string): string {
  if (!text.includes('\\') || !text.includes('{{')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('{{', i);
    if (start < 0) break;
    out += text.slice(i, start + 2);
    i = start + 2;
    while (i < text.length && !text.startsWith('}}', i)) {
      const quote = text[i]!;
      if (quote !== "'" && quote !== '"') {
        out += text[i++];
        continue;
      }
      // A string literal as Jinja's lexer finds it (a backslash escapes the next character).
      let j = i + 1;
      while (j < text.length && text[j] !== quote) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1).replace(/\\/g, '\\\\');
      i = j + 1;
    }
  }
  return out + text.slice(i);
}
