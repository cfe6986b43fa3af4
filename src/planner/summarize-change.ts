// One readable line per change, for the plan: `write /etc/hosts (content differs)`.
import type { Change } from '../core/change.js';

export function summarizeChange(change: Change): string {
  switch (change.kind) {
    case 'write':
      return `write ${change.path}${attrsText(change)} (${change.reason})`;
    case 'attrs':
      return `set ${attrsText(change).trim() || 'attributes'} on ${change.path} (${change.reason})`;
    case 'directory':
      // A folder that is there already only gets its attributes set again (authorized_key's ~/.ssh on a write).
      return `${change.before.type === 'directory' ? 'directory' : 'create directory'} ${change.path}${attrsText(change)} (${change.reason})`;
    case 'remove':
      return `remove ${change.path} (${change.reason})`;
    case 'link':
      return `${change.hard ? 'hard link' : 'link'} ${change.path} -> ${change.target} (${change.reason})`;
    case 'command':
      return `run ${firstLine(change.summary ?? change.command)} (${change.reason})`;
    case 'api':
      return `${change.action} ${change.resource} (${change.reason})`;
    case 'script':
      return `${change.summary} (${change.reason})`;
  }
}

function attrsText(change: { mode?: string; owner?: string; group?: string }): string {
  const parts = [
    change.mode ? `mode ${change.mode}` : '',
    change.owner ? `owner ${change.owner}` : '',
    change.group ? `group ${change.group}` : '',
  ].filter(Boolean);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

function firstLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines.length > 1 ? `${lines[0]} …` : lines[0] ?? '';
}
