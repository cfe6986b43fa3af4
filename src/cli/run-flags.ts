// The options of `runbook apply|check|plan`, as commander hands them to run-apply.ts.
export interface RunFlags {
  inventory: string;
  check: boolean;
  diff: boolean;
  limit?: string;
  extraVars: string[];
  tags?: string;
  skipTags?: string;
  forks: number;
  json: boolean;
  yes: boolean;
  detailedExitcode: boolean;
  verbose: boolean;
  stats: boolean;
  output?: string;
  lockTimeout: number;
  /** Seconds; unset: each host's inventory `timeout` / keepalive settings, else their defaults. */
  timeout?: number;
  /** apply: plan changed hosts again afterwards (`--no-verify` turns it off). */
  verify?: boolean;
  /** apply FILE: the oldest plan accepted, in seconds (--max-age, default 24 h). */
  maxAge?: number;
}
