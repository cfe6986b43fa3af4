// Args of `uri` (ansible.builtin, 2.14): one HTTP request made from the host, its answer registered in Ansible's shape.
import * as z from 'zod';
import { absolutePath, flag, noAliasConflicts } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';
import { urlArgsShape } from '../lib/url-request.js';

const statusCodes = z
  .union([z.coerce.number().int(), z.array(z.coerce.number().int()).min(1), z.string().regex(/^\d+(\s*,\s*\d+)*$/).transform((s) => s.split(',').map(Number))])
  .transform((codes) => [codes].flat());

export const uriArgsSchema = z
  .object({
    url: z.string().regex(/^https?:\/\//, { error: 'must be an http:// or https:// URL' }),
    /** Ansible's: a single word in uppercase (GET, POST, PUT, DELETE, PATCH...). */
    method: z.string().regex(/^[A-Z]+$/, { error: "Parameter 'method' needs to be a single word in uppercase, like GET or POST." }).optional(),
    /** Sent as it is (raw), as JSON (json: a string is sent as it is) or form-urlencoded (a mapping or a list of pairs). */
    body: z.unknown().optional(),
    body_format: z
      .string()
      .transform((f) => f.toLowerCase())
      .refine((f) => f !== 'form-multipart', { error: 'form-multipart is not supported here: use a command task (curl -F)' })
      .refine((f) => ['raw', 'json', 'form-urlencoded'].includes(f), { error: 'must be one of raw, json, form-urlencoded' })
      .optional(),
    status_code: statusCodes.optional(),
    return_content: flag.optional(),
    follow_redirects: z.enum(['all', 'no', 'none', 'safe', 'urllib2', 'yes']).optional(),
    /** Skip the request when this path exists on the host. */
    creates: absolutePath.optional(),
    /** Skip the request when this path does not exist. */
    removes: absolutePath.optional(),
    /** Ansible's `user`/`password` aliases of url_username/url_password. */
    user: z.string().optional(),
    password: urlArgsShape.url_password,
    ...urlArgsShape,
    decompress: z.literal(true, { error: 'decompress: false is not supported here: curl decompresses what it asked for; use a command task' }).optional(),
    ...refusedArgs({
      dest: 'use get_url to download to a file',
      src: 'give the body (body: "{{ lookup(\'file\', ...) }}")',
      remote_src: 'give the body',
      unix_socket: 'use a command task (curl --unix-socket)',
      ca_path: 'the host\'s CA store is used; use a command task (curl --cacert)',
      mode: 'uri writes no file here (dest is not supported)',
      owner: 'uri writes no file here (dest is not supported)',
      group: 'uri writes no file here (dest is not supported)',
      attributes: 'uri writes no file here (dest is not supported)',
    }),
  })
  .strict()
  .refine((a) => a.body_format !== 'form-urlencoded' || a.body === undefined || typeof a.body === 'string' || typeof a.body === 'object', {
    error: 'failed to parse body as form_urlencoded: give a mapping or a list of pairs',
    path: ['body'],
  })
  .superRefine(noAliasConflicts({ user: 'url_username', password: 'url_password' }));

export type UriArgs = z.output<typeof uriArgsSchema>;
