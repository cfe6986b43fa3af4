// Ansible's `block:` (with `rescue:` and `always:`) in a task list -> a block entry: its three lists
// and the keywords each of their tasks inherits; what runbook does not implement on a block is refused.
import type { Cursor } from './cursor.js';
import { staticOuter } from './include-keywords.js';
import type { LoadContext } from './load-context.js';
import { readEnvironment, readFlag } from './read-control-keywords.js';
import { readString } from './read-field.js';
import type { Inherited, TaskEntry } from './role-definition.js';

export const BLOCK_LISTS = ['block', 'rescue', 'always'] as const;
export const BLOCK_KEYWORDS = ['name', 'when', 'tags', 'become', 'become_user', 'vars', 'environment', 'ignore_errors', 'any_errors_fatal', 'no_log'] as const;
const LISTS = BLOCK_LISTS;
const KEYWORDS: readonly string[] = BLOCK_KEYWORDS;

/** What Ansible takes on a block that runbook does not, and what to write instead. */
const REFUSED: Record<string, string> = {
  notify: 'put notify: on the tasks of the block that change something',
  delegate_to: 'put delegate_to: on each task of the block',
  delegate_facts: 'runbook gathers no facts for a delegated host; remove it',
  run_once: 'put run_once: on each task of the block',
  check_mode: 'put check_mode: on each task of the block',
  timeout: 'put timeout: on each task of the block',
  become_method: 'runbook becomes root through sudo; remove it',
  become_flags: 'runbook becomes root through sudo; remove it',
  become_exe: 'runbook becomes root through sudo; remove it',
};

/** Whether Ansible reads this task list item as a block (it has any of block, rescue, always). */
export function isBlock(item: Record<string, unknown>): boolean {
  return LISTS.some((key) => key in item);
}

/** Reads the block's lists with `readList` (the task list reader, passed in: it reads blocks through this file). */
export function readBlock(
  item: Record<string, unknown>,
  at: Cursor,
  ctx: LoadContext,
  readList: (value: unknown, at: Cursor) => TaskEntry[],
): TaskEntry[] {
  for (const key of Object.keys(item).filter((k) => !KEYWORDS.includes(k) && !(LISTS as readonly string[]).includes(k))) {
    const hint = REFUSED[key] ?? (ctx.catalog.get(key) ? 'a block holds tasks: move the module into a task under block:' : `a block takes: ${[...LISTS, ...KEYWORDS].join(', ')}`);
    ctx.issues.push(at.child(key).issue(`a block does not take "${key}"`, hint, 'key'));
  }
  const { line, column, file } = at.location;
  const name = readString(item.name, at.child('name'), ctx.issues) ?? `block at ${file}:${line}`;
  const lists = { block: [], rescue: [], always: [] } as Record<(typeof LISTS)[number], TaskEntry[]>;
  for (const key of LISTS) {
    if (item[key] == null) continue;
    if (!Array.isArray(item[key])) {
      ctx.issues.push(at.child(key).issue(`${key}: must be a list of tasks`, `write ${key}:\n  - name: ...`));
      continue;
    }
    lists[key] = readList(item[key], at.child(key));
  }
  return [{ kind: 'block', outer: blockOuter(item, at, ctx), place: { id: `${file}:${line}:${column}`, name, rescues: lists.rescue.length > 0 }, lists }];
}

/** The block's keywords, as every task in it inherits them (the task's own win; `when` and tags add up). */
function blockOuter(item: Record<string, unknown>, at: Cursor, ctx: LoadContext): Inherited {
  // What an import gives its tasks (when, tags, become, become_user, vars), and a block's own keywords.
  const outer = staticOuter(item, at, ctx);
  const environment = readEnvironment(item.environment, at.child('environment'), ctx.issues);
  if (environment !== undefined) outer.environment = environment;
  readFlag(item.ignore_errors, at.child('ignore_errors'), 'ignoreErrors', outer, ctx.issues);
  readFlag(item.any_errors_fatal, at.child('any_errors_fatal'), 'anyErrorsFatal', outer, ctx.issues);
  readFlag(item.no_log, at.child('no_log'), 'noLog', outer, ctx.issues);
  return outer;
}
