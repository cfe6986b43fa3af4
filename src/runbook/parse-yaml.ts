// The one adapter of the `yaml` library: text -> plain values, `!secret`/`!env` tags, file:line:col of any path.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type ScalarTag } from 'yaml';
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
  const issues: LoadIssue[] = [];
  const at = (offset: number | undefined): SourceLocation => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  for (const problem of [...doc.errors, ...doc.warnings]) {
    issues.push({
      ...at(problem.pos[0]),
      path: '',
      message: `YAML: ${problem.message.split(/ at line \d+/)[0]!.trim()}`,
      hint: problem.code === 'DUPLICATE_KEY' ? 'remove or rename one of the two keys' : undefined,
    });
  }

  const toValue = (node: unknown, trail: DocPath): unknown => {
    if (isAlias(node)) return toValue(node.resolve(doc as Document), trail);
    if (isScalar(node)) {
      const where = at(node.range?.[0]);
      if (node.tag === '!secret') return new Secret(String(node.value ?? ''), `${file}:${where.line}`);
      if (node.tag === '!env') {
        const name = String(node.value ?? '').trim();
        const value = env[name];
        if (value === undefined) {
          issues.push({
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
    if (isSeq(node)) return node.items.map((item, i) => toValue(item, [...trail, i]));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : null;
        if (key === null) {
          issues.push({ ...at(keyNode?.range?.[0]), path: formatTrail(trail), message: 'mapping keys must be plain names' });
          continue;
        }
        const value = toValue(pair.value, [...trail, key]);
        if (key === '<<') mergeInto(out, value);
        else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };
  const value = toValue(doc.contents, []);

  const find = (path: DocPath): { node?: Node; keyNode?: Node } => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc as Document);
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
  };
  return {
    value,
    issues,
    locate: (path) => at(find(path).node?.range?.[0]),
    locateKey: (path) => {
      const found = find(path);
      return at((found.keyNode ?? found.node)?.range?.[0]);
    },
  };
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
