// Test helper: a TC3-HMAC-SHA256 request written from Tencent's documentation, independent of the SDK.
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';

export interface SignedPostOptions {
  url: string;
  action: string;
  body: string;
  secretId: string;
  secretKey: string;
  /** Seconds; default now. */
  timestamp?: number;
  service?: string;
  /** Sign this body but send `body` (to test tampering). */
  signedBody?: string;
}

export async function signedPost(options: SignedPostOptions): Promise<{ status: number; json: any }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const service = options.service ?? 'vpc';
  const host = 'vpc.tencentcloudapi.com';
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  const hmac = (k: string | Buffer, s: string) => createHmac('sha256', k).update(s).digest();
  const canonical = ['POST', '/', '', `content-type:application/json\nhost:${host}\n`, 'content-type;host', hash(options.signedBody ?? options.body)].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), scope, hash(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${options.secretKey}`, date), service), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const target = new URL(options.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: '/',
        headers: {
          host: `${host}:${target.port}`,
          'content-type': 'application/json',
          'x-tc-action': options.action,
          'x-tc-version': '2017-03-12',
          'x-tc-region': 'ap-guangzhou',
          'x-tc-timestamp': String(timestamp),
          authorization: `TC3-HMAC-SHA256 Credential=${options.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
