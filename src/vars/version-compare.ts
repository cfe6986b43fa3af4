// Ansible's `version` test (`is version('1.4', '<=')`): LooseVersion by default, StrictVersion with `strict=true`,
// as ansible-core 2.14's plugins/test/core.py and module_utils/compat/version.py compare them.

const OPERATORS: Record<string, 'eq' | 'lt' | 'le' | 'gt' | 'ge' | 'ne'> = {
  '==': 'eq', '=': 'eq', eq: 'eq', '<': 'lt', lt: 'lt', '<=': 'le', le: 'le',
  '>': 'gt', gt: 'gt', '>=': 'ge', ge: 'ge', '!=': 'ne', '<>': 'ne', ne: 'ne',
};

type Part = number | string;

/** LooseVersion.parse: runs of digits (numbers), of lowercase letters, and what lies between, dots dropped. */
function loose(text: string): Part[] {
  return text
    .split(/(\d+|[a-z]+|\.)/)
    .filter((x) => x !== '' && x !== '.')
    .map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

/** StrictVersion.parse: `N.N[.N][(a|b)N]`; the prerelease sorts before the release. */
function strict(text: string): Part[][] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:([ab])(\d+))?$/.exec(text);
  if (!m) throw new Error(`invalid version number '${text}'`);
  const release = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return [release, m[4] ? [m[4], Number(m[5])] : []];
}

/** Python's list comparison: the first differing items decide, a shorter prefix sorts first. */
function compareParts(a: Part[], b: Part[], ordering: boolean): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] !== typeof b[i]) {
      if (!ordering) return 1;
      throw new Error(`Version comparison failed: '<' not supported between instances of '${pyType(a[i]!)}' and '${pyType(b[i]!)}'`);
    }
    return a[i]! < b[i]! ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

const pyType = (p: Part) => (typeof p === 'number' ? 'int' : 'str');

function compareStrict(a: string, b: string): number {
  const [ra, pa] = strict(a);
  const [rb, pb] = strict(b);
  const byRelease = compareParts(ra!, rb!, true);
  if (byRelease !== 0) return byRelease;
  if (pa!.length === 0 || pb!.length === 0) return pa!.length === pb!.length ? 0 : pa!.length === 0 ? 1 : -1;
  return compareParts(pa!, pb!, true);
}

/** `value is version(other, operator='eq', strict=false, version_type='loose')`. */
export function versionCompare(value: unknown, other: unknown, operator: unknown = 'eq', ...rest: unknown[]): boolean {
  const { strict: strictFlag, versionType } = versionOptions(rest);
  if (!value) throw new Error('Input version value cannot be empty');
  if (!other) throw new Error('Version parameter to compare against cannot be empty');
  const op = OPERATORS[String(operator)];
  if (!op) throw new Error(`Invalid operator type (${String(operator)}). Must be one of ${Object.keys(OPERATORS).map((o) => `'${o}'`).join(', ')}`);
  const type = strictFlag ? 'strict' : (versionType ?? 'loose');
  if (type !== 'loose' && type !== 'strict') {
    throw new Error(`version_type '${type}' is not supported by runbook (loose and strict are): write strict=true or leave the loose default`);
  }
  const [a, b] = [String(value), String(other)];
  const ordering = op !== 'eq' && op !== 'ne';
  const c = type === 'strict' ? compareStrict(a, b) : compareParts(loose(a), loose(b), ordering);
  return { eq: c === 0, ne: c !== 0, lt: c < 0, le: c <= 0, gt: c > 0, ge: c >= 0 }[op];
}

/** strict and version_type, positional (4th, 5th) or keyword. */
function versionOptions(rest: unknown[]): { strict: boolean; versionType?: string } {
  const last = rest[rest.length - 1] as Record<string, unknown> | undefined;
  const keywords = last && typeof last === 'object' && last.__keywords === true ? last : {};
  const positional = keywords === last ? rest.slice(0, -1) : rest;
  const strictValue = keywords.strict ?? positional[0];
  const typeValue = keywords.version_type ?? positional[1];
  if (strictValue !== undefined && strictValue !== null && typeValue !== undefined && typeValue !== null) throw new Error("Cannot specify both 'strict' and 'version_type'");
  return { strict: Boolean(strictValue), versionType: typeValue === undefined || typeValue === null ? undefined : String(typeValue) };
}
