// fnmatchRegex against what Python's fnmatch.fnmatchcase answers (the table printed by python3 from the same cases).
import { expect, test } from 'vitest';
import { fnmatchRegex } from '../../../src/modules/find/fnmatch.js';

/** [pattern, name, Python's answer]. */
const PYTHON: Array<[string, string, boolean]> = [["*.conf", "a.conf", true], ["*.conf", ".conf", true], ["*.conf", "a.confx", false], ["?x", "ax", true], ["[ab]*", "b1", true], ["[!ab]*", "b1", false], ["[!ab]*", "c1", true], ["a[", "a[", true], ["*", "a\nb", true], ["[]]x", "]x", true], ["[!]]x", "]x", false], ["[a-c]", "b", true], ["[a\\]", "\\", true], ["cron.d", "cron.d", true], ["cron.d", "cronxd", false], ["[^a]", "^", true], ["[^a]", "b", false]];

test.each(PYTHON)('fnmatch(%j) on %j is %s, as Python', (pattern, name, matches) => {
  expect(fnmatchRegex(pattern).test(name)).toBe(matches);
});
