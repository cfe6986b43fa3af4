// Args of `get_url` (ansible.builtin, 2.14): a URL downloaded from the host to dest, with get_url.py's checksum and force rules.
import * as z from 'zod';
import { absolutePath, fileAttrsShape, flag, noAliasConflicts } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';
import { urlArgsShape } from '../lib/url-request.js';

/** The digests get_url may check, each computed on the host by its coreutils tool (`sha256sum`). */
export const DIGESTS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type Digest = (typeof DIGESTS)[number];

/** `ALGO:HEX`, or `ALGO:URL` of a checksum file (read in the host's fact exec). */
export type Checksum = { algorithm: Digest; hex: string } | { algorithm: Digest; url: string };

const URL_SCHEMES = /^(https?|file):\/\//;

/** get_url.py's parsing: `ALGO:VALUE`; a value with a URL scheme is a checksum file, else hex (non-word characters dropped, lowercased). */
const checksum = z.string().transform((value, ctx): Checksum | undefined => {
  if (value === '') return undefined;
  const colon = value.indexOf(':');
  if (colon < 0) {
    ctx.addIssue({ code: 'custom', message: 'The checksum parameter has to be in format <algorithm>:<checksum>' });
    return z.NEVER;
  }
  const algorithm = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (!(DIGESTS as readonly string[]).includes(algorithm)) {
    ctx.addIssue({ code: 'custom', message: `algorithm "${algorithm}" is not supported here: give one of ${DIGESTS.join(', ')}` });
    return z.NEVER;
  }
  if (/^(https?|file):/.test(rest)) return { algorithm: algorithm as Digest, url: rest };
  if (/^(ftp):/.test(rest)) {
    ctx.addIssue({ code: 'custom', message: 'an ftp:// checksum file is not supported here: give the checksum, or an http(s):// or file:// URL' });
    return z.NEVER;
  }
  const hex = rest.replace(/[^\p{L}\p{N}_]+/gu, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) {
    ctx.addIssue({ code: 'custom', message: 'The checksum format is invalid' });
    return z.NEVER;
  }
  return { algorithm: algorithm as Digest, hex };
});

export const getUrlArgsSchema = z
  .object({
    url: z
      .string()
      .refine((url) => !url.startsWith('ftp://'), { error: 'ftp:// is not supported here: download it with a command task (curl ftp://...)' })
      .refine((url) => url.startsWith('ftp://') || URL_SCHEMES.test(url), { error: 'must be an http://, https:// or file:// URL' }),
    /** A file, or an existing folder: the name then comes from the response (Content-Disposition) or the URL. */
    dest: absolutePath,
    ...fileAttrsShape,
    checksum: checksum.optional(),
    /** Ansible's default false: an existing dest is fetched again only when modified since its mtime, or its checksum differs. */
    force: flag.optional(),
    backup: flag.optional(),
    /** Ansible's `username`/`password` aliases of url_username/url_password. */
    username: z.string().optional(),
    password: urlArgsShape.url_password,
    ...urlArgsShape,
    /** get_url follows redirects (urllib2): none/no do not. */
    follow_redirects: z.enum(['urllib2', 'all', 'safe', 'yes', 'none', 'no']).optional(),
    /** Ansible's default true: gzip asked for and decompressed (curl --compressed). */
    decompress: z.literal(true, { error: 'decompress: false is not supported here: curl decompresses what it asked for; use a command task' }).optional(),
    ...refusedArgs({
      tmp_dest: 'the download goes to a temp file beside dest, renamed into place',
      sha256sum: 'removed from Ansible; give checksum: "sha256:HEX"',
      attributes: 'use a command task (chattr)',
      unsafe_writes: 'dest is always replaced by a rename',
      seuser: 'SELinux contexts are not set here; use a command task',
      serole: 'SELinux contexts are not set here; use a command task',
      setype: 'SELinux contexts are not set here; use a command task',
      selevel: 'SELinux contexts are not set here; use a command task',
    }),
  })
  .strict()
  .superRefine(noAliasConflicts({ username: 'url_username', password: 'url_password' }));

export type GetUrlArgs = z.output<typeof getUrlArgsSchema>;
