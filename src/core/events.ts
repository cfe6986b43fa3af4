// What happens during a run, as a closed union: reporters render every kind.
import type { HostPlan, PlannedTask, TaskRef } from './plan.js';

export interface HostRecap {
  ok: number;
  changed: number;
  failed: number;
  skipped: number;
  /** Failures a block's `rescue:` handled (Ansible's `rescued`): not counted in `failed`. */
  rescued: number;
  unreachable: boolean;
  /** SSH execs and uploads over the run (speed is designed in). */
  execs: number;
  uploads: number;
}

export type Phase = 'plan' | 'apply';

export type RunEvent =
  | { kind: 'run-started'; check: boolean; runbook: string; hosts: string[] }
  | { kind: 'play-started'; phase: Phase; play: string; hosts: string[] }
  | { kind: 'host-connected'; host: string; ms: number }
  | { kind: 'host-unreachable'; host: string; message: string }
  | { kind: 'facts-gathered'; host: string; ms: number; requests: number }
  /** A task's plan on a host; in the apply phase, the re-planned outcome that was applied. */
  | { kind: 'task-planned'; phase: Phase; planned: PlannedTask }
  /** Every reachable host is planned: the whole plan, to show before anything is applied. */
  | { kind: 'plan-ready'; plans: HostPlan[]; changes: number; /** Hosts that could not be planned (unreachable). */ unreachable: string[] }
  /** A task was carried out on a host (its changes applied, or it failed). */
  | { kind: 'task-applied'; planned: PlannedTask; changed: boolean; ms: number }
  | { kind: 'task-failed'; host: string; task: TaskRef; message: string; phase: Phase }
  /** Apply found the host differed from the plan and re-planned the task live. */
  | { kind: 'task-replanned'; host: string; task: TaskRef; reason: string }
  | { kind: 'warning'; host?: string; message: string }
  /** Something done worth a line of its own (a cloud resource created, its id). */
  | { kind: 'note'; host?: string; message: string }
  | { kind: 'run-finished'; recap: Record<string, HostRecap>; ok: boolean; check: boolean; ms: number };

export interface Reporter {
  emit(event: RunEvent): void;
  /** Resolves when everything emitted so far is on screen (before asking a question). */
  idle(): Promise<void>;
  /** Flush and stop any live display. */
  close(): Promise<void>;
}
