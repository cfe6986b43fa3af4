// Args of `git` (ansible.builtin 2.14): a repository checked out (or cloned bare) at dest, at a branch, tag or commit.
import * as z from 'zod';
import { absolutePath, flag, refused } from '../lib/arg-types.js';

export const gitArgsSchema = z
  .object({
    /** A path of the host, a file:// URL, or an ssh/https URL. */
    repo: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    dest: absolutePath,
    version: z.union([z.string().min(1), z.number().transform(String)]).default('HEAD'),
    remote: z.string().min(1).default('origin'),
    force: flag.default(false),
    update: flag.default(true),
    clone: flag.default(true),
    /** A number, or the text a template renders (`"{{ clone_depth }}"`). */
    depth: z.union([z.number(), z.string().regex(/^\d+$/, { error: 'must be a whole number' }).transform(Number)]).pipe(z.number().int().positive()).optional(),
    bare: flag.default(false),
    single_branch: flag.default(false),
    recursive: flag.default(true),
    accept_hostkey: flag.default(false),
    accept_newhostkey: flag.default(false),
    key_file: z.string().min(1).optional(),
    ssh_opts: z.string().optional(),
    /** The git program (a path), as Ansible's `executable`. */
    executable: z.string().min(1).optional(),
    refspec: refused('fetch the refspec with a command task (git fetch REMOTE REFSPEC) after the checkout'),
    reference: refused('clone with a command task (git clone --reference ...), guarded by creates:'),
    verify_commit: flag.refine((v) => !v, { error: 'true is not supported here: verify signatures with a command task (git verify-commit)' }).optional(),
    gpg_whitelist: refused('verify_commit is not supported here'),
    track_submodules: flag.refine((v) => !v, { error: 'true is not supported here: update the submodules with a command task (git submodule update --remote)' }).optional(),
    umask: refused('set the mode of the checkout afterwards with the file module'),
    archive: refused('make the archive with a command task (git archive) after the checkout'),
    archive_prefix: refused('make the archive with a command task (git archive) after the checkout'),
    separate_git_dir: refused('clone with a command task (git clone --separate-git-dir ...), guarded by creates:'),
  })
  .strict()
  .refine((a) => (a.repo === undefined) !== (a.name === undefined), { error: 'give repo (or its alias name) exactly once', path: ['repo'] })
  .refine((a) => !(a.accept_hostkey && a.accept_newhostkey), { error: 'parameters are mutually exclusive: accept_hostkey|accept_newhostkey', path: ['accept_newhostkey'] });

export type GitArgs = z.infer<typeof gitArgsSchema>;
