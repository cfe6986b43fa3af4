// A value that must never be shown: it renders into files and commands, and prints as <redacted>.
import { inspect } from 'node:util';

export const REDACTED = '<redacted>';

export class Secret {
  readonly #value: string;
  /** Where the secret came from, for messages: `!env DB_PASSWORD`, `inventory/lab.yaml:7`. */
  readonly origin: string;

  constructor(value: string, origin = 'secret') {
    this.#value = value;
    this.origin = origin;
  }

  /** The real value: only for rendering into files/commands sent to a host, never for display. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
