// deb822_repository.py's file: the slug of its name, each field as Deb822.dump() writes it, in the arguments' sorted order.
import { FIELD_ARGS, type Deb822RepositoryArgs } from './schema.js';

export const KEYRINGS_DIR = '/etc/apt/keyrings';

/** The name lowercased, runs of _ and whitespace as -, anything but [a-z0-9-] dropped. */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[_\s]+/g, '-').replace(/[^a-z0-9-]+/g, '');
}

export const sourcesPath = (slug: string): string => `/etc/apt/sources.list.d/${slug}.sources`;
export const keyPaths = (slug: string): string[] => ['asc', 'gpg'].map((ext) => `${KEYRINGS_DIR}/${slug}.${ext}`);

/** format_field_name: name is X-Repolib-Name, uris URIs, the rest Python's title() of it with - for _. */
function fieldName(arg: string): string {
  if (arg === 'name') return 'X-Repolib-Name';
  if (arg === 'uris') return 'URIs';
  return arg.replaceAll('_', '-').replace(/[a-zA-Z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
}

/** format_multiline: each line stripped (an empty one `.`), indented four spaces, after a newline. */
function multiline(value: string): string {
  const lines = value.trim().split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  return `\n${lines.map((l) => `    ${l.trim() || '.'}`).join('\n')}`;
}

function formatted(value: boolean | number | string | string[]): string {
  const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : Array.isArray(value) ? value.join(' ') : String(value);
  return text.includes('\n') ? multiline(text) : text;
}

/** Deb822.dump(): `Field: value` per line; a value that is empty or starts on the next line has no space after the colon. */
export function deb822Text(args: Deb822RepositoryArgs): string {
  const lines: string[] = [];
  for (const arg of [...FIELD_ARGS].sort()) {
    const value = args[arg];
    if (value === undefined) continue;
    const text = formatted(value);
    lines.push(text === '' || text.startsWith('\n') ? `${fieldName(arg)}:${text}\n` : `${fieldName(arg)}: ${text}\n`);
  }
  return lines.join('');
}
