// A position in a parsed file: its YAML path (to find line:col) and its Ansible-style label for messages.
import type { LoadIssue, SourceLocation } from '../core/location.js';
import type { DocPath, ParsedYaml } from '../core/yaml-document.js';

export class Cursor {
  constructor(
    readonly doc: ParsedYaml,
    readonly yamlPath: DocPath,
    /** `plays[0].tasks[2].template.dest`; role files start at `tasks[0]`, `defaults.x`. */
    readonly label: string,
  ) {}

  child(key: string | number): Cursor {
    const label = typeof key === 'number' ? `${this.label}[${key}]` : this.label ? `${this.label}.${key}` : key;
    return new Cursor(this.doc, [...this.yamlPath, key], label);
  }

  /** Several levels at once, e.g. a zod issue path. */
  descend(path: ReadonlyArray<PropertyKey>): Cursor {
    return path.reduce<Cursor>((c, k) => c.child(typeof k === 'number' ? k : String(k)), this);
  }

  get location(): SourceLocation {
    return this.doc.locate(this.yamlPath);
  }

  /** An issue located at this node's value (or at its key, for unknown keys). */
  issue(message: string, hint?: string, at: 'value' | 'key' = 'value'): LoadIssue {
    const where = at === 'key' ? this.doc.locateKey(this.yamlPath) : this.location;
    return { ...where, path: this.label, message, ...(hint ? { hint } : {}) };
  }
}
