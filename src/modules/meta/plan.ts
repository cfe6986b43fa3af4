// Plans `meta`: end_host and end_play end the play (for the host, for every host) without failing; noop does nothing. No exec.
import type { FactRequest } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import type { MetaArgs } from './schema.js';

export function metaFacts(): FactRequest[] {
  return [];
}

export function planMeta(args: MetaArgs): TaskPlan {
  switch (args.free_form) {
    case 'end_host':
      return { status: 'unchanged', reason: 'ending play for this host', ends: 'host' };
    case 'end_play':
      return { status: 'unchanged', reason: 'ending play for every host', ends: 'play' };
    case 'noop':
      return { status: 'unchanged', reason: 'noop' };
  }
}
