// Ansible's lookup()/query()/q() in templates (template/__init__.py _lookup and plugins/lookup/*.py): env, file,
// template, first_found, fileglob, password, on the controller; varnames over the task's variables. `pipe` and the rest are refused, saying why.
import { randomInt } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileglob, findFile, firstFound, type LoopFiles } from './controller-files.js';
import { pythonRegExp } from './python-regex.js';
import { keywordsOf } from './text-filters.js';

export interface LookupHost {
  /** role_path, then playbook_dir: where relative names are looked for. */
  files(): LoopFiles;
  /** The playbook's folder: a password file's relative path is under it (the loader's path_dwim). */
  baseDir(): string;
  /** Renders a template file with the task's variables and `extra` over them. */
  renderFile(text: string, name: string, extra: Record<string, unknown>): string;
  /** Values that must be redacted wherever they are shown (generated passwords). */
  onSecret?(values: string[]): void;
  /** The names of the variables the template sees (`varnames`). */
  variableNames(): string[];
}

type Keywords = Record<string, unknown>;
type Plugin = (terms: unknown[], keywords: Keywords, host: LookupHost) => unknown[];

const REFUSED: Record<string, string> = {
  pipe: 'it runs a command on the controller while the template renders (templates run no code here): run the command as a task (delegate_to: localhost, register:) and use its stdout',
  url: 'it fetches over the network while the template renders: fetch in a task (uri with delegate_to: localhost, register:)',
  vars: 'write the variable name, or vars[name] / hostvars[inventory_hostname][name]',
};

function only(plugin: string, keywords: Keywords, known: string[]): void {
  const unknown = Object.keys(keywords).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new Error(`lookup('${plugin}'): option ${unknown.join(', ')} is not supported by runbook${known.length ? ` (${known.join(', ')} are)` : ''}`);
}

const PLUGINS: Record<string, Plugin> = {
  env: (terms, keywords) => {
    only('env', keywords, ['default']);
    return terms.map((term) => process.env[String(term).split(/\s+/)[0]!] ?? keywords.default ?? '');
  },
  file: (terms, keywords, host) => {
    only('file', keywords, ['rstrip', 'lstrip']);
    return terms.map((term) => {
      const path = findFile(String(term), host.files(), 'files');
      if (!path) throw new Error(`could not locate file in lookup: ${String(term)}`);
      let contents = readFileSync(path, 'utf8');
      if (keywords.lstrip === true) contents = contents.trimStart();
      if (keywords.rstrip !== false) contents = contents.trimEnd();
      return contents;
    });
  },
  template: (terms, keywords, host) => {
    only('template', keywords, ['template_vars']);
    const extra = (keywords.template_vars ?? {}) as Record<string, unknown>;
    return terms.map((term) => {
      const path = findFile(String(term), host.files(), 'templates');
      if (!path) throw new Error(`the template file ${String(term)} could not be found for the lookup`);
      return host.renderFile(readFileSync(path, 'utf8'), path, extra);
    });
  },
  first_found: (terms, keywords, host) => {
    only('first_found', keywords, ['files', 'paths', 'skip']);
    return firstFound(Object.keys(keywords).length > 0 ? [...terms, keywords] : terms, host.files());
  },
  fileglob: (terms, keywords, host) => {
    only('fileglob', keywords, []);
    return terms.flatMap((term) => String(term).split(/\s+/).flatMap((pattern) => fileglob(pattern, host.files())));
  },
  varnames: (terms, keywords, host) => {
    only('varnames', keywords, []);
    const names = host.variableNames();
    return terms.flatMap((term) => {
      if (typeof term !== 'string') throw new Error(`Invalid setting identifier, "${String(term)}" is not a string, it is a ${Array.isArray(term) ? 'list' : typeof term}`);
      let pattern: RegExp;
      try {
        pattern = pythonRegExp(term);
      } catch (error) {
        throw new Error(`Unable to use "${term}" as a search parameter: ${(error as Error).message}`);
      }
      return names.filter((name) => pattern.test(name));
    });
  },
  password: (terms, keywords, host) => {
    return terms.map((term) => password(String(term), keywords, host));
  },
};

