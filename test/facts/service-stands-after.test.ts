// A service task planned on facts read before its unit file was written (a live gather after a command,
// then a template writing the unit) is planned again: geerlingguy.firewall writes its unit after a command.
import { describe, expect, it } from 'vitest';
import { FACT_KINDS } from '../../src/facts/fact-kinds.js';

describe('service facts after written files', () => {
  const stands = (changed: string[]) => FACT_KINDS.service.standsAfter({ kind: 'service', name: 'firewall' }, new Set(changed));

  it('do not stand once the unit file or init script was written', () => {
    expect(stands(['/etc/systemd/system/firewall.service'])).toBe(false);
    expect(stands(['/lib/systemd/system/firewall.service'])).toBe(false);
    expect(stands(['/etc/init.d/firewall'])).toBe(false);
  });

  it('stand after other files', () => {
    expect(stands(['/etc/firewall.bash', '/etc/systemd/system/other.service'])).toBe(true);
  });
});
