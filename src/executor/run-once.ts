// Ansible's `run_once`: one host of the batch runs the task; every host of the batch gets its result.
/**
 * Ansible runs it on the batch's first host, its hosts moving in lockstep. Hosts here run side
 * by side, so the first host of the batch to reach the task runs it (a host earlier in the batch
 * that is still busy does not hold the others up); the others wait for its result.
 */
export interface RunOnce<Result> {
  /** `run` for the first host to reach `key`; for the others, the promise of that host's result. */
  claim(key: string): { runs: true; done(result: Result | undefined): void } | { runs: false; result: Promise<Result | undefined> };
}

export function createRunOnce<Result>(): RunOnce<Result> {
  const results = new Map<string, Promise<Result | undefined>>();
  return {
    claim(key) {
      const shared = results.get(key);
      if (shared) return { runs: false, result: shared };
      let done!: (result: Result | undefined) => void;
      results.set(key, new Promise((resolve) => (done = resolve)));
      return { runs: true, done };
    },
  };
}
