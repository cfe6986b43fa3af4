// The `cron` module: one job or variable of a user's crontab or of a cron.d file, marked `#Ansible: NAME` (ansible.builtin.cron).
import type { HostModule } from '../../core/module.js';
import { cronFacts, planCron } from './plan.js';
import { cronArgsSchema, type CronArgs } from './schema.js';

export const cronModule: HostModule<CronArgs> = {
  name: 'cron',
  summary: "Manage a job or variable in a user's crontab or a cron.d file, as ansible.builtin.cron writes them",
  example: `- name: nightly backup
  cron:
    name: backup
    user: root
    minute: 30
    hour: 2
    job: /usr/local/bin/backup >/dev/null 2>&1\n`,
  target: 'host',
  schema: cronArgsSchema,
  facts: cronFacts,
  plan: planCron,
};
