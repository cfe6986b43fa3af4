// How a template file is read: the Jinja environment settings Ansible's `template` module and a `#jinja2:` first line set.

export type NewlineSequence = '\n' | '\r' | '\r\n';

/** The Jinja environment settings runbook implements (Ansible's defaults in DEFAULT_TEMPLATE_OPTIONS). */
export interface TemplateOptions {
  /** The first newline after a block or comment tag is dropped. */
  trimBlocks: boolean;
  /** Spaces and tabs from a line's start up to a block or comment tag are dropped. */
  lstripBlocks: boolean;
  /** What every newline of the template's text becomes. */
  newlineSequence: NewlineSequence;
  /** Jinja keeps the template's last newline (Ansible pads the output back to the template's own count either way). */
  keepTrailingNewline: boolean;
}

/** Ansible's environment: trim_blocks on (unlike Jinja's own default), the rest Jinja's. */
export const DEFAULT_TEMPLATE_OPTIONS: TemplateOptions = { trimBlocks: true, lstripBlocks: false, newlineSequence: '\n', keepTrailingNewline: false };