/** lookup(name, ...terms, wantlist=false, errors='strict', **options): a list joined with commas unless wantlist. */
export function lookupFunctions(host: LookupHost): Record<'lookup' | 'query' | 'q', (...args: unknown[]) => unknown> {
  const run = (wantlist: boolean, args: unknown[]): unknown => {
    const { positional, keywords } = keywordsOf(args);
    const [name, ...terms] = positional;
    const { wantlist: asked, errors = 'strict', allow_unsafe: _, ...options } = keywords;
    const plugin = PLUGINS[String(name).replace(/^ansible\.builtin\./, '')];
    if (!plugin) {
      const why = REFUSED[String(name)] ?? `runbook has ${Object.keys(PLUGINS).join(', ')}`;
      throw new Error(`lookup plugin '${String(name)}' is not supported: ${why}`);
    }
    if (errors !== 'strict' && errors !== 'ignore') throw new Error(`lookup: errors='${String(errors)}' is not supported (strict or ignore)`);
    let ran: unknown[];
    try {
      ran = plugin(terms, options, host);
    } catch (error) {
      if (errors === 'ignore') return wantlist || asked === true ? [] : null;
      throw error;
    }
    if (wantlist || asked === true || ran.length === 0) return ran;
    if (ran.every((r) => typeof r === 'string')) return ran.join(',');
    return ran.length === 1 ? ran[0] : ran;
  };
  return { lookup: (...args) => run(false, args), query: (...args) => run(true, args), q: (...args) => run(true, args) };
}

const CHAR_SETS: Record<string, string> = {
  ascii_letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ascii_lowercase: 'abcdefghijklmnopqrstuvwxyz',
  ascii_uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hexdigits: '0123456789abcdefABCDEF',
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

/** The password in the file (its first word before ` salt=`), or a new one stored there (0600, folder 0700). */
function password(term: string, keywords: Keywords, host: LookupHost): string {
  const [relpath, ...rest] = term.split(' ');
  const params: Keywords = { ...keywords };
  for (const pair of rest.filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 0) throw new Error('Unrecognized value after key=value parameters given to password lookup');
    params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (params.encrypt !== undefined) throw new Error("lookup('password'): encrypt is not supported by runbook: hash the result with | password_hash('sha512', salt)");
  if (params.seed !== undefined) throw new Error("lookup('password'): seed is not supported by runbook (Python's random generator would give other passwords than Ansible's)");
  only('password', Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'length' && k !== 'chars')), []);
  const path = isAbsolute(relpath!) ? relpath! : join(host.baseDir(), relpath!);
  let content: string | undefined;
  try {
    content = readFileSync(path, 'utf8').trimEnd();
  } catch {
    content = undefined;
  }
  if (content !== undefined && path !== '/dev/null') {
    const value = content.includes(' salt=') ? content.slice(0, content.lastIndexOf(' salt=')) : content;
    host.onSecret?.([value]);
    return value;
  }
  const value = randomPassword(Number(params.length ?? 20), params.chars);
  host.onSecret?.([value]);
  if (path !== '/dev/null') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, `${value}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return value;
}

function randomPassword(length: number, chars: unknown): string {
  if (!Number.isInteger(length) || length < 1 || length > 4096) throw new Error('password lookup: length must be a whole number from 1 to 4096');
  const specs = chars === undefined ? ['ascii_letters', 'digits', '.,:-_'] : Array.isArray(chars) ? chars.map(String) : splitChars(String(chars));
  const pool = specs.map((spec) => CHAR_SETS[spec] ?? spec).join('').replace(/["']/g, '');
  if (pool === '') throw new Error('password lookup: chars gives no characters');
  return Array.from({ length }, () => pool[randomInt(pool.length)]).join('');
}

/** `chars=ascii_letters,digits,,` : names or literal characters, `,,` meaning a comma. */
function splitChars(text: string): string[] {
  return [...(text.includes(',,') ? [','] : []), ...text.replace(/,,/g, ',').split(',').filter(Boolean)];
}
