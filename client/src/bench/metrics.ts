/** In-page benchmark metrics with flat memory: a frame-time histogram and a long-task counter. */
export interface BenchMetrics {
  frames: number;
  p95(): number;
  longTasks: number;
  startedAt: number;
  reset(): void;
}

/** Starts measuring requestAnimationFrame intervals (0.1 ms buckets up to 1 s) and long tasks. */
export function startMetrics(): BenchMetrics {
  const hist = new Uint32Array(10_001);
  let last = 0;
  const m: BenchMetrics = {
    frames: 0,
    longTasks: 0,
    startedAt: performance.now(),
    p95() {
      const want = Math.ceil(m.frames * 0.95);
      let seen = 0;
      for (let i = 0; i < hist.length; i++) {
        seen += hist[i]!;
        if (seen >= want) return i / 10;
      }
      return 1000;
    },
    reset() {
      hist.fill(0);
      m.frames = 0;
      m.longTasks = 0;
      m.startedAt = performance.now();
    },
  };
  const loop = (t: number): void => {
    if (last) {
      hist[Math.min(10_000, Math.round((t - last) * 10))]!++;
      m.frames++;
    }
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  try {
    new PerformanceObserver((list) => (m.longTasks += list.getEntries().length)).observe({ type: 'longtask', buffered: false });
  } catch {
    /* long tasks unsupported */
  }
  return m;
}
