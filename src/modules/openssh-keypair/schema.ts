// Args of `openssh_keypair` (community.crypto 2.14, its ssh-keygen backend): a key pair at path, its type and size,
// when to make it again, and the files' attributes.
import * as z from 'zod';
import { absolutePath, fileAttrsShape, flag } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';

const NO_ATTRIBUTES = 'set it with a command task (chattr, chcon)';

/** Ansible's int: a number, or a string of digits (what a template renders). */
const bits = z.union([z.number().int(), z.string().regex(/^\s*\d+\s*$/).transform(Number)]);

export const opensshKeypairArgsSchema = z
  .object({
    /** The private key; the public key is PATH.pub. */
    path: absolutePath,
    type: z.enum(['rsa', 'dsa', 'ecdsa', 'ed25519'], { error: 'type must be one of rsa, dsa, ecdsa, ed25519 (rsa1 keys of SSH protocol 1: ssh-keygen no longer makes them)' }).default('rsa'),
    size: bits.optional(),
    state: z.enum(['present', 'absent']).default('present'),
    /** Make the key again whatever it is (regenerate: always). */
    force: flag.default(false),
    comment: z.string().optional(),
    regenerate: z.enum(['never', 'fail', 'partial_idempotence', 'full_idempotence', 'always']).default('partial_idempotence'),
    /** Ansible's backends: runbook always runs ssh-keygen on the host, as `auto` does when ssh-keygen is there and no passphrase is given. */
    backend: z.enum(['auto', 'opensshbin'], { error: "backend must be auto or opensshbin: runbook runs ssh-keygen on the host (the cryptography backend is Python's)" }).default('auto'),
    private_key_format: z.literal('auto', { error: "'auto' is the only valid option for 'private_key_format' when 'backend' is not 'cryptography'" }).default('auto'),
    ...fileAttrsShape,
    unsafe_writes: z.literal(false, { error: 'unsafe_writes is not supported here: the keys are always moved into place' }).optional(),
    ...refusedArgs({
      passphrase: "a passphrase-protected key takes Ansible's cryptography backend, which runbook does not have; make it with a command task (ssh-keygen -N ...) and no_log",
      attributes: NO_ATTRIBUTES, seuser: NO_ATTRIBUTES, serole: NO_ATTRIBUTES, setype: NO_ATTRIBUTES, selevel: NO_ATTRIBUTES,
    }),
  })
  .strict()
  .superRefine((args, ctx) => {
    const problem = sizeProblem(args.type, args.size);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['size'], message: problem });
  });

export type OpensshKeypairArgs = z.infer<typeof opensshKeypairArgsSchema>;

/** The key's bits, as the module's _get_size decides them (ed25519 is always 256). */
export function keySize(args: Pick<OpensshKeypairArgs, 'type' | 'size'>): number {
  switch (args.type) {
    case 'rsa':
      return args.size ?? 4096;
    case 'dsa':
      return args.size ?? 1024;
    case 'ecdsa':
      return args.size ?? 256;
    case 'ed25519':
      return 256;
  }
}

/** The module's _get_size failures, with its messages. */
function sizeProblem(type: OpensshKeypairArgs['type'], size: number | undefined): string | undefined {
  const bits = keySize({ type, size });
  if (type === 'rsa' && bits < 1024) return 'For RSA keys, the minimum size is 1024 bits and the default is 4096 bits. Attempting to use bit lengths under 1024 will cause the module to fail.';
  if (type === 'dsa' && bits !== 1024) return 'DSA keys must be exactly 1024 bits as specified by FIPS 186-2.';
  if (type === 'ecdsa' && ![256, 384, 521].includes(bits)) {
    return 'For ECDSA keys, size determines the key length by selecting from one of three elliptic curve sizes: 256, 384 or 521 bits. Attempting to use bit lengths other than these three values for ECDSA keys will cause this module to fail.';
  }
  return undefined;
}
