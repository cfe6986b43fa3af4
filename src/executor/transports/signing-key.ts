// A private key parsed once per run and signing through a KeyObject. Given the key file's bytes,
// ssh2 parses them again on every connect and parses the PEM it derived on every signature:
// 0.87 ms per signature against 0.07 ms with a KeyObject (measured here, ed25519), for each host.
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { type ParsedKey, utils } from 'ssh2';

/** The hash each key type signs with when ssh2 names none (it names one only for RSA's rsa-sha2-*). */
const DEFAULT_HASH: Record<string, string | null> = {
  'ssh-ed25519': null,
  'ecdsa-sha2-nistp256': 'sha256',
  'ecdsa-sha2-nistp384': 'sha384',
  'ecdsa-sha2-nistp521': 'sha512',
  'ssh-rsa': 'sha1',
};

const byContent = new Map<string, ParsedKey | Buffer>();

/**
 * What to hand ssh2 for a key file's bytes: the key parsed once, with a fast `sign`; the bytes
 * themselves when they are no usable private key (encrypted, malformed), so that ssh2 skips them
 * with its own reason as before.
 */
export function signingKey(bytes: Buffer): ParsedKey | Buffer {
  const id = bytes.toString('latin1');
  let key = byContent.get(id);
  if (key === undefined) {
    key = prepare(bytes);
    byContent.set(id, key);
  }
  return key;
}

function prepare(bytes: Buffer): ParsedKey | Buffer {
  const result: ParsedKey | ParsedKey[] | Error = utils.parseKey(bytes);
  // OpenSSH's format may hold several keys: ssh2 uses the first, as ssh does.
  const parsed = Array.isArray(result) ? result[0] : result;
  if (parsed === undefined || parsed instanceof Error || !parsed.isPrivateKey()) return bytes;
  const hash = DEFAULT_HASH[parsed.type];
  if (hash === undefined) return parsed;
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(parsed.getPrivatePEM());
  } catch {
    return parsed;
  }
  // The parsed key stays the prototype: ssh2 still recognises it as parsed and reads its type and
  // public half from it. Like ssh2's own sign, a failure is returned, not thrown.
  return Object.create(parsed, {
    sign: {
      value: (data: Buffer, algo?: string): Buffer | Error => {
        try {
          return sign(algo ?? hash, data, keyObject);
        } catch (error) {
          return error as Error;
        }
      },
    },
  }) as ParsedKey;
}
