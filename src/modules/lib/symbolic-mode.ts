// File modes as Ansible takes them: octal ("0644") or symbolic ("u+rwx,go-w", "a=r", "u=rwX"), resolved against the current mode.
//
// As ansible-core 2.14's module_utils/basic.py (_symbolic_mode_to_octal): clauses apply in turn,
// but X, and the u/g/o copies (`g=u`), read the mode the path had before any clause. A clause
// without users (`+x`) would follow the host's umask, which planning does not know: refused.

const OCTAL = /^[0-7]{3,4}$/;
/** What a mode can look like at all (editors and docs read it); modeProblem says more. */
export const MODE_SHAPE = /^([0-7]{3,4}|[-+=,ugoarwxXst]+)$/;
const CLAUSE = /^(a|[ugo]+)((?:[-+=][rwxXstugo]*)+)$/;

/** Why `mode` is neither octal nor symbolic, or undefined when it is one of them. */
export function modeProblem(mode: string): string | undefined {
  if (OCTAL.test(mode)) return undefined;
  for (const clause of mode.split(',')) {
    if (/^[-+=]/.test(clause)) return `"${clause}" names no users: write them (a${clause}, u${clause}); without, the host's umask would decide`;
    if (!CLAUSE.test(clause)) return `"${clause}" is not a symbolic mode clause (like u+rwx, go-w, a=r, u=rwX)`;
  }
  return undefined;
}

export const isSymbolicMode = (mode: string): boolean => !OCTAL.test(mode);

const SHIFT: Readonly<Record<string, number>> = { u: 6, g: 3, o: 0 };
const SPECIAL: Readonly<Record<string, number>> = { u: 0o4000, g: 0o2000, o: 0o1000 };

/** The bits `perms` give one user class, from the mode before any clause. */
function bitsFor(user: string, perms: string, previous: number, directory: boolean): number {
  const shift = SHIFT[user]!;
  let bits = 0;
  for (const p of perms) {
    if (p === 'r') bits |= 4 << shift;
    else if (p === 'w') bits |= 2 << shift;
    else if (p === 'x') bits |= 1 << shift;
    else if (p === 'X') bits |= directory || (previous & 0o111) !== 0 ? 1 << shift : 0;
    else if (p === 's') bits |= user === 'o' ? 0 : SPECIAL[user]!;
    else if (p === 't') bits |= user === 'o' ? 0o1000 : 0;
    else bits |= ((previous >> SHIFT[p]!) & 7) << shift;
  }
  return bits;
}

/**
 * The four-digit octal mode `mode` gives a path whose mode is now `current` (octal string); an
 * octal `mode` is itself. `current` is what a new path gets (0644 a file, 0755 a folder) when absent.
 */
export function resolveMode(mode: string, current: string, directory: boolean): string {
  if (OCTAL.test(mode)) return mode.padStart(4, '0');
  const previous = parseInt(current, 8);
  let result = previous;
  for (const clause of mode.split(',')) {
    const [, who, actions] = CLAUSE.exec(clause)!;
    const users = who === 'a' ? 'ugo' : who!;
    for (const [, op, perms] of actions!.matchAll(/([-+=])([rwxXstugo]*)/g)) {
      for (const user of users) {
        const bits = bitsFor(user, perms!, previous, directory);
        if (op === '+') result |= bits;
        else if (op === '-') result &= ~bits;
        else result = (result & ~((7 << SHIFT[user]!) | SPECIAL[user]!)) | bits;
      }
    }
  }
  return (result & 0o7777).toString(8).padStart(4, '0');
}
