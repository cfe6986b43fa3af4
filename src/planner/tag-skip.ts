// Whether --tags / --skip-tags leave a task out, by Ansible's rules.
import type { TagFilter } from './prepare-deps.js';

/** Ansible's rules: `always` runs unless skipped by name; `never` runs only when asked for. */
export function tagSkipReason(taskTags: string[], filter: TagFilter | undefined): string | undefined {
  if (!filter) return undefined;
  const { tags, skipTags } = filter;
  if (skipTags?.some((t) => taskTags.includes(t))) return `tags: skipped by --skip-tags`;
  if (tags && tags.length > 0 && !tags.includes('all')) {
    const selected = taskTags.includes('always') || tags.some((t) => taskTags.includes(t));
    if (!selected) return `tags: not selected by --tags ${tags.join(',')}`;
  } else if (taskTags.includes('never')) {
    return 'tags: never';
  }
  return undefined;
}
