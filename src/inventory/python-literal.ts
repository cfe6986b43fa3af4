// An INI inventory value as Ansible reads it: Python's ast.literal_eval when the text is a literal, else the text itself.
// Ansible's INI plugin (2.14) passes host-line values AND [group:vars] values through literal_eval:
// `2222` is a number, `True` a boolean, `'a b'` a string, `[1, 2]` a list, `yes`/`true`/`/etc/x` strings.

const NOT_LITERAL = Symbol('not a literal');

export function parseIniValue(text: string): unknown {
  const parser = new LiteralParser(text);
  try {
    const value = parser.parse();
    return value;
  } catch (e) {
    if (e === NOT_LITERAL) return text;
    throw e;
  }
}

class LiteralParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): unknown {
    const value = this.value();
    this.space();
    if (this.i < this.s.length) throw NOT_LITERAL;
    return value;
  }

  /** Whitespace and a `# comment` to the end, as Python's tokenizer skips them. */
  private space(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\f') this.i++;
      else if (c === '#') this.i = this.s.length;
      else break;
    }
  }

  private value(): unknown {
    this.space();
    const c = this.s[this.i];
    if (c === undefined) throw NOT_LITERAL;
    if (c === '[') return this.sequence('[', ']');
    if (c === '(') {
      const items = this.sequence('(', ')', true);
      return items;
    }
    if (c === '{') return this.mapping();
    if (c === '-' || c === '+') {
      this.i++;
      this.space();
      const n = this.number();
      return c === '-' ? -n : n;
    }
    if (/[0-9.]/.test(c)) return this.number();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i))?.[0];
    if (word !== undefined) {
      const after = this.s[this.i + word.length];
      if (/^[rRbBuU]{1,2}$/.test(word) && (after === '"' || after === "'")) return this.strings();
      this.i += word.length;
      if (word === 'True') return true;
      if (word === 'False') return false;
      if (word === 'None') return null;
      throw NOT_LITERAL;
    }
    if (c === '"' || c === "'") return this.strings();
    throw NOT_LITERAL;
  }

  private number(): number {
    const rest = this.s.slice(this.i);
    const m =
      /^0[xX](?:_?[0-9a-fA-F])+|^0[oO](?:_?[0-7])+|^0[bB](?:_?[01])+/.exec(rest) ??
      /^(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?/.exec(rest);
    if (!m || m[0] === '.') throw NOT_LITERAL;
    const text = m[0].replace(/_/g, '');
    this.i += m[0].length;
    if (/^[0-9A-Za-z_]/.test(this.s[this.i] ?? '')) throw NOT_LITERAL; // 1j, 12abc
    if (/^0[xXoObB]/.test(text)) return Number(text.toLowerCase());
    // Python 3 forbids leading zeros in decimal integers (`010`), but not `00` or `0.5`.
    if (/^0+[0-9]+$/.test(text) && /[1-9]/.test(text)) throw NOT_LITERAL;
    return Number(text);
  }

  /** One or more adjacent string literals, concatenated as Python does. */
  private strings(): string {
    let out = '';
    let first = true;
    for (;;) {
      this.space();
      const prefix = /^[rRbBuU]{0,2}(?=["'])/.exec(this.s.slice(this.i))?.[0];
      if (prefix === undefined) {
        if (first) throw NOT_LITERAL;
        return out;
      }
      first = false;
      this.i += prefix.length;
      out += this.stringBody(/r/i.test(prefix));
    }
  }

  private stringBody(raw: boolean): string {
    const q = this.s[this.i]!;
    const triple = this.s.startsWith(q.repeat(3), this.i);
    const close = triple ? q.repeat(3) : q;
    this.i += close.length;
    let out = '';
    while (this.i < this.s.length) {
      if (this.s.startsWith(close, this.i)) {
        this.i += close.length;
        return out;
      }
      const c = this.s[this.i++]!;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      if (e === undefined) break;
      if (raw) {
        out += `\\${e}`;
        continue;
      }
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };
      const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hex) {
        const digits = this.s.slice(this.i, this.i + hex);
        if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) throw NOT_LITERAL;
        out += String.fromCodePoint(parseInt(digits, 16));
        this.i += hex;
      } else if (/[0-7]/.test(e)) {
        const digits = e + (/^[0-7]{0,2}/.exec(this.s.slice(this.i))?.[0] ?? '');
        this.i += digits.length - 1;
        out += String.fromCodePoint(parseInt(digits, 8));
      } else out += simple[e] ?? `\\${e}`;
    }
    throw NOT_LITERAL;
  }

  private sequence(open: string, close: string, tuple = false): unknown[] {
    this.i++;
    const items: unknown[] = [];
    let sawComma = false;
    for (;;) {
      this.space();
      if (this.s[this.i] === close) {
        this.i++;
        // `(1)` is 1, not a tuple; `(1,)` and `()` are tuples.
        if (tuple && items.length === 1 && !sawComma) return items[0] as unknown[];
        return items;
      }
      if (items.length > 0) {
        if (this.s[this.i] !== ',') throw NOT_LITERAL;
        this.i++;
        sawComma = true;
        this.space();
        if (this.s[this.i] === close) continue;
      }
      items.push(this.value());
    }
  }

  private mapping(): unknown {
    this.i++;
    const out: Record<string, unknown> = {};
    const set: unknown[] = [];
    let kind: 'dict' | 'set' | undefined;
    for (let n = 0; ; n++) {
      this.space();
      if (this.s[this.i] === '}') {
        this.i++;
        return kind === 'set' ? set : out;
      }
      if (n > 0) {
        if (this.s[this.i] !== ',') throw NOT_LITERAL;
        this.i++;
        this.space();
        if (this.s[this.i] === '}') continue;
      }
      const key = this.value();
      this.space();
      if (this.s[this.i] === ':' && kind !== 'set') {
        kind = 'dict';
        this.i++;
        out[String(key)] = this.value();
      } else if (kind !== 'dict') {
        kind = 'set';
        set.push(key);
      } else throw NOT_LITERAL;
    }
  }
}
