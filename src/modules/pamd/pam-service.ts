// A PAM service file as community.general's pamd (6.6.2) edits it: a doubly linked list of lines, each edit
// written as pamd's own (its quirks kept: an insert drops the comments between the rules it goes between).
import { PlanError } from '../lib/plan-error.js';
import { controlText, invalidBecause, lineText, newRule, parseModuleArguments, readLine, setControl, type PamLine, type PamRule } from './pam-rule.js';

interface Node {
  line: PamLine;
  prev: Node | undefined;
  next: Node | undefined;
}

/** Which rules an edit is about: pamd's matches(), on the type, the control as written back, and the module. */
export interface RuleKey {
  type: string;
  control: string;
  path: string;
}

/** The new rule of an insert, or the parts an update changes. */
export interface NewRule {
  type?: string | undefined;
  control?: string | undefined;
  path?: string | undefined;
  args?: string[] | undefined;
}

export class PamService {
  private head: Node | undefined;
  private tail: Node | undefined;

  constructor(content: string) {
    splitLines(content).forEach((line, i) => this.append({ line: readLine(line, i + 1), prev: undefined, next: undefined }));
  }

  /** state: absent. The number of rules removed. */
  remove(key: RuleKey): number {
    let changed = 0;
    for (let node = this.head; node !== undefined; node = node.next) {
      if (!matches(node.line, key)) continue;
      if (node.prev !== undefined) {
        node.prev.next = node.next;
        if (node.next !== undefined) node.next.prev = node.prev;
      } else {
        // pamd fails on a file whose only line is the rule ('NoneType' object has no attribute 'prev').
        if (node.next === undefined) throw new PlanError('pamd cannot remove the only line of the file');
        this.head = node.next;
        node.next.prev = undefined;
      }
      changed++;
    }
    return changed;
  }

  /** state: updated. The number of rules changed. */
  update(key: RuleKey, to: NewRule): number {
    const newArgs = to.args === undefined ? undefined : parseModuleArguments(to.args);
    let changes = 0;
    for (const rule of this.rules(key)) {
      let changed = false;
      if (to.type && rule.type !== to.type) [changed, rule.type] = [true, to.type];
      if (to.control && controlText(rule) !== to.control) [changed, rule.control] = [true, setControl(to.control)];
      if (to.path && rule.path !== to.path) [changed, rule.path] = [true, to.path];
      if (newArgs !== undefined && !sameList(rule.args, newArgs)) [changed, rule.args] = [true, parseModuleArguments(newArgs)];
      if (changed) changes++;
    }
    return changes;
  }

  /** state: before. A new rule before each matching one, unless the rule before it (comments passed over) is that rule. */
  insertBefore(key: RuleKey, to: Required<NewRule>): number {
    let changes = 0;
    for (const current of this.nodes(key)) {
      const added: Node = { line: newRule(to.type, to.control, to.path, to.args), prev: undefined, next: undefined };
      let previous = current.prev;
      while (previous !== undefined && (previous.line.kind === 'comment' || previous.line.kind === 'empty')) previous = previous.prev;
      if (previous !== undefined && !matches(previous.line, to)) {
        [previous.next, added.prev, added.next, current.prev] = [added, previous, current, added];
        changes++;
      } else if (previous === undefined) {
        if (current.prev === undefined) this.head = added;
        else current.prev.next = added;
        [added.prev, added.next, current.prev] = [current.prev, current, added];
        changes++;
      }
    }
    return changes;
  }

  /** state: after. A new rule after each matching one, unless the rule after it (comments passed over) is that rule. */
  insertAfter(key: RuleKey, to: Required<NewRule>): number {
    let changes = 0;
    for (const current of this.nodes(key)) {
      let next = current.next;
      while (next !== undefined && (next.line.kind === 'comment' || next.line.kind === 'empty')) next = next.next;
      const added: Node = { line: newRule(to.type, to.control, to.path, to.args), prev: undefined, next: undefined };
      if (next !== undefined && !matches(next.line, to)) {
        [next.prev, added.next, added.prev, current.next] = [added, next, current, added];
        changes++;
      } else if (next === undefined) {
        [added.prev, added.next] = [this.tail, undefined];
        this.tail!.next = added;
        this.tail = added;
        current.next = added;
        changes++;
      }
    }
    return changes;
  }

