// Args of `tencentcloud_eip`: an elastic public IP found by name, optionally bound to a HAVIP.
import * as z from 'zod';

export const eipArgsSchema = z
  .object({
    /** The EIP's name (AddressName): how it is found again. */
    name: z.string().min(1).max(128),
    /** Default: TENCENTCLOUD_REGION. */
    region: z.string().min(1).optional(),
    /** Name of the HAVIP to bind the EIP to. */
    havip: z.string().min(1).max(60).optional(),
    state: z.literal('present', { error: 'only state: present is supported (release EIPs in the console)' }).default('present'),
    /** Seconds to wait for the asynchronous binding. */
    bind_timeout: z.number().int().positive().default(60),
  })
  .strict();

export type EipArgs = z.infer<typeof eipArgsSchema>;

export interface AllocatePayload {
  region?: string;
  name: string;
}

export interface BindPayload {
  region?: string;
  addressName: string;
  haVipName: string;
  timeoutMs: number;
}
