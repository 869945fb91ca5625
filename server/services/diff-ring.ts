/** A bounded ring of the most recent diffs, so reconnecting clients get what they missed. */
import type { StandingsDiff } from '../../shared/standings.ts';

export interface DiffRing {
  push(diff: StandingsDiff): void;
  /**
   * The diffs from `since` to the newest, in order; `[]` when `since` is current; null when the
   * ring no longer reaches back that far (or `since` is ahead): the caller sends a snapshot.
   */
  since(since: number, current: number): StandingsDiff[] | null;
  clear(): void;
}

export function createDiffRing(capacity = 2000): DiffRing {
  let items: StandingsDiff[] = [];
  return {
    push(diff) {
      const last = items[items.length - 1];
      // A gap (an engine rebuild) makes older diffs useless for continuity.
      if (last && last.to !== diff.from) items = [];
      items.push(diff);
      if (items.length > capacity) items = items.slice(items.length - Math.floor(capacity / 2));
    },
    since(since, current) {
      if (since === current) return [];
      if (since > current) return null;
      const first = items.findIndex((d) => d.from === since);
      if (first < 0) return null;
      const out = items.slice(first);
      return out[out.length - 1]?.to === current ? out : null;
    },
    clear() {
      items = [];
    },
  };
}

/** Runs async jobs one at a time, in arrival order. */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(job: () => Promise<T>): Promise<T> {
    const result = tail.then(job, job);
    tail = result.catch(() => undefined);
    return result;
  };
}