  /**
   * state: args_present. Missing words and key=value arguments added, a key's other value replaced.
   * pamd adds several new ones in Python's set order (it varies between runs); here in the order given.
   */
  addArgs(key: RuleKey, wanted: readonly string[]): number {
    const adding = parseModuleArguments(wanted);
    let changes = 0;
    for (const rule of this.rules(key)) {
      const [simpleNew, keyedNew] = splitArgs(adding);
      const [simpleNow, keyedNow] = splitArgs(rule.args);
      const added = [...[...simpleNew].filter((a) => !simpleNow.has(a)), ...[...keyedNew].filter(([k]) => !keyedNow.has(k)).map(([k, v]) => `${k}=${v}`)];
      let changed = added.length > 0;
      rule.args = [...rule.args, ...added];
      for (const [k, v] of keyedNew) {
        const now = keyedNow.get(k);
        if (now === undefined || now === v) continue;
        rule.args[rule.args.indexOf(`${k}=${now}`)] = `${k}=${v}`;
        changed = true;
      }
      if (changed) changes++;
    }
    return changes;
  }

  /** state: args_absent. The arguments given taken out of each matching rule that has one of them. */
  removeArgs(key: RuleKey, unwanted: readonly string[]): number {
    const removing = parseModuleArguments(unwanted);
    let changes = 0;
    for (const rule of this.rules(key)) {
      if (!rule.args.some((a) => removing.includes(a))) continue;
      rule.args = rule.args.filter((a) => !removing.includes(a));
      changes++;
    }
    return changes;
  }

  /** The matching rules, as pamd's get() lists them before an edit. */
  rules(key: RuleKey): PamRule[] {
    return this.nodes(key).map((n) => n.line as PamRule);
  }

  /** pamd's validate(): the first line that is not valid, or undefined. */
  invalid(): string | undefined {
    for (let node = this.head; node !== undefined; node = node.next) {
      const why = invalidBecause(node.line);
      if (why !== undefined) return why;
    }
    return undefined;
  }

  /** pamd's __str__: the lines, with `# Updated by Ansible - TIME` as the second (replacing one there). */
  text(stamp: string): string {
    const lines: string[] = [];
    for (let node = this.head; node !== undefined; node = node.next) lines.push(lineText(node.line));
    const mark = `# Updated by Ansible - ${stamp}`;
    if (lines.length <= 1) lines.splice(0, 0, '', mark);
    else if (lines[1]!.startsWith('# Updated by Ansible')) lines[1] = mark;
    else lines.splice(1, 0, mark);
    return `${lines.join('\n')}\n`;
  }

  private nodes(key: RuleKey): Node[] {
    const found: Node[] = [];
    for (let node = this.head; node !== undefined; node = node.next) if (node.line.kind === 'rule' && matches(node.line, key)) found.push(node);
    return found;
  }

  private append(node: Node): void {
    if (this.tail === undefined) this.head = this.tail = node;
    else [node.prev, this.tail.next, this.tail] = [this.tail, node, node];
  }
}

function matches(line: PamLine, key: { type?: string | undefined; control?: string | undefined; path?: string | undefined }): boolean {
  return line.kind === 'rule' && key.type === line.type && key.control === controlText(line) && key.path === line.path;
}

/** pamd's split of arguments into plain words and key=value pairs (a `[...]` one left out). */
function splitArgs(args: readonly string[]): [Set<string>, Map<string, string>] {
  const simple = new Set<string>();
  const keyed = new Map<string, string>();
  for (const arg of args) {
    if (arg.startsWith('[')) continue;
    if (!arg.includes('=')) {
      simple.add(arg);
      continue;
    }
    const parts = arg.split('=');
    // pamd unpacks `key, value = arg.split("=")`: it fails on a second `=`.
    if (parts.length !== 2) throw new PlanError(`pamd cannot read the argument "${arg}" (one key=value expected)`);
    keyed.set(parts[0]!, parts[1]!);
  }
  return [simple, keyed];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Python's str.splitlines(): every line break Python knows, no empty last line for a final break. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
