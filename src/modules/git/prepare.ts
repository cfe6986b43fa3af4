// The git task as it runs: the repository as the module normalizes it (a path as file://), and the ssh command its options make.
import type { GitArgs } from './schema.js';

export interface PreparedGit {
  git: string;
  repo: string;
  dest: string;
  version: string;
  remote: string;
  force: boolean;
  update: boolean;
  clone: boolean;
  depth?: number;
  bare: boolean;
  singleBranch: boolean;
  recursive: boolean;
  /** GIT_SSH_COMMAND, when an option asks for one (set_git_ssh_env, git >= 2.3). */
  ssh?: string;
}

/** set_git_ssh_env's command: ssh_opts, the host key choice, BatchMode, then the key file. */
function sshCommand(args: GitArgs): string | undefined {
  let opts = args.ssh_opts ?? '';
  if (args.accept_hostkey && !opts.includes('StrictHostKeyChecking=no')) opts += ' -o StrictHostKeyChecking=no';
  if (args.accept_newhostkey && !/StrictHostKeyChecking=(no|accept-new)/.test(opts)) opts += ' -o StrictHostKeyChecking=accept-new';
  if (!opts.includes('BatchMode=yes')) opts += ' -o BatchMode=yes';
  if (args.key_file !== undefined) {
    if (!opts.includes(`-i ${args.key_file}`)) opts += `  -i ${args.key_file}`;
    if (!opts.includes('IdentitiesOnly=yes')) opts += ' -o IdentitiesOnly=yes';
  }
  return `ssh ${opts}`;
}

export function prepareGit(args: GitArgs): PreparedGit {
  const written = (args.repo ?? args.name)!;
  return {
    git: args.executable ?? 'git',
    // Certain features such as depth need file:// for a path (the module's own words).
    repo: written.startsWith('/') ? `file://${written}` : written,
    dest: args.dest.replace(/\/+$/, '') || '/',
    version: args.version,
    remote: args.remote,
    force: args.force,
    update: args.update,
    clone: args.clone,
    ...(args.depth !== undefined ? { depth: args.depth } : {}),
    bare: args.bare,
    singleBranch: args.single_branch,
    recursive: args.recursive,
    ssh: sshCommand(args),
  };
}
