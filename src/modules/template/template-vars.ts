// The variables Ansible's template action gives a template over the task's (generate_ansible_template_vars), at its defaults.
import { hostname } from 'node:os';

/**
 * `ansible_managed` (ansible.cfg's default "Ansible managed": runbook reads no ansible.cfg), `template_host`,
 * `template_path` (src as written), `template_fullpath`, `template_destpath`. `template_run_date`, `template_mtime`
 * and `template_uid` are left undefined: the first two would make every run's content differ.
 */
export function ansibleTemplateVars(src: string, fullPath: string, dest: string): Record<string, unknown> {
  return { ansible_managed: 'Ansible managed', template_host: hostname(), template_path: src, template_fullpath: fullPath, template_destpath: dest };
}
