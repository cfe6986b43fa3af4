// SHA-crypt against glibc's crypt() (values printed by `openssl passwd -5/-6` and Python's crypt.crypt here).
import { describe, expect, it } from 'vitest';
import { MAX_ROUNDS, shaCrypt } from '../../src/vars/sha-crypt.js';

describe('sha-crypt', () => {
  it('gives what glibc gives', () => {
    expect(shaCrypt('sha512', 'pw', 'mysalt')).toBe('$6$mysalt$.2Q/f6CLTJ7NFjKGQk.jKE5.cGgKx0pvxJTouBcj9c.QMvAmVybOayA.z2ZYDHtzYKlGvXURyRUQExUeqkbjy/');
    expect(shaCrypt('sha256', 'pw', 'mysalt')).toBe('$5$mysalt$DTIYE3KpECnsp/xruMo9Co3DNnsrH.Rx/1/jdwdjTc8');
    expect(shaCrypt('sha512', 'pw', 'mysalt', 10000)).toBe('$6$rounds=10000$mysalt$6XuVj3bGG6EB8Kzr0i4J3Rkd/.56s8ZQ0T9pj76DUvYv04jYPYnOzcM4IEtnhBLgTs84dTfUNfLNGVksrni8..');
    const long = 'a much longer password than the block size of sha512 hmm'.repeat(3);
    expect(shaCrypt('sha512', long, '0123456789abcdefXYZ')).toBe('$6$0123456789abcdef$UM87AGvtTyOHBnEYqQKa.QAG/w7/jr8Aj8BzpDa/qYXZ0LMhYNvngodllugSyqAB0caNiMuygyORbUrXSBQEr/');
    expect(shaCrypt('sha256', '', 'x', 1000)).toBe('$5$rounds=1000$x$kIBhdUvT3pHpfTjzR8s1XJu3y/HRJeFxMSffBtF8jx9');
  });
  it('bounds the rounds a render may spend', () => {
    expect(() => shaCrypt('sha512', 'pw', 'salt', MAX_ROUNDS + 1)).toThrow(/up to 200000/);
  });
});
