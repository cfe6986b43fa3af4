// Python's `+` in nunjucks: lists concatenate (`xs | default([]) + [item]`, how roles build lists in a set_fact loop),
// where JavaScript's `+` made the string "ab". A list with anything else, or two mappings, fails as Python does.
import nunjucks from 'nunjucks';

type Node = { [field: string]: unknown };
interface Compiler {
  _emit(code: string): void;
  compile(node: unknown, frame: unknown): void;
}
const lib = nunjucks as unknown as {
  compiler: { Compiler: { prototype: Compiler & Record<string, unknown> } };
  runtime: Record<string, unknown>;
};

/** Python's type name of a value, as its TypeError messages write it. */
function pyTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  if (value === null || value === undefined) return 'NoneType';
  return 'dict';
}

const isMapping = (value: unknown): boolean => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** `a + b` as Jinja evaluates it: lists concatenate; numbers add and strings join as before. */
export function jinjaAdd(a: unknown, b: unknown): unknown {
  // An undefined operand is an undefined name (template-error.ts finds which), as Ansible's strict undefined.
  if (a === undefined || b === undefined) throw new Error('+ was given an undefined or null value');
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (Array.isArray(a)) throw new TypeError(`can only concatenate list (not "${pyTypeName(b)}") to list`);
  if (Array.isArray(b) || isMapping(a) || isMapping(b)) throw new TypeError(`unsupported operand type(s) for +: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
  return (a as string) + (b as string);
}

/** A list literal's item: undefined fails (the message template-error.ts reads as an undefined name). */
export function jinjaItem(value: unknown): unknown {
  if (value === undefined) throw new Error('a list item was given an undefined or null value');
  return value;
}

let installed = false;

/** Patches nunjucks' compiler once per process (a shared module, as its runtime is). */
export function installJinjaOperators(): void {
  if (installed) return;
  lib.runtime.jinjaAdd = jinjaAdd;
  lib.compiler.Compiler.prototype.compileAdd = function (this: Compiler, node: Node, frame: unknown) {
    this._emit('runtime.jinjaAdd(');
    this.compile(node.left, frame);
    this._emit(', ');
    this.compile(node.right, frame);
    this._emit(')');
  };
  lib.runtime.jinjaItem = jinjaItem;
  // `'x' in facts.packages` with the attribute undefined is an undefined name (a task waits for what sets it), not a TypeError.
  const inOperator = lib.runtime.inOperator as (key: unknown, value: unknown) => boolean;
  lib.runtime.inOperator = (key: unknown, value: unknown) => {
    if (value === undefined) throw new Error('in was given an undefined or null value');
    return inOperator(key, value);
  };
  const proto = lib.compiler.Compiler.prototype;
  const compileGroup = proto.compileGroup as (this: Compiler, node: Node, frame: unknown) => void;
  proto.compileGroup = function (this: Compiler, node: Node, frame: unknown) {
    if ((node.children as unknown[]).length > 1) (proto.compileArray as typeof compileGroup).call(this, node, frame);
    else compileGroup.call(this, node, frame);
  };
  proto.compileArray = function (this: Compiler, node: Node, frame: unknown) {
    this._emit('[');
    (node.children as unknown[]).forEach((child, i) => {
      this._emit(i === 0 ? 'runtime.jinjaItem(' : ', runtime.jinjaItem(');
      this.compile(child, frame);
      this._emit(')');
    });
    this._emit(']');
  };
  installed = true;
}
