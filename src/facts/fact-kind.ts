// The shape of one fact kind: how its requests are keyed and probed, simulated on planned changes, and invalidated.
import type { Change } from '../core/change.js';
import type { FactKind, FactKinds, FactRequestOf, FactSet, FileFact } from '../core/facts.js';
import type { Probe } from './probe.js';

/**
 * A host's files as the changes planned so far leave them: only the paths those changes touched.
 * Every change a module plans is a file change or an opaque one (a command, an API call: its
 * effect cannot be known ahead), so the planned files are all a simulation has to go on.
 */
export type PlannedFiles = Map<string, FileFact>;

/** The fact of `request` as it will read: the planned one, else the gathered one. */
export type ReadFact = <K extends FactKind>(request: FactRequestOf<K>) => FactKinds[K]['fact'];

export interface FactKindDefinition<K extends FactKind> {
  /** What tells its requests apart (a path, a name), so equal requests from several tasks are gathered once. */
  key(request: FactRequestOf<K>): string;
  /** The one request gathered when `seen` was asked first and `request` asks the same key again; default: `seen`. */
  merge?(seen: FactRequestOf<K>, request: FactRequestOf<K>): FactRequestOf<K>;
  /** The sh that reads the fact on the host, and the parser of its answer. */
  probe: Probe<K>;
  /**
   * The fact as the tasks after the changes planned so far will find it (the planner's overlay):
   * from the `gathered` facts and the `planned` files. `gathered.get` throws for a request that
   * was not gathered, so ask it only for what the answer needs.
   */
  planned(request: FactRequestOf<K>, gathered: FactSet, planned: ReadonlyMap<string, FileFact>): FactKinds[K]['fact'];
  /**
   * Records a planned change's effect on the planned files, when this kind's facts are what it
   * alters; `read` gives facts as they stand before it. Kinds a change cannot alter leave it out.
   */
  simulate?(change: Change, planned: PlannedFiles, read: ReadFact): void;
  /**
   * Whether a plan made on this fact (as gathered, then overlaid with the planned changes) still
   * holds once the apply has changed the `changed` paths (and run no command, which may have
   * changed anything); when not, the apply plans the task again on the live host.
   */
  standsAfter(request: FactRequestOf<K>, changed: ReadonlySet<string>): boolean;
}
