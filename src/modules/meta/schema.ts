// Args of `meta` as a task (Ansible's free form): the actions that run as tasks; flush_handlers is read where it stands (runbook/read-task-list.ts).
import * as z from 'zod';

export const metaArgsSchema = z
  .object({
    free_form: z.enum(['end_host', 'end_play', 'noop'], {
      error: 'meta: takes end_host, end_play, noop or flush_handlers here',
    }),
  })
  .strict();

export type MetaArgs = z.infer<typeof metaArgsSchema>;
