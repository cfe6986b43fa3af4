// Args of `apt_key` (ansible.builtin.apt_key, Ansible 2.14's): a key apt trusts, added from a file or data on the host, or removed.
import * as z from 'zod';
import { absolutePath, flag, refused } from '../lib/arg-types.js';

/** apt_key.py's parse_key_id: 8, 16 or more than 16 hex digits, `0x` first or not; the short id, the long one compared, the whole. */
export function parseKeyId(keyId: string): { short: string; fingerprint: string; keyId: string } | undefined {
  let id = keyId.toUpperCase();
  if (!/^(0X)?[0-9A-F]+$/.test(id)) return undefined;
  if (id.startsWith('0X')) id = id.slice(2);
  if (id.length !== 8 && id.length !== 16 && id.length <= 16) return undefined;
  return { short: id.slice(-8), fingerprint: id.length > 16 ? id.slice(-16) : id, keyId: id };
}

export const aptKeyArgsSchema = z
  .object({
    id: z.union([z.string(), z.int().transform(String)]).refine((id) => parseKeyId(id) !== undefined, { error: 'Invalid key_id: 8, 16 or more hexadecimal digits (0x first or not)' }).optional(),
    data: z.string().min(1).optional(),
    file: absolutePath.optional(),
    keyring: absolutePath.optional(),
    state: z.enum(['present', 'absent']).default('present'),
    // Used by Ansible only to download a url:, which runbook does not take.
    validate_certs: flag.default(true),
    url: refused('download the key first (get_url, or copy from the controller), then give it to apt_key as file:'),
    keyserver: refused('a key server is reached over the network by gpg; fetch the key first (get_url) and give it as file: or data:'),
  })
  .strict()
  .refine((a) => a.data === undefined || a.file === undefined, { error: 'parameters are mutually exclusive: data|file', path: ['file'] })
  .refine((a) => a.id !== undefined || a.data !== undefined || a.file !== undefined, { error: 'give id, file or data: without any, apt_key fails with "Invalid key_id"', path: ['id'] });

export type AptKeyArgs = z.infer<typeof aptKeyArgsSchema>;
