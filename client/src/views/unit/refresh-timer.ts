/**
 * When to refetch the workspace on live news: soon after a `unit:changed` (our own numbers or an
 * appeal moved), at most every `minGapMs` for standings patches of the group (other units'
 * scores change our gaps, and the demo feeder sends many). One fetch at a time; news arriving
 * during a fetch triggers one more afterwards.
 */
export interface RefreshTimerOptions {
  /** Wait after a `unit:changed` (collects bursts). */
  soonMs?: number;
  /** Least time between two fetches caused by standings patches. */
  minGapMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export function createRefreshTimer(run: () => Promise<void>, o: RefreshTimerOptions = {}) {
  const soonMs = o.soonMs ?? 200;
  const minGapMs = o.minGapMs ?? 3000;
  const now = o.now ?? (() => Date.now());
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let dueAt = Infinity;
  let running = false;
  let again: boolean | null = null;
  let last = -Infinity;
  let stopped = false;

  async function fire(): Promise<void> {
    timer = null;
    dueAt = Infinity;
    if (stopped) return;
    running = true;
    last = now();
    try {
      await run();
    } finally {
      running = false;
      if (again !== null && !stopped) {
        const urgent = again;
        again = null;
        request(urgent);
      }
    }
  }

  /** Asks for a refetch; `urgent` for our own unit's news. */
  function request(urgent: boolean): void {
    if (stopped) return;
    if (running) {
      again = (again ?? false) || urgent;
      return;
    }
    const at = urgent ? now() + soonMs : Math.max(now() + soonMs, last + minGapMs);
    if (timer !== null && dueAt <= at) return;
    if (timer !== null) clearTimer(timer);
    dueAt = at;
    timer = setTimer(() => void fire(), Math.max(0, at - now()));
  }

  /** A fetch happened anyway (e.g. the period changed): patches wait `minGapMs` from now. */
  function loaded(): void {
    last = now();
  }

  function stop(): void {
    stopped = true;
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  return { request, loaded, stop };
}
