// A parsed YAML document as the loaders see it: plain values plus a way back to file:line:col.
import type { LoadIssue, SourceLocation } from './location.js';
import type { Secret } from './secret.js';

/** A path inside a document: mapping keys and sequence indexes. */
export type DocPath = ReadonlyArray<string | number>;

export interface ParsedYaml {
  /** The document as plain values; `!secret`/`!env` scalars are `Secret`s. */
  value: unknown;
  /** Where the value at `path` was written; the nearest existing parent when it is missing. */
  locate(path: DocPath): SourceLocation;
  /** Where the key of the mapping entry at `path` was written (for unknown-key issues). */
  locateKey(path: DocPath): SourceLocation;
  /** The text of the plain scalar at `path` as written (`0644`, which YAML 1.2 reads as 644), if it is one. */
  plainText(path: DocPath): string | undefined;
  /** Syntax errors, duplicate keys, unknown tags, missing `!env` variables. */
  issues: LoadIssue[];
  /** Every `!secret`/`!env` value in the text, even where the document failed to parse: for the redactor, before any issue prints. */
  secrets: Secret[];
}

/**
 * Parses YAML text. `file` is the name used in locations (relative to the working directory);
 * `env` feeds `!env NAME`. The runbook package provides the implementation (`parseYaml`), so
 * the inventory loader receives it as a parameter and core stays free of third-party code.
 */
export type YamlParser = (text: string, file: string, env: NodeJS.ProcessEnv) => ParsedYaml;
