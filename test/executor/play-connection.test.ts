// remote_user and connection (play keywords) on the hosts' connections: the inventory's own setting wins.
import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/core/host.js';
import type { Play } from '../../src/core/runbook.js';
import type { PreparedPlay } from '../../src/planner/prepare-plays.js';
import { withPlayConnection } from '../../src/executor/play-connection.js';

const host = (name: string, vars: Record<string, unknown> = {}): Host => ({
  name,
  address: name,
  groups: ['all'],
  vars,
  varSources: {},
  connection: { kind: 'ssh', host: name, become: false, hostKeyChecking: 'strict', timeoutMs: 1000 },
});
const play = (hosts: Host[], keys: Partial<Play>): PreparedPlay =>
  ({ play: { id: 'p', name: 'p', hosts: 'all', vars: {}, tasks: [], handlers: [], verify: [], location: { file: 'x', line: 1, column: 1 }, ...keys }, hosts, tasks: new Map(), handlers: new Map(), verify: new Map() }) as PreparedPlay;

describe('withPlayConnection', () => {
  it('sets the user and kind the inventory leaves unset', () => {
    const a = host('a');
    expect(withPlayConnection(a, [play([a], { remoteUser: 'deploy', connection: 'local' })]).connection).toMatchObject({ user: 'deploy', kind: 'local' });
  });
  it('keeps what the inventory says', () => {
    const b = host('b', { ansible_user: 'root', connection: 'ssh' });
    expect(withPlayConnection(b, [play([b], { remoteUser: 'deploy', connection: 'local' })]).connection).toEqual(b.connection);
  });
  it('refuses two plays asking different users of one host', () => {
    const c = host('c');
    expect(() => withPlayConnection(c, [play([c], { remoteUser: 'x' }), play([c], { remoteUser: 'y' })])).toThrow(/remote_user x and y/);
  });
});
