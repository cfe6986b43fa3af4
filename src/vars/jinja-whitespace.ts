// Jinja's lexer rules for whitespace, applied to a template before nunjucks reads it (nunjucks' own trimBlocks and
// lstripBlocks stay off: they differ from Jinja's, e.g. on comments), following jinja2/lexer.py (3.1):
//   - every newline (\r\n, \r, \n) is read as "\n" and the last one dropped unless keep_trailing_newline;
//   - trim_blocks drops the newline after a block or comment tag; lstrip_blocks the whitespace from a line's
//     start to a block or comment tag (not `{{`); `{%+` and `+%}` keep it; `-` strips all whitespace on its side;
//   - comments are emptied; `#}` outside one is text (nunjucks refused it); a raw block's text is kept as written;
//   - newline_sequence replaces every newline last.
// Whitespace taken out from between tags is put inside a tag, so nunjucks' lines (and mostly columns) stay the template's.
import type { TemplateOptions } from '../core/template-options.js';

type Whitespace = Pick<TemplateOptions, 'trimBlocks' | 'lstripBlocks' | 'newlineSequence' | 'keepTrailingNewline'>;

/** A tag as it goes to nunjucks, where the template goes on, and whether what it consumed ended a line. */
interface Tag {
  text: string;
  end: number;
  lineStarting: boolean;
}

