// Wires src/vars (precedence, Nunjucks, conditions) into the planner's TaskVars interface.
import type { Inventory } from '../core/host.js';
import type { TaskVars } from '../planner/prepare-task.js';
import { evaluateCondition } from '../vars/evaluate-condition.js';
import { createRenderer } from '../vars/render.js';
import { resolveTaskVars } from '../vars/resolve-task-vars.js';

export function createTaskVars(inventory: Inventory, extraVars: Record<string, unknown>, env: NodeJS.ProcessEnv): TaskVars {
  const renderer = createRenderer();
  return {
    varsFor: (host, play, task, registered) => resolveTaskVars({ host, inventory, play, scope: task.scope, extraVars, registered, env }).vars,
    renderValue: (value, vars, name) => renderer.renderValue(value, vars, name),
    render: (text, vars, name) => renderer.render(text, vars, name),
    evaluate: (expression, vars, name) => evaluateCondition(expression, vars, name, renderer),
  };
}
