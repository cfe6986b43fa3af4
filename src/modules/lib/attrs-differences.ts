// Compares the mode/owner/group a task asks for with a path's fact: what differs, for the change and its reason.
import type { FileAttrs } from '../../core/change.js';
import type { FileFact } from '../../core/facts.js';
import { resolveMode } from './symbolic-mode.js';

export interface AttrsDifferences {
  /** Only the attrs that differ, with their wanted values. */
  attrs: FileAttrs;
  /** `mode 0600 -> 0644`, `owner nobody -> root`. */
  descriptions: string[];
  /** Names of the attrs asked for: `mode`, `owner`, `group`. */
  asked: string[];
}

export function attrsDifferences(fact: FileFact, wanted: FileAttrs): AttrsDifferences {
  const result: AttrsDifferences = { attrs: {}, descriptions: [], asked: [] };
  for (const key of ['mode', 'owner', 'group'] as const) {
    const want = key === 'mode' && wanted.mode !== undefined && fact.mode !== null ? resolveMode(wanted.mode, fact.mode, fact.type === 'directory') : wanted[key];
    if (want === undefined) continue;
    result.asked.push(key);
    const have = fact[key];
    if (have !== want) {
      result.attrs[key] = want;
      result.descriptions.push(`${key} ${have ?? 'unknown'} -> ${want}`);
    }
  }
  return result;
}

/** `content and mode match`, `content, mode and owner match`, `mode matches`. */
export function matchReason(subjects: string[]): string {
  const listed = subjects.length <= 1 ? subjects.join('') : `${subjects.slice(0, -1).join(', ')} and ${subjects[subjects.length - 1]}`;
  return `${listed} ${subjects.length === 1 ? 'matches' : 'match'}`;
}
