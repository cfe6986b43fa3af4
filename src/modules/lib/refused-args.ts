// Ansible arguments a module knows but does not implement: refused at load, saying what to do instead.
import * as z from 'zod';

/**
 * Schema keys for `reasons` (argument -> what to write instead): absent they pass, given they fail
 * with `ARG is not supported here: REASON`, located at the argument, rather than being ignored.
 */
export function refusedArgs<K extends string>(reasons: Readonly<Record<K, string>>): Record<K, z.ZodOptional<z.ZodNever>> {
  const shape = {} as Record<K, z.ZodOptional<z.ZodNever>>;
  for (const [arg, reason] of Object.entries(reasons) as Array<[K, string]>) {
    shape[arg] = z.never({ error: `${arg} is not supported here: ${reason}` }).optional();
  }
  return shape;
}
