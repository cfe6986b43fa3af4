// The `ini_file` module: community.general's (6.x), one option of an INI file, planned from the file's fact.
import type { HostModule } from '../../core/module.js';
import { withSelinuxContext } from '../lib/selinux-context.js';
import { editedFileFacts } from '../lib/plan-edited-file.js';
import { planIniFile } from './plan.js';
import { iniFileArgsSchema, type IniFileArgs } from './schema.js';

export const iniFileModule: HostModule<IniFileArgs> = withSelinuxContext({
  name: 'ini_file',
  aliases: ['community.general.ini_file'],
  summary: "community.general's ini_file: set or remove an option (or a section) of an INI file",
  example: `- name: php memory limit
  ini_file:
    path: /etc/php/8.2/fpm/php.ini
    section: PHP
    option: memory_limit
    value: 256M\n`,
  target: 'host',
  schema: iniFileArgsSchema,
  facts: (args) => editedFileFacts(args.path, args.create),
  plan: planIniFile,
});
