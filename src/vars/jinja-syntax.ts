// Jinja syntax nunjucks lacks, added to its parser and compiler: test arguments, `with`, namespaces, a lone `#}`.
//   - `x is version('1.4', '<=')` (nunjucks compiled a test's arguments without commas), `x is divisibleby 3`
//     and `x is in l` (one argument without parentheses, as Jinja's parse_test takes it).
//   - `{% with a = 1, b = x %}...{% endwith %}`: names seen only inside, as in Jinja.
//   - `namespace(a=1)` and `{% set ns.a = 2 %}`: the one object a template may assign attributes on.
//   - `#}` outside a comment is text to Jinja; nunjucks refused it ("unexpected end of comment").
// `{% do %}`, `{% break %}` and `{% continue %}` stay unknown tags: Ansible 2.14 enables no Jinja extension.
import nunjucks from 'nunjucks';

type Node = { lineno: number; colno: number; typename: string; value?: unknown; name?: Node; args?: Node; children?: Node[]; target?: Node; val?: Node; left?: Node; right?: Node; [field: string]: unknown };
type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => Node;
type NodeModule = Record<string, NodeClass> & { Node: NodeClass & { extend(name: string, props: { fields: string[] }): NodeClass } };
interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}
interface Parser {
  peekToken(): Token;
  nextToken(): Token;
  skipSymbol(name: string): boolean;
  skip(type: string): boolean;
  skipValue(type: string, value: string): boolean;
  fail(message: string, lineno?: number, colno?: number): never;
  parsePrimary(noPostfix?: boolean): Node;
  parseCompare(): Node;
  parseExpression(): Node;
  parseUntilBlocks(...names: string[]): Node;
  advanceAfterBlockEnd(name?: string): void;
}
interface Frame {
  push(): Frame;
  set(name: string, id: string): void;
}
interface Compiler {
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
  compile(node: Node, frame: Frame): void;
  _compileExpression(node: Node, frame: Frame): void;
  _compileAggregate(node: Node, frame: Frame, start?: string, end?: string): void;
}

const lib = nunjucks as unknown as {
  nodes: NodeModule;
  parser: { Parser: { prototype: Parser & Record<string, unknown> } };
  compiler: { Compiler: { prototype: Compiler & Record<string, unknown> } };
  runtime: Record<string, unknown>;
};

/** Jinja's namespace(): attributes a template may set (`{% set ns.found = true %}`), read like a mapping's. */
export class Namespace {
  constructor(initial: Record<string, unknown>) {
    for (const [key, value] of Object.entries(initial)) setNamespaceAttribute(this, key, value);
  }
}

/** `namespace({'a': 1}, b=2)`: a mapping and keyword arguments, as Jinja takes them. */
export function namespace(...args: unknown[]): Namespace {
  const initial: Record<string, unknown> = {};
  for (const arg of args) {
    // A `__proto__` key in a template's literal gives the object another prototype: refused, not ignored.
    const proto = arg && typeof arg === 'object' ? Object.getPrototypeOf(arg) : undefined;
    if (proto === Object.prototype || proto === null) Object.assign(initial, arg);
    else throw new Error('namespace() takes a mapping and keyword arguments (and no __proto__)');
  }
  delete initial.__keywords;
  return new Namespace(initial);
}

