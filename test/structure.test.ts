// The size and shape rules of STYLE.md, read from the real sources: small files, short functions, no import circles.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

interface Parsed {
  lines: number;
  /** `name:line length` of every function body longer than the limit. */
  longFunctions: string[];
  /** Files this one imports, type-only and dynamic imports included. */
  imports: string[];
}

function parse(file: string): Parsed {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  const longFunctions: string[] = [];
  const imports: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const length = lineOf(node.end) - lineOf(node.getStart()) + 1;
      const name = 'name' in node && node.name ? node.name.getText() : '(anonymous)';
      if (length > MAX_FUNCTION_LINES) longFunctions.push(`${name}:${lineOf(node.getStart()) + 1} ${length} lines`);
    }
    const spec = importSpecifier(node);
    if (spec?.startsWith('.')) imports.push(resolveImport(file, spec));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { lines: text.split('\n').length, longFunctions, imports };
}

function importSpecifier(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
    return node.moduleSpecifier.text;
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const [arg] = node.arguments;
    return arg && ts.isStringLiteral(arg) ? arg.text : undefined;
  }
  return undefined;
}

function resolveImport(from: string, spec: string): string {
  const target = resolve(dirname(from), spec).replace(/\.js$/, '.ts');
  return existsSync(join(target, 'index.ts')) ? join(target, 'index.ts') : target;
}

/** Import circles: strongly connected components of more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(relative(src, w));
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

describe('structure', () => {
  const parsed = new Map(sourceFiles(src).map((file) => [file, parse(file)]));

  it(`keeps every source file under ${MAX_FILE_LINES} lines`, () => {
    const long = [...parsed].filter(([, p]) => p.lines > MAX_FILE_LINES).map(([f, p]) => `${relative(src, f)} ${p.lines}`);
    expect(long).toEqual([]);
  });

  it(`keeps every function under ${MAX_FUNCTION_LINES} lines`, () => {
    const long = [...parsed].flatMap(([f, p]) => p.longFunctions.map((fn) => `${relative(src, f)} ${fn}`));
    expect(long).toEqual([]);
  });

  it('has no import circle between files (type-only and dynamic imports count)', () => {
    expect(circles(new Map([...parsed].map(([f, p]) => [f, p.imports])))).toEqual([]);
  });

  it('finds the circles it looks for', () => {
    const graph = new Map([
      [join(src, 'a.ts'), [join(src, 'b.ts')]],
      [join(src, 'b.ts'), [join(src, 'a.ts')]],
      [join(src, 'c.ts'), [join(src, 'a.ts')]],
    ]);
    expect(circles(graph)).toEqual([['a.ts', 'b.ts']]);
  });
});
