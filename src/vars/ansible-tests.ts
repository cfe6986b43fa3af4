// The Ansible tests (`when: result is changed`) runbook users expect, missing from Nunjucks;
// pure functions the renderer registers. A registered result is tested by its own flags, as in
// Ansible: `failed`, `changed`, `skipped`; a result that is not a mapping fails the test loudly.
import { isPlainMapping } from './ansible-filters.js';

function resultOf(value: unknown, test: string): { changed?: unknown; failed?: unknown; skipped?: unknown } {
  if (isPlainMapping(value)) return value;
  throw new Error(`"is ${test}" tests a registered result (a mapping with changed/failed/skipped), got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

const succeeded = (value: unknown, test = 'succeeded') => resultOf(value, test).failed !== true;

/**
 * Python's re.match anchors at the start; re.search anywhere. (Nunjucks compiles a test call with
 * one argument only, so Ansible's ignorecase and match_type cannot be passed from a template.)
 */
function regexTest(anchored: boolean) {
  return (value: unknown, pattern: string) => new RegExp(anchored ? `^(?:${pattern})` : pattern).test(String(value ?? ''));
}

export const ANSIBLE_TESTS: Record<string, (value: unknown, ...args: any[]) => boolean> = {
  changed: (value) => resultOf(value, 'changed').changed === true,
  failed: (value) => resultOf(value, 'failed').failed === true,
  skipped: (value) => resultOf(value, 'skipped').skipped === true,
  succeeded: (value) => succeeded(value),
  success: (value) => succeeded(value, 'success'),
  successful: (value) => succeeded(value, 'successful'),
  match: regexTest(true),
  search: regexTest(false),
  regex: regexTest(false),
  contains: (value: unknown, item: unknown) => (Array.isArray(value) ? value.includes(item) : typeof value === 'string' && value.includes(String(item))),
};