function setNamespaceAttribute(target: unknown, key: unknown, value: unknown): void {
  if (!(target instanceof Namespace)) throw new Error('can only assign attributes to namespace objects (namespace())');
  const name = String(key);
  if (name === '__proto__' || name === 'constructor' || name === 'prototype') throw new Error(`namespace attribute "${name}" is not allowed`);
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

let installed = false;

/** Patches nunjucks' parser and compiler once per process (they are shared modules, as its runtime is). */
export function installJinjaSyntax(): void {
  if (installed) return;
  const { nodes } = lib;
  const With = nodes.Node.extend('With', { fields: ['targets', 'values', 'body'] });
  patchParser(lib.parser.Parser.prototype, nodes, With);
  patchCompiler(lib.compiler.Compiler.prototype);
  lib.runtime.setNamespaceAttribute = setNamespaceAttribute;
  installed = true;
}

const ARGUMENT_START = new Set(['string', 'int', 'float', 'symbol', 'left-bracket', 'left-curly', 'boolean', 'none']);
const NOT_AN_ARGUMENT = new Set(['and', 'or', 'else', 'if', 'not', 'is', 'in']);

function patchParser(parser: Parser & Record<string, unknown>, nodes: NodeModule, With: NodeClass): void {
  parser.parseIs = function (this: Parser) {
    let node = this.parseCompare();
    if (!this.skipSymbol('is')) return node;
    const not = this.skipSymbol('not');
    node = new nodes.Is!(node.lineno, node.colno, node, parseTest(this, nodes));
    return not ? new nodes.Not!(node.lineno, node.colno, node) : node;
  };
  const parseStatement = parser.parseStatement as (this: Parser) => Node;
  parser.parseStatement = function (this: Parser) {
    const tok = this.peekToken();
    return tok.type === 'symbol' && tok.value === 'with' ? parseWith(this, nodes, With) : parseStatement.call(this);
  };
}

/** The test after `is`: a name, a call, or a name and one argument (`in l`, `divisibleby 3`). */
function parseTest(p: Parser, nodes: NodeModule): Node {
  const tok = p.peekToken();
  let test: Node;
  if (tok.type === 'symbol' && tok.value === 'in') {
    p.nextToken();
    test = new nodes.Symbol!(tok.lineno, tok.colno, 'in');
  } else {
    test = p.parsePrimary();
  }
  if (test.typename !== 'Symbol') return test;
  const next = p.peekToken();
  if (!next || !ARGUMENT_START.has(next.type) || (next.type === 'symbol' && NOT_AN_ARGUMENT.has(next.value))) return test;
  const arg = p.parsePrimary();
  return new nodes.FunCall!(tok.lineno, tok.colno, test, new nodes.NodeList!(tok.lineno, tok.colno, [arg]));
}

function parseWith(p: Parser, nodes: NodeModule, With: NodeClass): Node {
  const tag = p.nextToken();
  const targets: Node[] = [];
  const values: Node[] = [];
  do {
    const target = p.parsePrimary(true);
    if (target.typename !== 'Symbol') p.fail('with: expected a name', target.lineno, target.colno);
    if (!p.skipValue('operator', '=')) p.fail('with: expected "=" after the name', target.lineno, target.colno);
    targets.push(target);
    values.push(p.parseExpression());
  } while (p.skip('comma'));
  p.advanceAfterBlockEnd('with');
  const body = p.parseUntilBlocks('endwith');
  p.advanceAfterBlockEnd();
  return new With(tag.lineno, tag.colno, targets, values, body);
}

/** A test's name: `defined`, `none` (a literal), or dotted (`ansible.builtin.version`). */
function testName(node: Node): string {
  if (node.typename === 'LookupVal') return `${testName(node.target!)}.${String(node.val!.value)}`;
  return String(node.value);
}

function patchCompiler(compiler: Compiler & Record<string, unknown>): void {
  // A call's name goes into the compiled code as a "string" (for its error messages): a literal in it, Jinja-decoded
  // (`"\n".join(l)` holds a real newline), must not end that string early.
  const getNodeName = compiler._getNodeName as (this: Compiler, node: Node) => string;
  compiler._getNodeName = function (this: Compiler, node: Node) {
    return node.typename === 'Literal' ? String(node.value).replace(/[\\\n\r]/g, (c) => JSON.stringify(c).slice(1, -1)) : getNodeName.call(this, node);
  };
  compiler.compileIs = function (this: Compiler, node: Node, frame: Frame) {
    const right = node.right!;
    this._emit(`env.getTest(${JSON.stringify(testName(right.typename === 'FunCall' ? right.name! : right))}).call(context, `);
    this.compile(node.left!, frame);
    if (right.args && right.args.children!.length > 0) {
      this._emit(', ');
      this._compileAggregate(right.args, frame);
    }
    this._emit(') === true');
  };
  compiler.compileWith = function (this: Compiler, node: Node, frame: Frame) {
    // The values are read in the outer scope, then the names are set in a new one.
    const ids = (node.values as Node[]).map((value) => {
      const id = this._tmpid();
      this._emit(`var ${id} = `);
      this._compileExpression(value, frame);
      this._emitLine(';');
      return id;
    });
    this._emitLine('frame = frame.push();');
    const inner = frame.push();
    (node.targets as Node[]).forEach((target, i) => {
      this._emitLine(`frame.set(${JSON.stringify(String(target.value))}, ${ids[i]});`);
      inner.set(String(target.value), ids[i]!);
    });
    this.compile(node.body as Node, inner);
    this._emitLine('frame = frame.pop();');
  };
  const compileSet = compiler.compileSet as (this: Compiler, node: Node, frame: Frame) => void;
  compiler.compileSet = function (this: Compiler, node: Node, frame: Frame) {
    const targets = node.targets as Node[];
    if (!targets.some((t) => t.typename === 'LookupVal')) return compileSet.call(this, node, frame);
    const target = targets[0]!;
    if (targets.length !== 1 || target.target!.typename !== 'Symbol') throw new Error('set: assign one namespace attribute at a time ({% set ns.name = value %})');
    this._emit('runtime.setNamespaceAttribute(');
    this.compile(target.target!, frame);
    this._emit(', ');
    this.compile(target.val!, frame);
    this._emit(', ');
    if (node.value) this._compileExpression(node.value as Node, frame);
    else this.compile(node.body as Node, frame);
    this._emitLine(');');
  };
}
