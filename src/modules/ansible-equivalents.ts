// Ansible modules that are not here but whose job one of ours does, under its own name and args.
// Not aliases: their arguments differ, so a task written for them must be rewritten, not run.

/** Ansible module -> the module here that does its job. */
const EQUIVALENTS: Readonly<Record<string, string>> = {
  yum: 'package',
  dnf: 'package',
  sysvinit: 'service',
  raw: 'command',
  script: 'command',
  mysql_query: 'command',
};

/** The collections those modules live in, as a fully qualified name writes them. */
const COLLECTION = /^(ansible\.builtin|ansible\.posix|community\.general|community\.mysql)\./;

/**
 * For an Ansible module (plain or fully qualified) that is not here: which module does its job,
 * if `has` says that module is in the catalog.
 */
export function ansibleEquivalentHint(name: string, has: (module: string) => boolean): string | undefined {
  const short = name.replace(COLLECTION, '');
  const ours = EQUIVALENTS[short];
  if (ours === undefined || !has(ours)) return undefined;
  return `"${short}" is Ansible's; here the ${ours} module does that job, with its own arguments`;
}
