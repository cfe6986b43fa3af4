// The one adapter of the `yaml` library: text -> plain values, `!secret`/`!env` tags, file:line:col of any path.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document, type Node, type Scalar, type ScalarTag, type YAMLMap } from 'yaml';
import { MIN_SECRET_LENGTH } from '../core/redactor.js';
import { Secret } from '../core/secret.js';
import type { LoadIssue, SourceLocation } from '../core/location.js';
import type { DocPath, ParsedYaml } from '../core/yaml-document.js';

// Declared so the library keeps the tag on the node instead of warning; their meaning is given below.
const passThrough = (tag: string): ScalarTag => ({ tag, identify: () => false, resolve: (text: string) => text });

/**
 * Bounds (README "Safety"): aliases are resolved here, not by the library, so its maxAliasCount does not apply:
 * at most MAX_ALIAS_NODES values may come from aliases in one document (a billion-laughs bomb stops there),
 * and an alias inside its own anchor (`&x [1, *x]`) is an error. Duplicate keys are checked here, in linear time.
 */
export const MAX_ALIAS_NODES = 100_000;

/** Parses one YAML document. Never throws: problems come back as `issues`. */
export function parseYaml(source: string, file: string, env: NodeJS.ProcessEnv): ParsedYaml {
  // A UTF-8 byte order mark is not content (yaml 2.9 fails on one before a list and quotes the tokens after it).
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    keepSourceTokens: true,
    uniqueKeys: false,
    prettyErrors: false,
    customTags: [passThrough('!secret'), passThrough('!env')],
  });
  const at = (offset: number | undefined): SourceLocation => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  const reading: Reading = { doc, file, env, at, issues: syntaxIssues(doc, at), secrets: [], aliasNodes: 0, resolving: new Set() };
  const value = toValue(doc.contents, [], reading);
  if (doc.errors.length > 0) reading.secrets.push(...secretsInText(text, file));
  return {
    value,
    issues: reading.issues,
    secrets: reading.secrets,
    locate: (path) => at(findNode(doc, path).node?.range?.[0]),
    locateKey: (path) => {
      const found = findNode(doc, path);
      return at((found.keyNode ?? found.node)?.range?.[0]);
    },
    plainText: (path) => {
      const node = findNode(doc, path).node;
      return isScalar(node) && node.type === 'PLAIN' && node.range ? text.slice(node.range[0], node.range[1]).trim() : undefined;
    },
  };
}

/** What turning nodes into values needs: the document, where it came from, and where problems go. */
interface Reading {
  doc: Document;
  file: string;
  env: NodeJS.ProcessEnv;
  at(offset: number | undefined): SourceLocation;
  issues: LoadIssue[];
  secrets: Secret[];
  /** Values produced through aliases so far (bounded by MAX_ALIAS_NODES). */
  aliasNodes: number;
  /** The anchors being resolved: an alias to one of these refers to itself. */
  resolving: Set<Node>;
}

/** The library's errors and warnings, located. */
function syntaxIssues(doc: Document, at: Reading['at']): LoadIssue[] {
  return [...doc.errors, ...doc.warnings].map((problem) => ({
    ...at(problem.pos[0]),
    path: '',
    message: `YAML: ${problem.message.split(/ at line \d+/)[0]!.trim()}`,
    hint: problem.code === 'DUPLICATE_KEY' ? 'remove or rename one of the two keys' : undefined,
  }));
}

function toValue(node: unknown, trail: DocPath, r: Reading): unknown {
  if (isAlias(node)) return aliasValue(node, trail, r);
  if (r.aliasNodes > MAX_ALIAS_NODES) return null;
  if (isScalar(node)) return scalarValue(node, trail, r);
  if (isSeq(node)) return withinAnchor(node, r, () => node.items.map((item, i) => toValue(item, [...trail, i], r)));
  if (isMap(node)) return withinAnchor(node, r, () => mapValue(node, trail, r));
  return null;
}

/** An alias's value: bounded in total, and never one that contains itself. */
function aliasValue(node: Alias, trail: DocPath, r: Reading): unknown {
  const target = node.resolve(r.doc) as Node | undefined;
  const where = { ...r.at(node.range?.[0]), path: formatTrail(trail) };
  if (target && r.resolving.has(target)) {
    r.issues.push({ ...where, message: `YAML: alias *${node.source} refers to itself (it is inside its own anchor &${node.source})`, hint: 'an alias can only repeat a value defined before and outside it' });
    return null;
  }
  r.aliasNodes += target && (isMap(target) || isSeq(target)) ? Math.max(1, target.items.length) : 1;
  if (r.aliasNodes > MAX_ALIAS_NODES) {
    if (!r.issues.some((i) => i.message.startsWith('YAML: aliases expand'))) {
      r.issues.push({ ...where, message: `YAML: aliases expand to more than ${MAX_ALIAS_NODES} values (an alias bomb?)`, hint: 'write the values out, or use fewer nested aliases' });
    }
    return null;
  }
  return toValue(target, trail, r);
}

