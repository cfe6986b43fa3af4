// apt_repository.py's SourcesList: every sources file's lines parsed, a source added or removed, each file dumped as the module writes it.
import { posix } from 'node:path';
import { PlanError } from '../lib/plan-error.js';

export const SOURCES_LIST = '/etc/apt/sources.list';
export const SOURCES_PARTS = '/etc/apt/sources.list.d';
const VALID_SOURCE_TYPES = ['deb', 'deb-src'];

/** Python's str.strip()/split() whitespace. */
const WS = '[ \\t\\n\\r\\v\\f\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const strip = (s: string): string => s.replace(new RegExp(`^${WS}+|${WS}+$`, 'g'), '');
const words = (s: string): string[] => strip(s).split(new RegExp(`${WS}+`)).filter((w) => w !== '');

/** One line as _parse reads it, with its number in the file as read (`n`, which removal uses as an index). */
export interface SourceLine {
  n: number;
  valid: boolean;
  enabled: boolean;
  source: string;
  comment: string;
}

/** The files as the module holds them: path -> lines; the ones a new source went to (`newRepos`, where `mode` applies). */
export interface SourcesList {
  files: Map<string, SourceLine[]>;
  newRepos: Set<string>;
}

/** _parse: a `#` first disables the line, a later `#` starts its comment; `deb`/`deb-src` first makes it a source, its words joined by one space. */
export function parseSourceLine(raw: string): Omit<SourceLine, 'n'> {
  let line = strip(raw);
  let enabled = true;
  let comment = '';
  if (line.startsWith('#')) {
    enabled = false;
    line = line.slice(1);
  }
  const i = line.indexOf('#');
  if (i > 0) {
    comment = strip(line.slice(i + 1));
    line = line.slice(0, i);
  }
  let source = strip(line);
  let valid = false;
  if (source !== '') {
    const chunks = words(source);
    if (VALID_SOURCE_TYPES.includes(chunks[0]!)) {
      valid = true;
      source = chunks.join(' ');
    }
  }
  return { valid, enabled, source, comment };
}

/** A repo line as add_source and remove_source take it: an invalid or disabled one fails the task as the module does. */
export function repoSource(repo: string): string {
  const parsed = parseSourceLine(repo);
  if (!parsed.valid || !parsed.enabled) {
    const body = strip(repo).replace(/^#/, '');
    const at = body.indexOf('#');
    throw new PlanError(`Invalid repository string: ${at > 0 ? body.slice(0, at) : body}`);
  }
  return parsed.source;
}

/** load(): the file's lines as Python's text mode reads them (\n, \r\n and \r end a line). */
export function loadSources(text: string): SourceLine[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, n) => ({ n, ...parseSourceLine(line) }));
}

function renderLine(line: SourceLine): string {
  return `${line.enabled ? '' : '# '}${line.source}${line.comment ? ` # ${line.comment}` : ''}\n`;
}

/** dump(): each file that has lines, as save() writes it. */
export function dumpSources(list: SourcesList): Map<string, string> {
  const dump = new Map<string, string>();
  for (const [path, lines] of list.files) if (lines.length > 0) dump.set(path, lines.map(renderLine).join(''));
  return dump;
}

/**
 * _suggest_filename: `filename` + `.list` when given; else the repo's first word after the type, its
 * options, protocol and credentials dropped, every run of other characters than [a-zA-Z0-9] one `_`.
 */
export function suggestFilename(source: string, filename: string | undefined): string {
  if (filename !== undefined) return `${filename}.list`;
  const line = source.replace(/\[[^\]]+\]/g, '').replace(/[\p{L}\p{N}_]+:\/\//gu, '');
  const parts = words(line).filter((part) => !VALID_SOURCE_TYPES.includes(part));
  if (parts.length === 0) throw new PlanError(`Invalid repository string: ${source} names no URI (apt_repository fails on it: list index out of range)`);
  const first = parts[0]!.includes('@') ? parts[0]!.split('@').slice(1).join('@') : parts[0]!;
  return `${words(first.replace(/[^a-zA-Z0-9]/g, ' ')).join('_')}.list`;
}

/** _expand_path: a name with no `/` is in sources.list.d. */
export function expandPath(file: string): string {
  return file.includes('/') ? file : posix.normalize(posix.join(SOURCES_PARTS, file));
}

/** _add_valid_source: every line with the source, enabled or not, is enabled; none: it is appended to `file`. */
export function addSource(list: SourcesList, source: string, file: string): void {
  let found = false;
  for (const lines of list.files.values()) {
    lines.forEach((line, index) => {
      if (!line.valid || line.source !== source) return;
      lines[index] = { ...line, enabled: true };
      found = true;
    });
  }
  if (found) return;
  const path = expandPath(file);
  const lines = list.files.get(path) ?? [];
  lines.push({ n: lines.length, valid: true, enabled: true, source, comment: '' });
  list.files.set(path, lines);
  list.newRepos.add(path);
}

/**
 * _remove_valid_source, as Python runs it: each file's list is walked while lines are popped by
 * their number as read (not their place now), so of two equal lines one may stay, and a number past
 * the end fails the module (IndexError).
 */
export function removeSource(list: SourcesList, source: string): void {
  for (const [path, lines] of list.files) {
    for (let i = 0; i < lines.length; ) {
      const line = lines[i++]!;
      if (!line.valid || line.source !== source || !line.enabled) continue;
      if (line.n >= lines.length) throw new PlanError(`apt_repository fails removing ${source} from ${path}: pop index out of range (its lines shifted as it removed an earlier one)`);
      lines.splice(line.n, 1);
    }
  }
}
