// Args of `http`: a health check by URL, for `verify:` after a batch or as a task.
import * as z from 'zod';

export const httpArgsSchema = z
  .object({
    url: z.string().regex(/^https?:\/\//, { error: 'must start with http:// or https://' }),
    /** Expected status code(s). */
    status: z.union([z.number().int(), z.array(z.number().int()).min(1)]).default(200),
    /** Text the body must contain. */
    body_contains: z.string().optional(),
    /** Request headers, e.g. { Host: iam.api.marmotedu.com }. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Seconds per attempt. */
    timeout: z.number().positive().default(5),
    /** More attempts after the first, `delay` seconds apart, before the check fails. */
    retries: z.number().int().min(0).default(0),
    delay: z.number().min(0).default(1),
  })
  .strict();

export type HttpArgs = z.infer<typeof httpArgsSchema>;
