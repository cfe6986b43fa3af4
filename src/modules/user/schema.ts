// Args of `user`: a local account and its attributes, or its removal, as Ansible's user module takes them (Linux).
import * as z from 'zod';
import { isSecret } from '../../core/secret.js';
import { absolutePath, accountName, flag, noAliasConflicts, textOrSecret } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';

/** Ansible's `groups`: a list, or a comma-separated string; empty means "no supplementary groups". */
const groupList = z
  .union([z.string(), z.array(z.string())])
  .transform((groups) => [...new Set((Array.isArray(groups) ? groups : [groups]).flatMap((g) => g.split(',')).map((g) => g.trim()).filter((g) => g !== ''))])
  .pipe(z.array(accountName));

/** A crypt(3) hash (`$6$salt$...`) or a locked/disabled marker; a colon or newline would break /etc/shadow. */
const CRYPT_HASH = /^(?:[*!]+|!*\$[^\s:]+)$/;

/** Ansible's int: a number or its text (a template renders one); -1 clears the field. */
const expireDays = z.coerce.number().int().min(-1);

const NO_SSH_KEYS = 'generate keys with a command task (ssh-keygen ... creates: KEYFILE)';

export const userArgsSchema = z
  .object({
    name: accountName,
    state: z.enum(['present', 'absent']).default('present'),
    uid: z.coerce.number().int().nonnegative().optional(),
    /** With uid: a uid another account already has (-o). */
    non_unique: flag.default(false),
    /** The primary group, by name or gid. */
    group: z.union([accountName, z.number().int().nonnegative().transform(String)]).optional(),
    groups: groupList.optional(),
    /** Add `groups` to the account's, rather than making them its only supplementary groups. */
    append: flag.default(false),
    comment: z.string().optional(),
    home: absolutePath.optional(),
    shell: z.string().optional(),
    /** A crypt hash (openssl passwd -6 makes one); only its change is shown, never its value. */
    password: textOrSecret
      .refine((p) => isSecret(p) || CRYPT_HASH.test(p), { error: 'password takes a crypt hash like $6$salt$..., as /etc/shadow holds it (make one with the password_hash filter or openssl passwd -6)' })
      .optional(),
    update_password: z.enum(['always', 'on_create']).default('always'),
    /** Default true; `createhome` is Ansible's other name for it. */
    create_home: flag.optional(),
    createhome: flag.optional(),
    /** The folder copied into a new home (useradd -k); default /etc/skel. */
    skeleton: absolutePath.optional(),
    /** With a new `home`: move the old one's contents there (usermod -m). */
    move_home: flag.default(false),
    system: flag.default(false),
    /** state absent: also remove the home and mail spool (userdel -r). */
    remove: flag.default(false),
    /** state absent: remove even while logged in (userdel -f). */
    force: flag.default(false),
    /** Days a password may be used (chage -M; -1: no limit). */
    password_expire_max: expireDays.optional(),
    /** Days before a password may be changed again (chage -m). */
    password_expire_min: expireDays.optional(),
    /** Days of warning before a password expires (chage -W; ansible-core 2.16's argument). */
    password_expire_warn: expireDays.optional(),
    ...refusedArgs({
      user: 'write name',
      generate_ssh_key: NO_SSH_KEYS,
      ssh_key_bits: NO_SSH_KEYS,
      ssh_key_type: NO_SSH_KEYS,
      ssh_key_file: NO_SSH_KEYS,
      ssh_key_comment: NO_SSH_KEYS,
      ssh_key_passphrase: NO_SSH_KEYS,
      expires: 'set it with a command task (chage -E)',
      password_lock: 'lock or unlock with a command task (usermod -L, usermod -U)',
      local: 'only useradd/usermod/userdel are used (no luseradd): leave it out',
      seuser: 'SELinux users are not managed: use a command task (semanage login)',
      umask: 'a new home gets the mode login.defs gives it',
      login_class: 'a BSD option: Linux accounts have no login class',
      hidden: 'a macOS option',
      profile: 'an illumos option',
      authorization: 'an illumos option',
      role: 'an illumos option',
    }),
  })
  .strict()
  .refine((args) => !args.non_unique || args.uid !== undefined, { error: 'non_unique needs a uid', path: ['non_unique'] })
  .superRefine(noAliasConflicts({ createhome: 'create_home' }))
  .transform(({ createhome, create_home, ...args }) => ({ ...args, create_home: create_home ?? createhome ?? true }));

export type UserArgs = z.infer<typeof userArgsSchema>;
