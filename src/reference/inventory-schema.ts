// The JSON Schema of a YAML inventory (Ansible's shape: groups of vars, hosts and children) and of role defaults.
import { CONNECTION_ALIASES } from '../inventory/connection-spec.js';
import { JSON_SCHEMA_DIALECT, type JsonSchema } from './json-schema.js';

const DIGITS = (min: number, max?: number): JsonSchema => ({
  anyOf: [{ type: 'integer', minimum: min, ...(max ? { maximum: max } : {}) }, { type: 'string', pattern: '^\\d+$' }],
});
const ANSIBLE_BOOLEAN: JsonSchema = {
  anyOf: [{ type: 'boolean' }, { enum: [0, 1] }, { type: 'string', pattern: '^\\s*([YyNnTtFf]|[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|0|1)\\s*$' }],
};
const TEXT: JsonSchema = { type: ['string', 'number'] };

/** The connection variables (DESIGN.md "Inventory"), typed as connection-spec.ts reads them. */
const CONNECTION_VARS: Record<string, JsonSchema> = {
  host: { ...TEXT, description: 'where to connect (default: the host name)' },
  port: { ...DIGITS(1, 65535), description: 'SSH port (22)' },
  user: TEXT,
  identity_file: { ...TEXT, description: 'private key; relative to the inventory, ~ for home' },
  password: { type: 'string', description: 'a secret: password: !secret "..." or !env NAME' },
  become: { ...ANSIBLE_BOOLEAN, description: 'run tasks through sudo -n' },
  become_user: TEXT,
  known_hosts_file: TEXT,
  host_key_checking: { anyOf: [{ enum: ['strict', 'accept-new', 'off'] }, ANSIBLE_BOOLEAN], description: 'strict (default), accept-new or off' },
  proxy_jump: TEXT,
  connection: { enum: ['ssh', 'local', 'smart', 'paramiko', 'paramiko_ssh', 'ansible.builtin.ssh', 'ansible.builtin.paramiko_ssh', 'ansible.builtin.local'] },
  address: { ...TEXT, description: 'the private address configs refer to (default: host)' },
  timeout: { ...DIGITS(1), description: 'connect timeout and silent-peer bound, seconds' },
  keepalive_interval: { anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string', pattern: '^\\d+(\\.\\d+)?$' }] },
  keepalive_count_max: DIGITS(1),
};

/** Variables: the connection ones typed (and their Ansible names, as aliases of them), any other free. */
const VARS: JsonSchema = {
  type: ['object', 'null'],
  properties: {
    ...CONNECTION_VARS,
    ...Object.fromEntries(Object.entries(CONNECTION_ALIASES).map(([alias, ours]) => [alias, { ...CONNECTION_VARS[ours], description: `Ansible's name for ${ours}` }])),
  },
};

export function inventorySchema(): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: 'runbook inventory (Ansible YAML inventory)',
    type: ['object', 'null'],
    properties: { all: { $ref: '#/definitions/group' } },
    additionalProperties: { $ref: '#/definitions/group' },
    definitions: {
      vars: VARS,
      group: {
        type: ['object', 'null'],
        properties: {
          vars: { $ref: '#/definitions/vars' },
          hosts: {
            description: 'host name (or pattern such as web[01:03]) -> its variables',
            anyOf: [{ type: 'string' }, { type: 'null' }, { type: 'object', additionalProperties: { $ref: '#/definitions/vars' } }],
          },
          children: {
            description: 'group name -> group',
            anyOf: [{ type: 'string' }, { type: 'null' }, { type: 'object', additionalProperties: { $ref: '#/definitions/group' } }],
          },
        },
        additionalProperties: false,
      },
    },
  };
}

/** A role's defaults/main.yaml: variable names to values, or an empty file. */
export function defaultsSchema(): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: "runbook role defaults (the role's lowest-precedence variables)",
    type: ['object', 'null'],
  };
}
