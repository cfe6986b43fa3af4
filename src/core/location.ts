// Where something was written, and a load problem located there.

export interface SourceLocation {
  /** Path relative to the working directory when possible (`runbooks/web.yaml`). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** One problem found while loading a runbook, role or inventory; loaders report all of them at once. */
export interface LoadIssue extends SourceLocation {
  /** Path inside the document, Ansible-style: `plays[0].tasks[2].template.dest`. */
  path: string;
  message: string;
  /** What to do about it. */
  hint?: string;
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

export function formatIssue(issue: LoadIssue): string {
  const where = `${formatLocation(issue)}${issue.path ? ` (${issue.path})` : ''}`;
  return `${where}: ${issue.message}${issue.hint ? `\n  hint: ${issue.hint}` : ''}`;
}
