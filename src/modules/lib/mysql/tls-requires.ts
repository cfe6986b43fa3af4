// mysql_user's `tls_requires` (community.mysql): what an account must present over TLS, as wanted and as stored.
import * as z from 'zod';
import { sqlString } from './sql-quote.js';

/** The named parts of a REQUIRE clause, in the order MariaDB stores them. */
const NAMED = ['SUBJECT', 'ISSUER', 'CIPHER'] as const;
type NamedPart = (typeof NAMED)[number];

/** None (`REQUIRE NONE`), any TLS (`SSL`), a client certificate (`X509`), or named parts of it. */
export type TlsRequires = 'NONE' | 'SSL' | 'X509' | { [part in NamedPart]?: string };

const KEYS = ['SSL', 'X509', ...NAMED];

/**
 * community.mysql's sanitize_requires: keys case-insensitive; SUBJECT/ISSUER/CIPHER win over SSL and
 * X509 (which are then dropped); X509 over SSL; `{}` (or null) is none. A key it does not know is
 * refused here (community.mysql would read it as SSL).
 */
export const tlsRequires = z
  .record(z.string(), z.unknown())
  .nullable()
  .transform((value, ctx): TlsRequires => {
    const upper = new Map(Object.entries(value ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
    const unknown = [...upper.keys()].filter((k) => !KEYS.includes(k));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown key ${unknown.join(', ')}; tls_requires takes ${KEYS.join(', ')}`, input: value });
      return z.NEVER;
    }
    if (upper.size === 0) return 'NONE';
    const named = NAMED.filter((part) => upper.has(part));
    if (named.length === 0) return upper.has('X509') ? 'X509' : 'SSL';
    const parts: { [part in NamedPart]?: string } = {};
    for (const part of named) {
      const text = upper.get(part);
      if (typeof text !== 'string' && typeof text !== 'number') {
        ctx.addIssue({ code: 'custom', message: `${part} must be a string`, input: value });
        return z.NEVER;
      }
      parts[part] = String(text);
    }
    return parts;
  });

/**
 * What an account requires, from mysql.user's ssl_type, ssl_cipher, x509_issuer and x509_subject
 * (the columns SHOW CREATE USER's REQUIRE clause is made from): '' none, ANY SSL, X509, SPECIFIED parts.
 */
export function storedTlsRequires(sslType: string, cipher: string, issuer: string, subject: string): TlsRequires {
  switch (sslType.toUpperCase()) {
    case 'ANY':
      return 'SSL';
    case 'X509':
      return 'X509';
    case 'SPECIFIED': {
      const parts: { [part in NamedPart]?: string } = {};
      if (subject !== '') parts.SUBJECT = subject;
      if (issuer !== '') parts.ISSUER = issuer;
      if (cipher !== '') parts.CIPHER = cipher;
      return parts;
    }
    default:
      return 'NONE';
  }
}

/** Whether two requirements are the same (named parts compared as a mapping, as community.mysql compares dicts). */
export function sameTlsRequires(a: TlsRequires, b: TlsRequires): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<NamedPart>;
  return [...keys].every((k) => a[k] === b[k]);
}

/** The REQUIRE clause's body: `NONE`, `SSL`, `X509`, or `SUBJECT '...' AND ISSUER '...'`. */
export function sqlTlsRequires(requires: TlsRequires): string {
  if (typeof requires === 'string') return requires;
  const parts = NAMED.filter((part) => requires[part] !== undefined).map((part) => `${part} ${sqlString(requires[part]!)}`);
  // An empty mapping is not reachable from the schema; MariaDB reads REQUIRE with nothing after it as an error.
  return parts.length > 0 ? parts.join(' AND ') : 'NONE';
}

/** How the plan says it: `REQUIRE SSL`, `no TLS requirement`. */
export function describeTlsRequires(requires: TlsRequires): string {
  return requires === 'NONE' ? 'no TLS requirement' : `REQUIRE ${sqlTlsRequires(requires)}`;
}
