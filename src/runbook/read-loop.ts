// A task's loop as written: `loop:` or one of Ansible's `with_<lookup>:`, and its `loop_control`.
import { didYouMean } from '../core/did-you-mean.js';
import type { LoadIssue } from '../core/location.js';
import { LOOP_LOOKUP_NAMES, LOOP_LOOKUPS, type LoopControl, type LoopLookup, type Task } from '../core/runbook.js';
import type { Cursor } from './cursor.js';
import { describe, isMapping, isTemplated, readBoolean, readString } from './read-field.js';

/** `loop` and every `with_*` key are this file's, known or not (an unknown lookup is refused here, saying so). */
export function isLoopKey(key: string): boolean {
  return key === 'loop' || key.startsWith('with_');
}

const CONTROL_KEYS = ['loop_var', 'label', 'index_var', 'extended', 'extended_allitems', 'pause'];

/** What the lookups take, as written (a template giving it is always accepted): checked at load. */
const SHAPES: Record<LoopLookup, { accepts(value: unknown): boolean; expected: string }> = {
  items: { accepts: () => true, expected: 'a list' },
  indexed_items: { accepts: Array.isArray, expected: 'a list' },
  dict: { accepts: isMapping, expected: 'a mapping (its items are {key, value})' },
  fileglob: { accepts: (v) => typeof v === 'string' || (Array.isArray(v) && v.every((p) => typeof p === 'string')), expected: 'a glob pattern or a list of them' },
  subelements: { accepts: (v) => Array.isArray(v) && (v.length === 2 || v.length === 3), expected: 'a list of two or three: the list, the subkey, optionally { skip_missing: true }' },
  together: { accepts: Array.isArray, expected: 'a list of lists' },
  nested: { accepts: Array.isArray, expected: 'a list of lists' },
  first_found: { accepts: (v) => typeof v === 'string' || Array.isArray(v) || isMapping(v), expected: 'file names, or { files, paths, skip }' },
  flattened: { accepts: () => true, expected: 'a list' },
};

/** Reads `loop`/`with_*` and `loop_control` into the task; issues located at the key that is wrong. */
export function readLoop(raw: Record<string, unknown>, at: Cursor, task: Pick<Task, 'loop' | 'loopWith' | 'loopControl'>, issues: LoadIssue[]): void {
  const keys = Object.keys(raw).filter(isLoopKey);
  if (keys.length > 1) {
    issues.push(at.child(keys[1]!).issue(`a task loops once: ${keys.join(' and ')} are both given`, 'keep one of them', 'key'));
  }
  const key = keys[0];
  if (key !== undefined) readLoopKey(key, raw[key], at.child(key), task, issues);
  if (raw.loop_control != null) {
    const control = readLoopControl(raw.loop_control, at.child('loop_control'), issues);
    if (control) task.loopControl = control;
    if (key === undefined) issues.push(at.child('loop_control').issue('loop_control without a loop', 'add loop: (or with_items:), or remove loop_control', 'key'));
  }
}

function readLoopKey(key: string, value: unknown, at: Cursor, task: Pick<Task, 'loop' | 'loopWith'>, issues: LoadIssue[]): void {
  if (key === 'loop') {
    if (Array.isArray(value) || isTemplated(value)) task.loop = value;
    else issues.push(at.issue(`loop must be a list or a template giving one, found ${describe(value)}`, 'for a mapping: loop: "{{ my_dict | dict2items }}"'));
    return;
  }
  const written = key.slice('with_'.length);
  const lookup = LOOP_LOOKUP_NAMES[written] ?? written;
  if (!(LOOP_LOOKUPS as readonly string[]).includes(lookup)) {
    const known = [...LOOP_LOOKUPS, ...Object.keys(LOOP_LOOKUP_NAMES)].map((l) => `with_${l}`);
    issues.push(at.issue(`${key} is not supported`, didYouMean(key, known) ?? `write loop: with a filter (Ansible's own advice), or one of: ${known.join(', ')}`, 'key'));
    return;
  }
  const shape = SHAPES[lookup as LoopLookup];
  if (value == null || !(isTemplated(value) || shape.accepts(value))) {
    issues.push(at.issue(`${key} takes ${shape.expected}, found ${describe(value)}`));
    return;
  }
  task.loop = value;
  task.loopWith = lookup as LoopLookup;
}

function readLoopControl(value: unknown, at: Cursor, issues: LoadIssue[]): LoopControl | undefined {
  if (!isMapping(value)) {
    issues.push(at.issue(`loop_control must be a mapping (${CONTROL_KEYS.join(', ')}), found ${describe(value)}`));
    return undefined;
  }
  for (const k of Object.keys(value).filter((k) => !CONTROL_KEYS.includes(k))) {
    const hint = k === 'break_when' ? 'break_when is Ansible 2.18; the specification here is 2.14: use when: on the items' : didYouMean(k, CONTROL_KEYS) ?? `loop_control takes ${CONTROL_KEYS.join(', ')}`;
    issues.push(at.child(k).issue(`unknown loop_control key "${k}"`, hint, 'key'));
  }
  const control: LoopControl = {};
  const name = (k: 'loop_var' | 'index_var') => {
    const v = readString(value[k], at.child(k), issues);
    if (v !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) issues.push(at.child(k).issue(`${k} "${v}" is not a variable name`, 'use letters, digits and _'));
    return v;
  };
  const loopVar = name('loop_var');
  if (loopVar !== undefined) control.loopVar = loopVar;
  const indexVar = name('index_var');
  if (indexVar !== undefined) control.indexVar = indexVar;
  const label = readString(value.label, at.child('label'), issues);
  if (label !== undefined) control.label = label;
  const extended = readBoolean(value.extended, at.child('extended'), issues);
  if (extended !== undefined) control.extended = extended;
  if (readBoolean(value.extended_allitems, at.child('extended_allitems'), issues) === false) control.extendedAllitems = false;
  if (value.pause != null) {
    const pause = typeof value.pause === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value.pause) ? Number(value.pause) : value.pause;
    if (typeof pause === 'number' && Number.isFinite(pause) && pause >= 0) control.pause = pause;
    else issues.push(at.child('pause').issue(`pause must be a number of seconds, found ${describe(value.pause)}`, 'e.g. pause: 3'));
  }
  return control;
}
