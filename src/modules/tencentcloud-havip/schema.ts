// Args of `tencentcloud_havip`: a HAVIP found by name, with its VPC, subnet and address.
import * as z from 'zod';

const ipv4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, { error: 'must be an IPv4 address like 10.0.4.99' });

export const havipArgsSchema = z
  .object({
    /** The HAVIP's name: how it is found again (1-60 characters on Tencent Cloud). */
    name: z.string().min(1).max(60),
    vpc_id: z.string().regex(/^vpc-/, { error: 'must be a VPC id like vpc-2ari9m7h' }).optional(),
    subnet_id: z.string().regex(/^subnet-/, { error: 'must be a subnet id like subnet-9ar4ld2c' }).optional(),
    /** The virtual address; omitted, the cloud picks one in the subnet. */
    vip: ipv4.optional(),
    /** Default: TENCENTCLOUD_REGION. */
    region: z.string().min(1).optional(),
    state: z.enum(['present', 'absent']).default('present'),
  })
  .strict()
  .refine((args) => args.state === 'absent' || (args.vpc_id !== undefined && args.subnet_id !== undefined), {
    error: 'a present HAVIP needs vpc_id and subnet_id (the VPC and subnet of the hosts that share the address)',
    path: ['vpc_id'],
  });

export type HavipArgs = z.infer<typeof havipArgsSchema>;

/** What applyApi needs, carried in each change's payload. */
export type HavipPayload =
  | { region?: string; params: { HaVipName: string; VpcId: string; SubnetId: string; Vip?: string } }
  | { region?: string; params: { HaVipId: string }; name: string };
