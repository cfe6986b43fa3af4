// Plans `ini_file`: the whole new content from the file's fact (ini_file's decision), written with a diff.
import type { FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { planEditedFile } from '../lib/plan-edited-file.js';
import { editIni } from './edit-ini.js';
import type { IniFileArgs } from './schema.js';

export function planIniFile(args: IniFileArgs, facts: FactSet): TaskPlan {
  const request = {
    section: args.section,
    option: args.option,
    values: args.values,
    state: args.state,
    exclusive: args.exclusive,
    noExtraSpaces: args.no_extra_spaces,
    allowNoValue: args.allow_no_value,
  };
  return planEditedFile(args, facts, {
    module: 'ini_file',
    missing: args.create ? 'create' : 'fail',
    edit: (text) => editIni(text, request),
  });
}
