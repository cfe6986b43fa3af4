// Ansible's inline arguments: `file: path=/srv state=directory` (key=value pairs), and the
// options a free-form command carries in its string (`command: make creates=/srv/built`).

interface Token {
  /** As written, quotes included. */
  raw: string;
  /** With the shell-style quotes removed. */
  text: string;
}

const JINJA_OPEN = ['{{', '{%', '{#'];
const JINJA_CLOSE = ['}}', '%}', '#}'];

/**
 * Splits on whitespace outside single or double quotes and outside Jinja's `{{ }}`, `{% %}`, `{# #}`
 * (as Ansible's split_args: `name={{ dbname }} state=present` is two words); undefined when a quote
 * or a Jinja block is left open.
 */
function tokens(input: string): Token[] | undefined {
  const out: Token[] = [];
  let raw = '';
  let text = '';
  let quote: string | undefined;
  let jinja = 0;
  const flush = () => {
    if (raw !== '') out.push({ raw, text });
    raw = '';
    text = '';
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    const pair = input.slice(i, i + 2);
    if (!quote && (JINJA_OPEN.includes(pair) || (jinja > 0 && JINJA_CLOSE.includes(pair)))) {
      jinja += JINJA_OPEN.includes(pair) ? 1 : -1;
      raw += pair;
      text += pair;
      i++;
    } else if (jinja > 0) {
      // Inside a Jinja block quotes and spaces are the expression's own.
      raw += c;
      text += c;
    } else if (quote) {
      raw += c;
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < input.length) {
        raw += input[++i]!;
        text += input[i]!;
      } else text += c;
    } else if (c === '"' || c === "'") {
      raw += c;
      quote = c;
    } else if (/\s/.test(c)) flush();
    else {
      raw += c;
      text += c;
    }
  }
  if (quote || jinja > 0) return undefined;
  flush();
  return out;
}

const PAIR = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** A value as Ansible's module arg types would take it: integers become numbers, except modes ("0644"). */
function typed(key: string, value: string): unknown {
  return key !== 'mode' && /^-?\d+$/.test(value) ? Number(value) : value;
}

/** `path=/srv state=directory` -> { path, state }; undefined unless every word is key=value. */
export function parseKeyValues(input: string): Record<string, unknown> | undefined {
  const words = tokens(input);
  if (!words || words.length === 0) return undefined;
  const args: Record<string, unknown> = {};
  for (const word of words) {
    const pair = PAIR.exec(word.text);
    if (!pair || !PAIR.test(word.raw)) return undefined;
    args[pair[1]!] = typed(pair[1]!, pair[2]!);
  }
  return args;
}

/**
 * The options among `keys` written as words of a free-form string (`creates=/x`), and the string
 * without them. Words inside quotes are the command's own and stay.
 */
export function extractOptions(input: string, keys: readonly string[]): { rest: string; options: Record<string, string> } {
  const words = tokens(input);
  if (!words) return { rest: input, options: {} };
  const options: Record<string, string> = {};
  const kept: string[] = [];
  for (const word of words) {
    const pair = PAIR.exec(word.raw);
    if (pair && keys.includes(pair[1]!)) options[pair[1]!] = PAIR.exec(word.text)![2]!;
    else kept.push(word.raw);
  }
  return Object.keys(options).length === 0 ? { rest: input, options } : { rest: kept.join(' '), options };
}
