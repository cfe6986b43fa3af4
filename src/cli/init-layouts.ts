// What `runbook init` writes: a role's folders (as ansible-galaxy init, without its extras) and a project around one.
import type { SchemaKind } from '../reference/editor-schemas.js';

/** One file to write: its path in the new layout, its text, and the schema its editor line names (if any). */
export interface LayoutFile {
  path: string;
  text: string;
  schema?: SchemaKind;
}

export function roleLayout(name: string, base = ''): LayoutFile[] {
  const at = (p: string) => `${base}${name}/${p}`;
  return [
    {
      path: at('README.md'),
      text: `# Role ${name}\n\nWhat it does, and the variables it reads (defaults/main.yaml lists them with their defaults).\n\n\`\`\`yaml\nroles:\n  - role: ${name}\n    ${name}_message: "hello"\n\`\`\`\n`,
    },
    {
      path: at('defaults/main.yaml'),
      schema: 'defaults',
      text: `# The role's variables with their defaults: the lowest precedence (inventory, play vars,\n# role parameters and -e all win over these).\n${name}_message: managed by runbook\n`,
    },
    {
      path: at('tasks/main.yaml'),
      schema: 'tasks',
      text: `# The role's tasks, in order. \`runbook doc\` lists the modules; \`runbook doc MODULE\` shows one.\n- name: ${name} config\n  template:\n    src: ${name}.conf.njk               # from templates/\n    dest: /etc/${name}.conf\n    mode: "0644"\n  notify: ${name} changed\n`,
    },
    {
      path: at('handlers/main.yaml'),
      schema: 'handlers',
      text: `# Run once at the end of the play, when a task that notifies them changed something.\n- name: ${name} changed\n  command: logger "${name} config changed"\n`,
    },
    {
      path: at(`templates/${name}.conf.njk`),
      text: `# {{ inventory_hostname }}: written by runbook (role ${name})\nmessage = {{ ${name}_message }}\n`,
    },
  ];
}

export function projectLayout(): LayoutFile[] {
  return [
    {
      path: 'README.md',
      text: `# Runbooks\n\n- \`runbooks/\`: what to apply where; \`roles/\`: reusable parts; \`inventory/hosts.yaml\`: the hosts.\n\n\`\`\`sh\nnpx runbook validate runbooks/site.yaml   # load and check, no host contacted\nnpx runbook plan runbooks/site.yaml       # what would change, with diffs\nnpx runbook apply runbooks/site.yaml      # the plan, then apply it\n\`\`\`\n`,
    },
    {
      path: 'runbooks/site.yaml',
      schema: 'runbook',
      text: `# The whole site: plays in order; \`- import: other.yaml\` pulls in another runbook.\n- name: base\n  hosts: all\n  roles:\n    - role: motd\n      motd_message: "managed by runbook"\n`,
    },
    {
      path: 'inventory/hosts.yaml',
      schema: 'inventory',
      text: `# The default inventory. As written it is the embedded lab (\`npx runbook lab up\`): two hosts\n# behind loopback forwards. Replace it with your own hosts (Ansible's YAML inventory shape).\nall:\n  vars:\n    user: root\n    identity_file: /var/tmp/runbook-lab/id_ed25519\n    known_hosts_file: /var/tmp/runbook-lab/known_hosts\n  children:\n    web:\n      hosts:\n        lab-h0: { host: 127.0.0.1, port: 2220, address: 10.0.4.20 }\n        lab-h1: { host: 127.0.0.1, port: 2221, address: 10.0.4.21 }\n`,
    },
    ...roleLayout('motd', 'roles/').map((file) =>
      file.path.endsWith('tasks/main.yaml')
        ? { ...file, text: file.text.replace('dest: /etc/motd.conf', 'dest: /etc/motd') }
        : file,
    ),
  ];
}
