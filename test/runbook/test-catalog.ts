// A small module catalog for loader tests: real zod schemas shaped like the engine's modules.
import { z } from 'zod';
import type { HostModule, ModuleCatalog } from '../../src/core/module.js';
import { metaModule } from '../../src/modules/meta/index.js';
import { catalogOf } from '../../src/modules/registry.js';

const mode = z.string().regex(/^0?[0-7]{3,4}$/, 'mode must be an octal string such as "0644"');
const attrs = { mode: mode.optional(), owner: z.string().optional(), group: z.string().optional() };

const schemas = {
  template: z.object({ src: z.string(), dest: z.string(), ...attrs, validate: z.string().optional(), backup: z.boolean().optional() }).strict(),
  copy: z
    .object({ content: z.string().optional(), src: z.string().optional(), dest: z.string(), ...attrs, validate: z.string().optional(), backup: z.boolean().optional() })
    .strict(),
  command: z
    .object({
      cmd: z.string(),
      creates: z.string().optional(),
      removes: z.string().optional(),
      unless: z.string().optional(),
      changed_when: z.string().optional(),
      failed_when: z.string().optional(),
    })
    .strict(),
  service: z.object({ name: z.string(), state: z.enum(['started', 'stopped', 'restarted', 'reloaded']).optional(), enabled: z.boolean().optional() }).strict(),
  line: z.object({ path: z.string(), line: z.string(), state: z.enum(['present', 'absent']).optional(), regexp: z.string().optional() }).strict(),
  file: z.object({ path: z.string(), state: z.enum(['file', 'directory', 'absent']).optional(), ...attrs }).strict(),
  wait_for: z.object({ port: z.number().int(), host: z.string().optional(), timeout: z.number().optional() }).strict(),
};

/** The loader's view of these modules (and the real meta), through the real catalog (aliases, ansible.builtin. names, hints). */
export function testCatalog(): ModuleCatalog {
  const modules = Object.entries(schemas).map(
    ([name, schema]): HostModule<any> => ({
      name,
      summary: `${name} (test)`,
      target: 'host',
      schema,
      ...(name === 'command' ? { freeForm: { arg: 'cmd', inlineOptions: ['creates', 'removes'] } } : {}),
      facts: () => [],
      plan: () => ({ status: 'unchanged', reason: 'loader tests never plan' }),
    }),
  );
  return catalogOf([...modules, metaModule]);
}
