// Python's truth in nunjucks' `not`, `and`, `or`, `if` and `x if c else y`: an empty list, mapping or string is false,
// as in Jinja (`when: not lookup('varnames', '^x$')` holds when nothing matches). nunjucks compiles them to
// JavaScript's `!`, `&&`, `||` and `if`, where `[]` and `{}` are true. `and`/`or` still give an operand and stop early.
import nunjucks from 'nunjucks';

type Node = { lineno: number; colno: number; [field: string]: unknown };
interface Compiler {
  _emit(code: string): void;
  compile(node: unknown, frame: unknown): void;
}
const lib = nunjucks as unknown as {
  nodes: { Not: new (lineno: number, colno: number, target: unknown) => Node };
  compiler: { Compiler: { prototype: Compiler & Record<string, unknown> } };
  runtime: Record<string, unknown> & { SafeString: new (...args: unknown[]) => object };
};

/** Python's bool(): empty strings, lists, mappings and sets are false; other objects true. */
export function jinjaTruthy(value: unknown): boolean {
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (value instanceof lib.runtime.SafeString) return String(value).length > 0;
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (value !== null && typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null ? Object.keys(value).length > 0 : true;
  }
  return Boolean(value);
}

let installed = false;

/** Patches nunjucks' compiler once per process (a shared module, as its runtime is). */
export function installJinjaTruthiness(): void {
  if (installed) return;
  lib.runtime.jinjaTruthy = jinjaTruthy;
  const proto = lib.compiler.Compiler.prototype;
  proto.compileNot = function (this: Compiler, node: Node, frame: unknown) {
    this._emit('!runtime.jinjaTruthy(');
    this.compile(node.target, frame);
    this._emit(')');
  };
  // `a and b` is b when a is true, else a; `a or b` is a when a is true, else b (b evaluated only then).
  const operand = (truthyFirst: boolean) =>
    function (this: Compiler, node: Node, frame: unknown) {
      this._emit('((__left) => runtime.jinjaTruthy(__left) ? ');
      if (truthyFirst) this.compile(node.right, frame);
      else this._emit('__left');
      this._emit(' : ');
      if (truthyFirst) this._emit('__left');
      else this.compile(node.right, frame);
      this._emit(')(');
      this.compile(node.left, frame);
      this._emit(')');
    };
  proto.compileAnd = operand(true);
  proto.compileOr = operand(false);
  // A condition is compiled as `not not cond`: Python's truth of it, as a boolean.
  for (const name of ['compileIf', 'compileIfAsync', 'compileInlineIf'] as const) {
    const original = proto[name] as (this: Compiler, node: Node, ...rest: unknown[]) => void;
    proto[name] = function (this: Compiler, node: Node, ...rest: unknown[]) {
      const cond = node.cond;
      node.cond = new lib.nodes.Not(node.lineno, node.colno, new lib.nodes.Not(node.lineno, node.colno, cond));
      try {
        original.call(this, node, ...rest);
      } finally {
        node.cond = cond;
      }
    };
  }
  installed = true;
}
