// The one adapter of the `yaml` library: text -> plain values, `!secret`/`!env` tags, file:line:col of any path.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar, type ScalarTag } from 'yaml';
import { Secret } from '../core/secret.js';
import type { LoadIssue, SourceLocation } from '../core/location.js';
import type { DocPath, ParsedYaml } from '../core/yaml-document.js';

// Declared so the library keeps the tag on the node instead of warning; their meaning is given below.
const passThrough = (tag: string): ScalarTag => ({ tag, identify: () => false, resolve: (text: string) => text });

/** Parses one YAML document. Never throws: problems come back as `issues`. */
export function parseYaml(text: string, file: string, env: NodeJS.ProcessEnv): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    keepSourceTokens: true,
    uniqueKeys: true,
    prettyErrors: false,
    customTags: [passThrough('!secret'), passThrough('!env')],
  });
  const at = (offset: number | undefined): SourceLocation => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  const reading: Reading = { doc, file, env, at, issues: syntaxIssues(doc, at) };
  const value = toValue(doc.contents, [], reading);
  return {
    value,
    issues: reading.issues,
    locate: (path) => at(findNode(doc, path).node?.range?.[0]),
    locateKey: (path) => {
      const found = findNode(doc, path);
      return at((found.keyNode ?? found.node)?.range?.[0]);
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
  if (isAlias(node)) return toValue(node.resolve(r.doc), trail, r);
  if (isScalar(node)) return scalarValue(node, trail, r);
  if (isSeq(node)) return node.items.map((item, i) => toValue(item, [...trail, i], r));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : null;
      if (key === null) {
        r.issues.push({ ...r.at(keyNode?.range?.[0]), path: formatTrail(trail), message: 'mapping keys must be plain names' });
        continue;
      }
      const value = toValue(pair.value, [...trail, key], r);
      if (key === '<<') mergeInto(out, value);
      else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return null;
}

/** A scalar's value; `!secret` and `!env` (read from `env`) become Secrets. */
function scalarValue(node: Scalar, trail: DocPath, r: Reading): unknown {
  const where = r.at(node.range?.[0]);
  if (node.tag === '!secret') return new Secret(String(node.value ?? ''), `${r.file}:${where.line}`);
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
    return new Secret(value, `!env ${name}`);
  }
  return node.value;
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
