// Which tasks run after a failure in a block, on one host (Ansible 2.14's iterator, run over a flat list).
import { describe, expect, it } from 'vitest';
import type { BlockPlace, Task } from '../../src/core/runbook.js';
import { BlockFlow } from '../../src/executor/block-flow.js';

/** A task named NAME in blocks written `id:section` (a `!` after the id: that block has a rescue). */
function task(name: string, ...levels: string[]): Task {
  const blocks: BlockPlace[] = levels.map((l) => {
    const [id, section] = l.split(':') as [string, BlockPlace['section']];
    return { id: id.replace('!', ''), name: id.replace('!', ''), section, rescues: id.endsWith('!') };
  });
  return { id: name, name, module: 'command', args: {}, notify: [], tags: [], location: { file: 'x', line: 1, column: 1 }, scope: { baseDir: '.', searchDirs: [], defaults: {}, params: {} }, blocks };
}

/** Runs the list on one host; `failing` tasks fail. What ran, the fates, and whether the host ended failed. */
function run(list: Task[], failing: string[]): { ran: string[]; fates: string[]; failed: boolean } {
  const flow = new BlockFlow();
  const ran: string[] = [];
  const fates: string[] = [];
  for (const t of list) {
    const step = flow.next(t);
    if (step === 'stop') return { ran, fates, failed: true };
    if (step === 'pass') continue;
    ran.push(t.name);
    if (failing.includes(t.name)) {
      const fate = flow.fail(t);
      fates.push(fate);
      if (fate === 'failed') return { ran, fates, failed: true };
    }
  }
  return { ran, fates, failed: flow.finish() };
}

const rescued = [task('a', 'B!:block'), task('b', 'B!:block'), task('r', 'B!:rescue'), task('s', 'B!:rescue'), task('z', 'B!:always'), task('after')];

describe('block flow', () => {
  it('runs block and always, not rescue, when nothing fails', () => {
    expect(run(rescued, [])).toEqual({ ran: ['a', 'b', 'z', 'after'], fates: [], failed: false });
  });
  it('a failure in block: the rest of it is left, rescue and always run, the host goes on', () => {
    expect(run(rescued, ['a'])).toEqual({ ran: ['a', 'r', 's', 'z', 'after'], fates: ['rescued'], failed: false });
  });
  it('a failure in rescue: the rest of it is left, always runs, the host fails', () => {
    expect(run(rescued, ['a', 'r'])).toEqual({ ran: ['a', 'r', 'z'], fates: ['rescued', 'failing'], failed: true });
  });
  it('a failure in always fails the host after a good rescue', () => {
    expect(run(rescued, ['b', 'z'])).toEqual({ ran: ['a', 'b', 'r', 's', 'z'], fates: ['rescued', 'failing'], failed: true });
  });
  it('no rescue: always runs, then the host fails', () => {
    const list = [task('a', 'B:block'), task('b', 'B:block'), task('z', 'B:always'), task('y', 'B:always'), task('after')];
    expect(run(list, ['a'])).toEqual({ ran: ['a', 'z', 'y'], fates: ['failing'], failed: true });
    expect(run(list, ['z'])).toEqual({ ran: ['a', 'b', 'z'], fates: ['failing'], failed: true });
  });
  it("an inner block's failure runs its always, then rises to the outer rescue (Ansible counts it rescued)", () => {
    const list = [
      task('a', 'O!:block', 'I:block'),
      task('b', 'O!:block', 'I:block'),
      task('ia', 'O!:block', 'I:always'),
      task('c', 'O!:block'),
      task('r', 'O!:rescue'),
      task('oa', 'O!:always'),
      task('after'),
    ];
    expect(run(list, ['a'])).toEqual({ ran: ['a', 'ia', 'r', 'oa', 'after'], fates: ['rescued'], failed: false });
    expect(run(list, ['c'])).toEqual({ ran: ['a', 'b', 'ia', 'c', 'r', 'oa', 'after'], fates: ['rescued'], failed: false });
  });
  it('an inner rescue handles its failure; the outer block goes on', () => {
    const list = [task('a', 'O:block', 'I!:block'), task('r', 'O:block', 'I!:rescue'), task('c', 'O:block'), task('oa', 'O:always'), task('after')];
    expect(run(list, ['a'])).toEqual({ ran: ['a', 'r', 'c', 'oa', 'after'], fates: ['rescued'], failed: false });
  });
  it('a failure in a rescue inside an outer block without rescue: both always lists run, then the host fails', () => {
    const list = [task('a', 'O:block', 'I!:block'), task('r', 'O:block', 'I!:rescue'), task('ia', 'O:block', 'I!:always'), task('c', 'O:block'), task('oa', 'O:always'), task('after')];
    expect(run(list, ['a', 'r'])).toEqual({ ran: ['a', 'r', 'ia', 'oa'], fates: ['rescued', 'failing'], failed: true });
  });
  it('a failure outside any block fails the host at once', () => {
    expect(run([task('x'), task('after')], ['x'])).toEqual({ ran: ['x'], fates: ['failed'], failed: true });
  });
});
