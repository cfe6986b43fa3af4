// What moved between a saved plan and the same plan made again now: hosts, facts, tasks, named.
import type { SavedHost, SavedTask } from './saved-plan-file.js';

/** Every difference, one message each: the host, the path or resource, and what changed. */
export function compareSavedHosts(saved: SavedHost[], now: SavedHost[], unreachableNow: Map<string, string>): string[] {
  const problems: string[] = [];
  const fresh = new Map(now.map((h) => [h.host, h]));
  for (const host of saved) {
    const down = unreachableNow.get(host.host);
    if (down !== undefined) {
      problems.push(`${host.host}: cannot be reached to check its facts: ${down}`);
      continue;
    }
    const current = fresh.get(host.host);
    if (!current) {
      problems.push(`${host.host}: in the plan, but the inventory and options no longer select it`);
      continue;
    }
    const drift = factDrift(host, current);
    problems.push(...(drift.length > 0 ? drift : taskDrift(host, current)));
  }
  const planned = new Set(saved.map((h) => h.host));
  for (const h of now) if (!planned.has(h.host)) problems.push(`${h.host}: selected now, but not in the plan`);
  return problems;
}

function factDrift(saved: SavedHost, now: SavedHost): string[] {
  const fresh = new Map(now.facts.map((f) => [f.id, f]));
  const problems: string[] = [];
  for (const fact of saved.facts) {
    const current = fresh.get(fact.id);
    if (!current) continue; // not asked any more: the task comparison names why
    const label = fact.fact.replace(':', ' ');
    const existed = fact.observed.exists;
    if (typeof existed === 'boolean' && existed !== current.observed.exists) {
      problems.push(`${saved.host}: ${label} ${existed ? 'was removed' : `was created (${String(current.observed.type ?? 'it exists')})`} since the plan`);
      continue;
    }
    const changed = Object.keys({ ...fact.observed, ...current.observed })
      .filter((field) => JSON.stringify(fact.observed[field]) !== JSON.stringify(current.observed[field]))
      .map((field) => describeField(field, fact.observed[field], current.observed[field]));
    if (changed.length > 0) problems.push(`${saved.host}: ${label} changed since the plan: ${changed.join(', ')}`);
  }
  return problems;
}

const HASHED = new Set(['content', 'stdout', 'stderr']);

function describeField(field: string, before: unknown, after: unknown): string {
  if (HASHED.has(field) && before !== null && after !== null && before !== undefined && after !== undefined) return `${field} differs`;
  return `${field} ${show(before)} -> ${show(after)}`;
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : typeof value === 'string' && !value.startsWith('hmac-') ? value : value === null ? 'null' : typeof value === 'string' ? '(hashed)' : JSON.stringify(value);
}

function taskDrift(saved: SavedHost, now: SavedHost): string[] {
  const problems: string[] = [];
  const count = Math.max(saved.tasks.length, now.tasks.length);
  for (let i = 0; i < count; i++) {
    const was = saved.tasks[i];
    const is = now.tasks[i];
    if (!was || !is || was.id !== is.id) {
      problems.push(`${saved.host}: the tasks differ from the plan at ${was ? `"${was.name}" (${was.location})` : `"${is!.name}" (${is!.location})`}`);
      break;
    }
    if (sameTask(was, is)) continue;
    problems.push(`${saved.host}: task "${was.name}" (${was.location}) planned as ${describeTask(was)}, now ${describeTask(is)}`);
  }
  return problems;
}

function sameTask(a: SavedTask, b: SavedTask): boolean {
  return (
    a.outcome === b.outcome &&
    a.reason === b.reason &&
    a.changes.length === b.changes.length &&
    a.changes.every((c, k) => c.fingerprint === b.changes[k]!.fingerprint && c.summary === b.changes[k]!.summary)
  );
}

function describeTask(t: SavedTask): string {
  const what = t.changes.length > 0 ? t.changes.map((c) => c.summary).join('; ') : t.reason;
  const same = t.changes.length > 0 && t.changes.every((c) => what.includes(c.summary));
  return `${t.outcome} (${what}${same && t.reason && !what.includes(t.reason) ? `: ${t.reason}` : ''})`;
}
