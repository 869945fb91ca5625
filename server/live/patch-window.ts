/**
 * When to broadcast the next composed patch. A broadcast costs one WebSocket write per connected
 * socket (on loopback ~30–40 µs each, most of it the kernel's), so with a thousand sockets one
 * broadcast takes tens of milliseconds of the server's only thread. Versions are therefore held
 * back until both `minMs` and `costFactor` × the recent broadcast cost have passed since the last
 * broadcast: broadcasting then takes at most 1 / (1 + costFactor) of the thread whatever the
 * number of sockets or the submission rate (up to a gap of `maxMs`), and the rest is left for
 * accepting submissions. An isolated version (nothing sent for that long) still goes out at once.
 */
export interface PatchWindowOptions {
  /** Minimum time between two broadcasts (ms); 0 sends every version alone. */
  minMs: number;
  /** Gap between broadcasts as a multiple of their measured cost (default 2). */
  costFactor?: number;
  /**
   * Upper bound of the gap (default 250 ms): the cost is wall time, which on an oversubscribed
   * machine includes time the thread was not running, and a longer wait only adds latency.
   */
  maxMs?: number;
  now?: () => number;
}

export interface PatchWindow {
  /** Something is pending: send now if the window allows, else once it does. */
  schedule(): void;
  /** Sends whatever is pending now (a subscribe must not fall between a version and its patch). */
  flush(): void;
  /** The current minimum gap between broadcasts (ms). */
  readonly gapMs: number;
  close(): void;
}

/** `send` broadcasts the pending diff and returns false when nothing was pending. */
export function createPatchWindow(send: () => boolean, opts: PatchWindowOptions): PatchWindow {
  const now = opts.now ?? (() => performance.now());
  const factor = opts.minMs === 0 ? 0 : (opts.costFactor ?? 2);
  let last = -Infinity;
  let cost = 0;
  let timer: NodeJS.Timeout | null = null;
  const gap = () => Math.max(opts.minMs, Math.min(opts.maxMs ?? 250, factor * cost));

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const t0 = now();
    if (!send()) return;
    const took = now() - t0;
    // Smoothed, so one slow broadcast (a garbage collection) does not stall the next ones.
    cost = cost === 0 ? took : 0.7 * cost + 0.3 * took;
    last = t0;
  }

  return {
    schedule() {
      if (timer) return;
      const wait = last + gap() - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    flush,
    get gapMs() {
      return gap();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
