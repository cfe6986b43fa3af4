// The `template` module: render a Nunjucks file locally, write it to the host when it differs.
import type { HostModule } from '../../core/module.js';
import { withSelinuxContext } from '../lib/selinux-context.js';
import { sha256Hex } from '../../core/sha256.js';
import { DEFAULT_TEMPLATE_OPTIONS } from '../../core/template-options.js';
import { planTemplate } from './plan.js';
import { ansibleTemplateVars } from './template-vars.js';
import { templateArgsSchema, templateOptions, type PreparedTemplate, type TemplateArgs } from './schema.js';

export const templateModule: HostModule<TemplateArgs, PreparedTemplate> = withSelinuxContext({
  name: 'template',
  summary: 'Render a Nunjucks template locally and write it to a file on the host',
  example: `- name: site config
  template:
    src: site.conf.njk
    dest: /etc/nginx/conf.d/site.conf
    mode: "0644"
    validate: nginx -t
  notify: reload nginx\n`,
  target: 'host',
  schema: templateArgsSchema,
  prepare(args, ctx) {
    const source = ctx.readSource(args.src);
    const rendered = ctx.render(source.content.toString('utf8'), source.path, ansibleTemplateVars(args.src, source.path, args.dest), templateOptions(args, DEFAULT_TEMPLATE_OPTIONS));
    return { ...args, content: Buffer.from(rendered, 'utf8'), srcPath: source.path };
  },
  facts: (args) => [{ kind: 'file', path: args.dest, expectSha256: sha256Hex(args.content) }],
  plan: planTemplate,
});
