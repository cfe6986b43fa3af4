// Checks a request's TC3-HMAC-SHA256 Authorization header as Tencent Cloud's API gateway does.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ApiFault } from './api-fault.js';

export interface EmulatorCredential {
  secretId: string;
  secretKey: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query as received (`/`, `/?a=b`). */
  url: string;
  /** Lower-case header names, as node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Seconds a signed request stays valid either side of the server's clock (Tencent: 5 minutes). */
const MAX_SKEW_SECONDS = 300;

/**
 * Throws an ApiFault with Tencent's code when the signature is missing, malformed, stale, made
 * with an unknown SecretId or the wrong key, or scoped to a service other than `service`.
 * Returns the SecretId that signed.
 */
export function verifyTc3Signature(
  request: SignedRequest,
  credentials: readonly EmulatorCredential[],
  service: string,
  nowSeconds: number,
): string {
  const authorization = header(request, 'authorization');
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    authorization ?? '',
  );
  if (!match) {
    throw new ApiFault('AuthFailure.InvalidAuthorization', 'The Authorization header is missing or is not a TC3-HMAC-SHA256 authorization.');
  }
  const [, secretId, date, scopeService, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  const timestamp = Number(header(request, 'x-tc-timestamp'));
  if (!Number.isInteger(timestamp)) throw new ApiFault('MissingParameter', 'The request is missing X-TC-Timestamp.');
  if (Math.abs(nowSeconds - timestamp) > MAX_SKEW_SECONDS) {
    throw new ApiFault('AuthFailure.SignatureExpire', `The signature expired: X-TC-Timestamp ${timestamp} is more than ${MAX_SKEW_SECONDS} s from the server time ${nowSeconds}.`);
  }
  const credential = credentials.find((c) => c.secretId === secretId);
  if (!credential) throw new ApiFault('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
  if (scopeService !== service) {
    throw new ApiFault('AuthFailure.InvalidAuthorization', `The credential scope names service "${scopeService}", this endpoint is "${service}".`);
  }
  if (date !== utcDate(timestamp)) {
    throw new ApiFault('AuthFailure.SignatureFailure', `The credential scope date ${date} is not the UTC date of X-TC-Timestamp.`);
  }
  // Tencent's SDKs sign the host name without the port; accept the header as sent too.
  const host = header(request, 'host') ?? '';
  const hosts = [host.replace(/:\d+$/, ''), host];
  const ok = hosts.some((h) => {
    const expected = signatureFor(request, credential.secretKey, { date, service, signedHeaders, timestamp, host: h });
    return timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  });
  if (!ok) {
    throw new ApiFault('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
  }
  return secretId;
}

interface Scope {
  date: string;
  service: string;
  signedHeaders: string;
  timestamp: number;
  host: string;
}

function signatureFor(request: SignedRequest, secretKey: string, scope: Scope): string {
  const [path = '/', query = ''] = request.url.split('?', 2);
  const canonicalHeaders = scope.signedHeaders
    .split(';')
    .map((name) => `${name}:${name === 'host' ? scope.host : (header(request, name) ?? '').trim().toLowerCase()}\n`)
    .join('');
  const canonicalRequest = [request.method, path, query, canonicalHeaders, scope.signedHeaders, sha256Hex(request.body)].join('\n');
  const credentialScope = `${scope.date}/${scope.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(scope.timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`TC3${secretKey}`, scope.date);
  const kService = hmac(kDate, scope.service);
  const kSigning = hmac(kService, 'tc3_request');
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex');
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function utcDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
