// A template failed to render: where (template name, line, column), what (the undefined name), and what to do.
import { EngineError, EXIT } from '../core/errors.js';

export class TemplateError extends EngineError {
  readonly code = 'TEMPLATE';
  // The runbook needs fixing: like a load problem, it is found before any host changes.
  readonly exitCode = EXIT.invalid;
  constructor(
    /** The template's name: a file (`roles/x/templates/a.njk`) or a task field (`roles/x/tasks/main.yaml:9 template.dest`). */
    readonly template: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly detail: string,
    /** The variable that was undefined, when that was the problem. */
    readonly undefinedName?: string,
    readonly hint?: string,
  ) {
    super(`${template}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${detail}${hint ? `; ${hint}` : ''}`);
  }
}