/** Marks a collection as being resolved while its items are, so an alias inside it to it is caught. */
function withinAnchor<T>(node: Node, r: Reading, read: () => T): T {
  if (!node.anchor) return read();
  r.resolving.add(node);
  try {
    return read();
  } finally {
    r.resolving.delete(node);
  }
}

function mapValue(node: YAMLMap, trail: DocPath, r: Reading): Record<string, unknown> {
  {
    const out: Record<string, unknown> = {};
    const keys = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : null;
      if (key === null) {
        r.issues.push({ ...r.at(keyNode?.range?.[0]), path: formatTrail(trail), message: 'mapping keys must be plain names' });
        continue;
      }
      if (keys.has(key) && key !== '<<') {
        r.issues.push({ ...r.at(keyNode?.range?.[0]), path: formatTrail(trail), message: 'YAML: Map keys must be unique', hint: 'remove or rename one of the two keys' });
        continue;
      }
      keys.add(key);
      const value = toValue(pair.value, [...trail, key], r);
      if (key === '<<') mergeInto(out, value);
      else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

/** `!secret` values written in text that did not parse: found by their tag, so a syntax error cannot quote them. */
function secretsInText(text: string, file: string): Secret[] {
  const found: Secret[] = [];
  for (const m of text.matchAll(/!secret\s+(?:"((?:[^"\\\n]|\\.)*)"?|'((?:[^'\n]|'')*)'?|([^\s#,}\]][^#\n]*))/g)) {
    const raw = m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3]?.trim() ?? '';
    let value = raw;
    if (m[1] !== undefined) {
      try {
        value = JSON.parse(`"${m[1]}"`) as string;
      } catch {
        value = raw;
      }
    }
    if (value) found.push(new Secret(value, `${file} (unparsed)`), ...(value !== raw ? [new Secret(raw, `${file} (unparsed)`)] : []));
  }
  return found;
}

/** A scalar's value; `!secret` and `!env` (read from `env`) become Secrets. */
function scalarValue(node: Scalar, trail: DocPath, r: Reading): unknown {
  const where = r.at(node.range?.[0]);
  if (node.tag === '!secret') return registered(new Secret(String(node.value ?? ''), `${r.file}:${where.line}`), node, trail, r);
  if (node.tag === '!env') {
    const name = String(node.value ?? '').trim();
    const value = r.env[name];
    if (value === undefined) {
      r.issues.push({
        ...where,
        path: formatTrail(trail),
        message: `environment variable ${name} is not set (!env ${name})`,
        hint: `export ${name}=... before running, or write the value with !secret`,
      });
      return undefined;
    }
    return registered(new Secret(value, `!env ${name}`), node, trail, r);
  }
  return node.value;
}

/** A secret goes to the redactor's list; one too short to redact reliably is refused. */
function registered(secret: Secret, node: Scalar, trail: DocPath, r: Reading): Secret {
  r.secrets.push(secret);
  if (secret.reveal().length < MIN_SECRET_LENGTH) {
    r.issues.push({
      ...r.at(node.range?.[0]),
      path: formatTrail(trail),
      message: `a secret must be at least ${MIN_SECRET_LENGTH} characters long (${secret.origin.startsWith('!env') ? secret.origin : '!secret'} is ${secret.reveal().length})`,
      hint: 'a shorter value cannot be told apart from ordinary text, so it could not be kept out of the output',
    });
  }
  return secret;
}

/** The node at `path` (as far as it exists), and the key node of its last mapping step. */
function findNode(doc: Document, path: DocPath): { node?: Node; keyNode?: Node } {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      // `key:` with no value has no node: point at the key.
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyNode = undefined;
      node = node.items[segment];
    } else break;
  }
  return { node: (node as Node | null) ?? undefined, keyNode };
}

// `<<: *defaults` (YAML 1.1 merge keys, common in Ansible files): keys already set win.
function mergeInto(target: Record<string, unknown>, source: unknown): void {
  for (const item of Array.isArray(source) ? source : [source]) {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      for (const [k, v] of Object.entries(item)) if (!(k in target)) target[k] = v;
    }
  }
}

function formatTrail(trail: DocPath): string {
  return trail.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
