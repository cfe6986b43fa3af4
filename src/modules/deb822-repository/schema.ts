// Args of `deb822_repository` (ansible.builtin.deb822_repository, ansible-core 2.15's): one repository as a deb822 .sources file.
import * as z from 'zod';
import { fileMode, flag } from '../lib/arg-types.js';

/** Ansible's type='list' of str: a list, or a comma-separated string; numbers as their text. */
const list = z
  .union([z.array(z.union([z.string(), z.number()])), z.string(), z.number()])
  .transform((v) => (Array.isArray(v) ? v.map(String) : String(v).split(',')));

/** The deb822 fields the module writes, by the argument that gives each (types has its default). */
const fields = {
  allow_downgrade_to_insecure: flag.optional(),
  allow_insecure: flag.optional(),
  allow_weak: flag.optional(),
  architectures: list.optional(),
  by_hash: flag.optional(),
  check_date: flag.optional(),
  check_valid_until: flag.optional(),
  components: list.optional(),
  date_max_future: z.coerce.number().int().optional(),
  enabled: flag.optional(),
  inrelease_path: z.string().optional(),
  languages: list.optional(),
  name: z.string().min(1),
  pdiffs: flag.optional(),
  signed_by: z
    .string()
    .refine((v) => !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(v), { error: 'a URL is fetched by the module over the network: download the key first (get_url to /etc/apt/keyrings/NAME.asc), then give that path' })
    .optional(),
  suites: list.optional(),
  targets: list.optional(),
  trusted: flag.optional(),
  types: list.pipe(z.array(z.enum(['deb', 'deb-src']))).default(['deb']),
  uris: list.optional(),
};

export const FIELD_ARGS = Object.keys(fields) as ReadonlyArray<keyof typeof fields>;

export const deb822RepositoryArgsSchema = z
  .object({
    ...fields,
    mode: fileMode.default('0644'),
    state: z.enum(['present', 'absent']).default('present'),
    // python3-debian is what Ansible's module runs on (it installs it when missing); runbook writes the file itself.
    install_python_debian: flag.default(true),
  })
  .strict();

export type Deb822RepositoryArgs = z.infer<typeof deb822RepositoryArgsSchema>;
