// The names a task's run makes known to the later tasks of its host: its `register:`, and the facts its module returns.
import type { ModuleCatalog } from '../core/module.js';
import type { Task } from '../core/runbook.js';

/**
 * `register: NAME`, and for a module that returns facts (service_facts) each fact both ways a task
 * reads it, `services` and `ansible_facts.services`: a later task naming one waits for the run.
 */
export function registeredNames(task: Task, catalog: ModuleCatalog): string[] {
  const facts = catalog.get(task.module)?.setsFacts?.(task.args) ?? [];
  return [...(task.register ? [task.register] : []), ...facts.flatMap((fact) => [fact, `ansible_facts.${fact}`])];
}

/** A registered value by its name, `ansible_facts.services` looked up as a path. */
export function registeredValueOf(registered: Record<string, unknown> | undefined, name: string): unknown {
  let value: unknown = registered;
  for (const part of name.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}
