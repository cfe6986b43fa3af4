// Plans `pam_limits`: the file's new content from its fact (pam_limits.py's line loop), written with a diff.
import { dirname } from 'node:path';
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { planEditedFile } from '../lib/plan-edited-file.js';
import { PlanError } from '../lib/plan-error.js';
import { editLimits, LimitsFileError } from './edit-limits.js';
import type { PamLimitsArgs } from './schema.js';

/** The file, and its folder: a missing file is created, in a folder that must exist. */
export function pamLimitsFacts(args: PamLimitsArgs): FactRequest[] {
  return [{ kind: 'file', path: args.dest }, { kind: 'file', path: dirname(args.dest) }];
}

export function planPamLimits(args: PamLimitsArgs, facts: FactSet): TaskPlan {
  const file = facts.get({ kind: 'file', path: args.dest });
  if (!file.exists) {
    const folder = facts.get({ kind: 'file', path: dirname(args.dest) });
    if (folder.type !== 'directory') throw new PlanError(`directory ${folder.path} is not writable (check presence, access rights, use sudo)`);
  }
  const request = { domain: args.domain, type: args.limit_type, item: args.limit_item, value: args.value, useMax: args.use_max, useMin: args.use_min, comment: args.comment };
  return planEditedFile({ path: args.dest, backup: args.backup }, facts, {
    module: 'pam_limits',
    missing: 'create',
    edit: (text) => {
      try {
        return editLimits(text, request, args.dest);
      } catch (error) {
        if (error instanceof LimitsFileError) throw new PlanError(error.message);
        throw error;
      }
    },
  });
}
