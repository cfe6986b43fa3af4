// What a module's prepare step may use: rendering, `src:` files, locations, and conditions that may wait for a registered result.
import { TemplateError } from '../core/errors.js';
import type { Host } from '../core/host.js';
import type { PrepareContext } from '../core/module.js';
import type { Task } from '../core/runbook.js';
import { evaluateCondition } from '../vars/evaluate-condition.js';
import type { PrepareDeps } from './prepare-deps.js';
import { mentionsFacts } from './reads-facts.js';
import { readSource } from './read-source.js';
import { namesNotYetRegistered, pendingIn, waitsForRegister } from './wait-for-register.js';

/** A module's prepare context, and what its use told: a template named facts, a condition waits for a registered result. */
export interface PrepareSession {
  context: PrepareContext;
  /** A rendered text named one of Ansible's facts, which are still to come. */
  namesFacts(): boolean;
  /** The registered result a condition or expression waits for, if one did. */
  waitsFor(): string | undefined;
}

export function prepareSession(task: Task, host: Host, vars: Record<string, unknown>, deps: PrepareDeps, factsLater: boolean): PrepareSession {
  let namesFacts = false;
  let waitsFor: string | undefined;
  const { renderer } = deps.vars;
  const where = (arg: string) => {
    const at = task.fieldLocations?.[`args.${arg}`] ?? task.location;
    return `${at.file}:${at.line} ${arg}`;
  };
  // A result not registered yet (`r is defined` would be false now): the task waits for it, as `when:` does.
  const waitIfPending = (expression: string) => {
    waitsFor = namesNotYetRegistered(expression, deps);
    if (waitsFor) throw new Error(`waits for ${waitsFor}`);
  };
  const orWait = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      waitsFor ??= waitsForRegister(error, deps);
      throw error;
    }
  };
  const context: PrepareContext = {
    host,
    render: (text, name, extra, options) => {
      if (factsLater && mentionsFacts(text)) namesFacts = true;
      // Before rendering: `r.x | default(...)` must not take the default for a result still to come.
      const pending = pendingIn(text, deps);
      if (pending) {
        waitsFor = pending;
        throw new Error(`waits for ${pending}`);
      }
      // A template file reading a result not registered yet (or a set_fact waiting for one) waits for it.
      return orWait(() => renderer.render(text, extra ? { ...vars, ...extra } : vars, name, options));
    },
    readSource: (name) => {
      const source = readSource(name, task.scope.searchDirs);
      deps.onSourceRead?.(source.path);
      return source;
    },
    varsFiles: () => task.varsFiles ?? {},
    locate: (arg) => (arg !== undefined ? task.fieldLocations?.[`args.${arg}`] : undefined) ?? task.location,
    evaluate: (condition, arg) => {
      waitIfPending(condition);
      return orWait(() => evaluateCondition(condition, vars, where(arg), renderer));
    },
    now: () => deps.now?.() ?? new Date(),
    valueOf: (expression, arg) => {
      waitIfPending(expression);
      try {
        return renderer.evaluate(expression, vars, where(arg));
      } catch (error) {
        waitsFor ??= waitsForRegister(error, deps);
        if (waitsFor === undefined && error instanceof TemplateError && error.undefinedName !== undefined) return undefined;
        throw error;
      }
    },
  };
  return { context, namesFacts: () => namesFacts, waitsFor: () => waitsFor };
}

