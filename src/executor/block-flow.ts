// Ansible's block/rescue/always on one host: which of the play's tasks run after a failure in a
// block, and whether the failure is rescued or fails the host (once the always lists around it ran).
import type { BlockPlace, Task } from '../core/runbook.js';

/** What becomes of a failed task's host: `rescued` by a block around it, `failing` after the always lists around it, `failed` now. */
export type Fate = 'rescued' | 'failing' | 'failed';

/**
 * The play's tasks are one flat list, each knowing the blocks it is in (`task.blocks`). A failure
 * marks the list it happened in (the rest of that `block` is left out; its `rescue` opens; a
 * failed `rescue` or `always` is left too) and waits there until the host leaves that block: then
 * it goes up to the list around it, as Ansible's iterator does once a block's always is done.
 */
export class BlockFlow {
  private readonly failed = new Set<string>();
  private readonly rescueFailed = new Set<string>();
  private readonly alwaysFailed = new Set<string>();
  /** The levels of a failure still going up: it waits to leave the innermost one's block. */
  private rising: BlockPlace[] | undefined;
  private hostFailed = false;

  /** Whether the task runs on this host: `pass` leaves it out (Ansible does not list it), `stop` when the host has failed. */
  next(task: Task): 'run' | 'pass' | 'stop' {
    const blocks = task.blocks ?? [];
    this.rise(blocks);
    if (this.hostFailed) return 'stop';
    return blocks.every((level) => this.open(level)) ? 'run' : 'pass';
  }

  /** A task failed (its error not ignored): the host's fate. */
  fail(task: Task): Fate {
    const blocks = task.blocks ?? [];
    // Ansible counts it rescued as soon as any block around it has a rescue to run, however deep.
    const fate: Fate = blocks.some((l) => l.section === 'block' && l.rescues) ? 'rescued' : blocks.length > 0 ? 'failing' : 'failed';
    this.mark(blocks);
    return fate;
  }

  /** At the end of the task list: true when a failure that was still rising has failed the host. */
  finish(): boolean {
    const before = this.hostFailed;
    this.rise([]);
    return this.hostFailed && !before;
  }

  /** Whether a task in this list of this block runs now. */
  private open({ id, section }: BlockPlace): boolean {
    switch (section) {
      case 'block':
        return !this.failed.has(id);
      case 'rescue':
        return this.failed.has(id) && !this.rescueFailed.has(id);
      case 'always':
        return !this.alwaysFailed.has(id);
    }
  }

  /** Marks the innermost level as failed; the failure rises from there unless that block rescues it. */
  private mark(levels: BlockPlace[]): void {
    const level = levels.at(-1);
    this.rising = undefined;
    if (level === undefined) {
      this.hostFailed = true;
      return;
    }
    ({ block: this.failed, rescue: this.rescueFailed, always: this.alwaysFailed })[level.section].add(level.id);
    if (level.section === 'block' && level.rescues) return;
    this.rising = levels;
  }

  /** A failure rises out of each block the next task (`blocks`) is not in. */
  private rise(blocks: BlockPlace[]): void {
    while (this.rising !== undefined && !blocks.some((b) => b.id === this.rising!.at(-1)!.id)) this.mark(this.rising.slice(0, -1));
  }
}
