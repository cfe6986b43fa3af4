// Jinja's `item.0` (an index written as an attribute, common with with_subelements/with_nested) as `item[0]` for Nunjucks.

const BLOCK = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const STRING = /('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/;
const DOT_INDEX = /([A-Za-z_]\w*|\]|\))\.(\d+)(?!\w)/g;

/** The `{{ }}`/`{% %}` blocks of a template's text, without its literal text. */
export function jinjaBlocks(text: string): string[] {
  return text.match(BLOCK) ?? [];
}

/** The template with `name.N` inside its `{{ }}`/`{% %}` blocks (outside string literals) written `name[N]`. */
export function dotIndexToSubscript(text: string): string {
  if (!/\.\d/.test(text)) return text;
  return text.replace(BLOCK, (block) =>
    block
      .split(STRING)
      .map((part, i) => (i % 2 === 1 ? part : subscript(part)))
      .join(''),
  );
}

function subscript(code: string): string {
  let out = code;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(DOT_INDEX, '$1[$2]');
  }
  return out;
}
