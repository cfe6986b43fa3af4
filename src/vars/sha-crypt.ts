// SHA-crypt ($5$ sha256, $6$ sha512; Drepper's specification, glibc's crypt()): the hashes password_hash gives.
// Written here rather than a library: 60 lines of node:crypto, checked against glibc (openssl passwd -5/-6).
import { createHash } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Rendering bounds it: glibc takes up to 999 999 999 rounds, hours of work for one template (200 000: about a second). */
export const MAX_ROUNDS = 200_000;

// The byte triples of the final encoding, as the specification lists them.
const ORDER = {
  sha256: [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29], [-1, 31, 30]],
  sha512: [
    [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10],
    [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41], [-1, -1, 63],
  ],
} as const;

/** crypt(password, "$5$" or "$6$" [+ "rounds=N$"] + salt): salt at most 16 characters of ./0-9A-Za-z. */
export function shaCrypt(algorithm: 'sha256' | 'sha512', password: string, salt: string, rounds?: number): string {
  if (rounds !== undefined && (!Number.isInteger(rounds) || rounds > MAX_ROUNDS)) throw new Error(`rounds must be a whole number up to ${MAX_ROUNDS}`);
  const n = rounds === undefined ? 5000 : Math.max(1000, rounds);
  const hash = (...parts: Buffer[]) => {
    const h = createHash(algorithm);
    for (const part of parts) h.update(part);
    return h.digest();
  };
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, 16), 'utf8');
  const b = hash(p, s, p);
  const aParts = [p, s, repeatTo(b, p.length)];
  for (let len = p.length; len > 0; len >>= 1) aParts.push(len & 1 ? b : p);
  let c = hash(...aParts);
  const pSeq = repeatTo(hash(...Array<Buffer>(p.length).fill(p)), p.length);
  const sSeq = repeatTo(hash(...Array<Buffer>(16 + c[0]!).fill(s)), s.length);
  for (let i = 0; i < n; i++) {
    const parts = [i & 1 ? pSeq : c];
    if (i % 3) parts.push(sSeq);
    if (i % 7) parts.push(pSeq);
    parts.push(i & 1 ? c : pSeq);
    c = hash(...parts);
  }
  const id = algorithm === 'sha256' ? '5' : '6';
  return `$${id}$${rounds === undefined ? '' : `rounds=${n}$`}${s.toString('utf8')}$${encode(c, ORDER[algorithm])}`;
}

function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = block[i % block.length]!;
  return out;
}

function encode(digest: Buffer, order: readonly (readonly number[])[]): string {
  let out = '';
  for (const triple of order) {
    const chars = triple.filter((i) => i >= 0).length + 1;
    const [x, y, z] = triple.map((i) => (i >= 0 ? digest[i]! : 0));
    let w = (x! << 16) | (y! << 8) | z!;
    for (let k = 0; k < chars; k++, w >>= 6) out += ITOA64[w & 0x3f];
  }
  return out;
}
