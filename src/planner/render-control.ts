// A task's control keywords for one host: templated booleans, `delegate_to` and `environment` rendered.
import type { Task, TaskFlag } from '../core/runbook.js';
import { isSecret } from '../core/secret.js';
import { evaluateCondition } from '../vars/evaluate-condition.js';
import type { Renderer } from '../vars/render.js';

/**
 * The task with its keywords as this host sees them; throws the renderer's TemplateError (an
 * undefined name may be a registered result still to come: the caller defers on it).
 */
export function renderControl(task: Task, vars: Record<string, unknown>, renderer: Renderer, where: string): Task {
  const { templatedFlags, delegateTo, environment } = task;
  if (templatedFlags === undefined && !templated(delegateTo) && environment === undefined) return task;
  const out: Task = { ...task };
  for (const [flag, template] of Object.entries(templatedFlags ?? {}) as Array<[TaskFlag, string]>) {
    out[flag] = renderFlag(template, vars, renderer, `${where} ${flag}`);
  }
  delete out.templatedFlags;
  if (delegateTo !== undefined && templated(delegateTo)) out.delegateTo = String(renderer.renderValue(delegateTo, vars, `${where} delegate_to`));
  if (environment !== undefined) out.environment = renderEnvironment(environment, vars, renderer, `${where} environment`);
  return out;
}

/**
 * `"{{ expr }}"` is evaluated as a condition, so an undefined name is an error (or, for a result
 * registered later, a wait), never a silent false; any other template renders, then Ansible's boolean().
 */
function renderFlag(template: string, vars: Record<string, unknown>, renderer: Renderer, where: string): boolean {
  const single = /^\s*\{\{([^{}]*)\}\}\s*$/.exec(template);
  if (single) return evaluateCondition(single[1]!, vars, where, renderer);
  return ansibleBoolean(renderer.renderValue(template, vars, where));
}

function templated(value: string | undefined): boolean {
  return value !== undefined && /\{\{|\{%/.test(value);
}

/** Ansible's boolean(): True, 1, "yes", "on", "1", "true" (any case) are true; everything else false. */
export function ansibleBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  return typeof value === 'string' && /^(yes|on|1|true|y|t)$/i.test(value.trim());
}

/** The rendered mapping: values as strings (a secret stays a Secret, so it is exported but never shown). */
function renderEnvironment(environment: Record<string, unknown> | string, vars: Record<string, unknown>, renderer: Renderer, where: string): Record<string, unknown> {
  const rendered = renderer.renderValue(environment, vars, where);
  if (typeof rendered !== 'object' || rendered === null || Array.isArray(rendered) || isSecret(rendered)) {
    throw new Error(`environment: expected a mapping, the template gave ${Array.isArray(rendered) ? 'a list' : typeof rendered}`);
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rendered)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`environment: "${name}" is not a variable name`);
    out[name] = isSecret(value) ? value : value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
