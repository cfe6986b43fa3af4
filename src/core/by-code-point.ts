// The one order for names (hosts, groups, variables, suggestions): by code point, as Ansible
// (Python) sorts them. Also cheap: localeCompare's first call loads ICU's collator, ~15 ms a run.
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
