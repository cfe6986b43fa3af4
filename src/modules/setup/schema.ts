// Args of `setup` (Ansible's fact gathering): which facts to gather is the engine's to decide here.
import * as z from 'zod';
import { refused } from '../lib/arg-types.js';

export const setupArgsSchema = z
  .object({
    /** Accepted as written; every fact a task reads is gathered, in the host's one fact exec. */
    gather_subset: z.union([z.string(), z.array(z.string())]).optional(),
    gather_timeout: z.coerce.number().int().positive().optional(),
    filter: refused('every fact is there for the tasks that read it: leave filter out'),
    fact_path: refused('local facts (facts.d) are not read: use a command task and register its output'),
  })
  .strict();

export type SetupArgs = z.infer<typeof setupArgsSchema>;
