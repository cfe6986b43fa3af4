// The `git` module (ansible.builtin): a repository checked out at dest, at a branch, tag or commit, planned from the one fact exec.
import type { ScriptModule } from '../../core/module.js';
import { applyGit, gitFacts, planGit } from './plan.js';
import { prepareGit, type PreparedGit } from './prepare.js';
import { gitArgsSchema, type GitArgs } from './schema.js';

// A script module: its run is one exec that reports HEAD after it (Ansible's `after`), which a
// command change could not register. The plan reads nothing beyond the fact exec (the checkout and
// `git ls-remote` of the repository, as the module runs ls-remote on every run); the run reads the
// checkout again first (one exec), so it acts on the host as it is.
export const gitModule: ScriptModule<GitArgs, PreparedGit> = {
  name: 'git',
  summary: 'Check out a git repository at dest (a branch, tag or commit), cloning it when missing',
  example: `- name: the site's code
  git:
    repo: https://git.example.com/site.git
    dest: /srv/site
    version: v1.4.2\n`,
  target: 'script',
  schema: gitArgsSchema,
  prepare: prepareGit,
  facts: gitFacts,
  planScript: planGit,
  applyScript: applyGit,
};
