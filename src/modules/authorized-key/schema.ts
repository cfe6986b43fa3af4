// Args of `authorized_key`: SSH keys in an account's authorized_keys file, added or removed (ansible.posix.authorized_key).
import * as z from 'zod';
import { absolutePath, accountName, flag } from '../lib/arg-types.js';
import { parseKey, splitLines } from './keys-file.js';

/** Ansible's new_keys: the key argument's lines, without blank ones and `#` comments. */
export function keyLines(key: string): string[] {
  return splitLines(key).filter((line) => line !== '' && !line.startsWith('#'));
}

/** Every line must be a key Ansible can parse (a known type word and a blob after it); a URL is fetched by Ansible, refused here. */
const keyText = z.string().superRefine((key, ctx) => {
  if (key.startsWith('http')) {
    ctx.addIssue({ code: 'custom', message: 'a URL is not fetched here: give the keys themselves (lookup(\'file\', ...) reads a local file)' });
    return;
  }
  const lines = keyLines(key);
  if (lines.length === 0) ctx.addIssue({ code: 'custom', message: 'no key given (only blank or # lines)' });
  for (const line of lines) {
    if (parseKey(line, 0) === undefined) ctx.addIssue({ code: 'custom', message: `invalid key specified: ${line}` });
  }
});

export const authorizedKeyArgsSchema = z
  .object({
    /** The account whose keys file it is (its owner; its home gives the default path). */
    user: accountName,
    /** One key, or several on lines of their own (`# ...` lines and blank ones left out). */
    key: keyText,
    /** The keys file; default ~USER/.ssh/authorized_keys. */
    path: absolutePath.optional(),
    /** Create the keys file's folder (0700, the user's) and keep it so on every write. */
    manage_dir: flag.default(true),
    state: z.enum(['present', 'absent']).default('present'),
    /** Options given to every key (`no-pty,from="10.0.0.0/8"`), replacing the key's own. */
    key_options: z.string().optional(),
    /** With state present: remove every other line of the file (other keys, comments). */
    exclusive: flag.default(false),
    /** Replaces the comment of every key. */
    comment: z.string().optional(),
    /** Write through a symlink at the path (else the link is replaced by a file, as Ansible does). */
    follow: flag.default(false),
    /** Only for a key fetched from a URL, which is not done here: accepted and, as Ansible does without a URL, unused. */
    validate_certs: flag.optional(),
  })
  .strict()
  .refine((args) => args.manage_dir || args.path !== undefined, {
    error: 'manage_dir: false needs path: give the keys file\'s full path (here the default one, under the home, is read with the account)',
    path: ['manage_dir'],
  });

export type AuthorizedKeyArgs = z.infer<typeof authorizedKeyArgsSchema>;
