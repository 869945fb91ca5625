/** A small fixed-window limiter for sign-in attempts, keyed by client address and username. */
export interface RateLimiter {
  /** True when the key has used up its attempts. */
  blocked(key: string, now: number): boolean;
  fail(key: string, now: number): void;
  reset(key: string): void;
}

export function createRateLimiter(max = 10, windowMs = 15 * 60_000): RateLimiter {
  const hits = new Map<string, { n: number; start: number }>();
  const live = (key: string, now: number) => {
    const h = hits.get(key);
    if (h && now - h.start > windowMs) {
      hits.delete(key);
      return undefined;
    }
    return h;
  };
  return {
    blocked: (key, now) => (live(key, now)?.n ?? 0) >= max,
    fail(key, now) {
      const h = live(key, now);
      if (h) h.n++;
      else hits.set(key, { n: 1, start: now });
      // Keep the map bounded under a flood of distinct keys.
      if (hits.size > 100_000) hits.clear();
    },
    reset: (key) => void hits.delete(key),
  };
}
