// Args of `service_facts` (Ansible's): none.
import * as z from 'zod';

export const serviceFactsArgsSchema = z.object({}).strict();

export type ServiceFactsArgs = z.infer<typeof serviceFactsArgsSchema>;
