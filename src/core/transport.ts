// How the engine talks to one host: a script in, its output out; files up. ssh2 or local.

export interface ExecOptions {
  /** Bytes for the script's standard input. */
  input?: string | Buffer;
  /** Overrides the host's `become` for this call. */
  become?: boolean;
  /** With become: the user to become for this call, instead of the host's `become_user`. */
  becomeUser?: string;
  timeoutMs?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface TransportStats {
  /** Remote commands started (each is one SSH exec channel). */
  execs: number;
  uploads: number;
  bytesUp: number;
  connectMs: number;
}

export interface Transport {
  readonly hostName: string;
  /** Opens the connection (once for the whole run); throws TransportError. */
  connect(): Promise<void>;
  /**
   * Runs a POSIX sh script on the host (`/bin/sh -c SCRIPT`, through `sudo -n` when
   * become). Resolves with its exit code whatever it is; rejects only with TransportError
   * when the host cannot be reached or the connection broke.
   */
  exec(script: string, options?: ExecOptions): Promise<ExecResult>;
  /** Writes bytes to a path with the connection's own user (SFTP, or fs for local). */
  upload(path: string, data: Buffer, mode?: string): Promise<void>;
  readonly stats: TransportStats;
  close(): Promise<void>;
}