const TAG_START = /\{([{%#])([-+]?)/g;

/** The template as nunjucks should read it to give Jinja's output with these settings. */
export function jinjaWhitespace(source: string, options: Whitespace): string {
  let text = source.replace(/\r\n?/g, '\n');
  if (!options.keepTrailingNewline && text.endsWith('\n')) text = text.slice(0, -1);
  const out: string[] = [];
  let pos = 0;
  let lineStarting = true;
  while (pos < text.length) {
    TAG_START.lastIndex = pos;
    const m = TAG_START.exec(text);
    if (!m) {
      out.push(literalCommentEnds(text.slice(pos)));
      break;
    }
    const [kind, sign] = [m[1]!, m[2]!];
    const { data, moved } = stripBefore(text.slice(pos, m.index), sign, options.lstripBlocks && kind !== '{', lineStarting);
    out.push(literalCommentEnds(data));
    const tag = kind === '#' ? comment(text, m.index, sign, moved, options) : kind === '%' && RAW_BEGIN.test(text.slice(m.index, m.index + 40)) ? rawBlock(text, m.index, moved, options) : codeTag(text, m.index, kind, sign, moved, options);
    if (!tag) {
      // Unterminated: as written, for nunjucks to report where.
      out.push(text.slice(m.index));
      break;
    }
    out.push(tag.text);
    pos = tag.end;
    lineStarting = tag.lineStarting;
  }
  const result = out.join('');
  return options.newlineSequence === '\n' ? result : result.replace(/\n/g, options.newlineSequence);
}

/** Jinja's OptionalLStrip: the text before a tag, `-` stripping all its trailing whitespace, lstrip_blocks a line's indent. */
function stripBefore(data: string, sign: string, lstrip: boolean, lineStarting: boolean): { data: string; moved: string } {
  if (sign === '-') {
    const kept = data.trimEnd();
    return { data: kept, moved: data.slice(kept.length) };
  }
  if (sign !== '+' && lstrip) {
    const lineStart = data.lastIndexOf('\n') + 1;
    if ((lineStart > 0 || lineStarting) && /^\s+$/.test(data.slice(lineStart))) return { data: data.slice(0, lineStart), moved: data.slice(lineStart) };
  }
  return { data, moved: '' };
}

/** After a tag's end: `-` consumes all whitespace, trim_blocks (`%}`, `#}`) one newline; counted to move them inside. */
function stripAfter(text: string, at: number, endSign: string, trim: boolean): { end: number; moved: string; lineStarting: boolean } {
  if (endSign === '-') {
    const ws = /\s*/y;
    ws.lastIndex = at;
    const consumed = ws.exec(text)![0];
    return { end: at + consumed.length, moved: consumed, lineStarting: consumed.endsWith('\n') };
  }
  if (endSign === '' && trim && text[at] === '\n') return { end: at + 1, moved: '\n', lineStarting: true };
  return { end: at, moved: '', lineStarting: false };
}

/** `{% ... %}` or `{{ ... }}`: its end is the first one outside strings and brackets, as Jinja's balancing finds it. */
function codeTag(text: string, start: number, kind: string, sign: string, movedBefore: string, options: Whitespace): Tag | undefined {
  const close = kind === '%' ? '%}' : '}}';
  const bodyStart = start + 2 + sign.length;
  const stack: string[] = [];
  for (let j = bodyStart; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"' || c === "'") {
      const string = (c === '"' ? /"(?:[^"\\]|\\[\s\S])*"/y : /'(?:[^'\\]|\\[\s\S])*'/y);
      string.lastIndex = j;
      const m = string.exec(text);
      if (!m) return undefined;
      j += m[0].length - 1;
      continue;
    }
    if (stack.length === 0) {
      const endSign = text.startsWith(`-${close}`, j) ? '-' : kind === '%' && text.startsWith(`+${close}`, j) ? '+' : text.startsWith(close, j) ? '' : undefined;
      if (endSign !== undefined) {
        const after = stripAfter(text, j + endSign.length + 2, endSign, kind === '%' && options.trimBlocks);
        const body = text.slice(bodyStart, j);
        return { text: `{${kind}${movedBefore}${body}${after.moved}${close}`, end: after.end, lineStarting: after.lineStarting };
      }
    }
    if (c === '{' || c === '(' || c === '[') stack.push(c);
    else if ((c === '}' || c === ')' || c === ']') && stack.length > 0) stack.pop();
  }
  return undefined;
}

/** `{# ... #}`: ends at the first `#}` (`-#}`, `+#}`); emptied but for its newlines. */
function comment(text: string, start: number, sign: string, movedBefore: string, options: Whitespace): Tag | undefined {
  const bodyStart = start + 2 + sign.length;
  const close = text.indexOf('#}', bodyStart);
  if (close < 0) return undefined;
  const endSign = close > bodyStart && (text[close - 1] === '-' || text[close - 1] === '+') ? text[close - 1]! : '';
  const after = stripAfter(text, close + 2, endSign, options.trimBlocks);
  const lines = newlines(movedBefore + text.slice(bodyStart, close) + after.moved);
  return { text: `{#${'\n'.repeat(lines)}#}`, end: after.end, lineStarting: after.lineStarting };
}

const RAW_BEGIN = /^\{%[-+]?\s*raw\s*-?%\}/;

/** `{% raw %}...{% endraw %}`: the text between is kept; the tags strip as others do (`{% raw %}` takes no trim_blocks). */
function rawBlock(text: string, start: number, movedBefore: string, options: Whitespace): Tag | undefined {
  const begin = /\{%[-+]?\s*raw\s*(-?)%\}/y;
  begin.lastIndex = start;
  const b = begin.exec(text)!;
  const opened = stripAfter(text, start + b[0].length, b[1]!, false);
  const endRaw = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;
  endRaw.lastIndex = opened.end;
  const e = endRaw.exec(text);
  if (!e) return undefined;
  const { data, moved } = stripBefore(text.slice(opened.end, e.index), e[1]!, options.lstripBlocks, opened.lineStarting);
  const closed = stripAfter(text, e.index + e[0].length, e[2]!, options.trimBlocks);
  // nunjucks' raw tags take no newline inside them (its raw scanner then fails): the newlines go in comments beside them.
  const lines = (...moved: string[]) => `{#${'\n'.repeat(newlines(moved.join('')))}#}`;
  return { text: `${lines(movedBefore, opened.moved)}{% raw %}${data}{% endraw %}${lines(moved, closed.moved)}`, end: closed.end, lineStarting: closed.lineStarting };
}

/** Jinja reads `#}` outside a comment as text: written as a string expression for nunjucks. */
function literalCommentEnds(data: string): string {
  return data.includes('#}') ? data.replaceAll('#}', '{{ "#}" }}') : data;
}

function newlines(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return n;
}
