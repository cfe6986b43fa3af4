// The variables one loop item adds (Ansible's loop_control): the item, `index_var`, `ansible_loop` when extended.
import { dirname, resolve } from 'node:path';
import type { LoopControl, Play, Task } from '../core/runbook.js';
import { loopItems } from './ansible-loops.js';

/** A loop's rendered value as its items: `loop:` must give a list; a `with_<lookup>` gives the lookup's items. */
export function itemsOf(task: Task, play: Play, rendered: unknown): unknown[] {
  if (task.loopWith === undefined) {
    if (!Array.isArray(rendered)) throw new Error(`expected a list, got ${typeof rendered}`);
    return rendered;
  }
  const dirs = [...new Set([task.scope.baseDir, dirname(play.location.file)].map((d) => resolve(d)))];
  return loopItems(task.loopWith, rendered, { dirs });
}

/** What item `index` of `items` sees besides the task's variables (ansible-core 2.14's TaskExecutor._run_loop). */
export function loopItemVars(items: unknown[], index: number, control: LoopControl | undefined): Record<string, unknown> {
  const vars: Record<string, unknown> = { [control?.loopVar ?? 'item']: items[index], ansible_loop_var: control?.loopVar ?? 'item' };
  if (control?.indexVar !== undefined) {
    vars[control.indexVar] = index;
    vars.ansible_index_var = control.indexVar;
  }
  if (control?.extended) {
    const length = items.length;
    const loop: Record<string, unknown> = {
      index: index + 1,
      index0: index,
      first: index === 0,
      last: index === length - 1,
      length,
      revindex: length - index,
      revindex0: length - index - 1,
    };
    if (control.extendedAllitems !== false) loop.allitems = items;
    if (index > 0) loop.previtem = items[index - 1];
    if (index < length - 1) loop.nextitem = items[index + 1];
    vars.ansible_loop = loop;
  }
  return vars;
}
