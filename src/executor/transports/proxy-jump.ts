// Parses ssh -J / ProxyJump values: `[user@]host[:port]`, comma-separated hops, in order.

export interface JumpHop {
  host: string;
  port?: number;
  user?: string;
}

export function parseProxyJump(value: string): JumpHop[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const withoutScheme = part.replace(/^ssh:\/\//, '');
      const at = withoutScheme.lastIndexOf('@');
      const user = at >= 0 ? withoutScheme.slice(0, at) : undefined;
      const rest = at >= 0 ? withoutScheme.slice(at + 1) : withoutScheme;
      // `[::1]:2222` for IPv6 literals, `host:2222` otherwise.
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
      const plain = /^([^:]+)(?::(\d+))?$/.exec(rest);
      const match = bracketed ?? plain;
      const host = match ? match[1]! : rest;
      const port = match?.[2] ? Number(match[2]) : undefined;
      return { host, port, user: user || undefined };
    });
}
