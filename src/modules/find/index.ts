// The `find` module (Ansible's): the paths under folders that pass name, content, type, age and size filters, for `register:`; changes nothing.
import type { HostModule } from '../../core/module.js';
import { findFacts, planFind } from './plan.js';
import { findArgsSchema, type FindArgs } from './schema.js';

export const findModule: HostModule<FindArgs> = {
  name: 'find',
  summary: "List the files under folders that match names, content, type, age or size (Ansible's result shape) for register:",
  example: `- name: old PHP extension configs
  find:
    paths: /etc/php/8.2/fpm/conf.d
    patterns: "*.ini"
    contains: 'zend_extension\\s*=\\s*opcache\\.so'
  register: opcache_confs\n`,
  target: 'host',
  schema: findArgsSchema,
  facts: findFacts,
  plan: planFind,
};
