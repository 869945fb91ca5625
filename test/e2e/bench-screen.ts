/**
 * Screen benchmark (`npm run bench -- screen [--minutes=10] [--bars=20,50]`, or `tsx test/e2e/bench-screen.ts …`):
 * headless Chromium renders the bar race at 20 and 50 bars under 4 updates/s, once through the
 * wall display's path and once naively (deep-reactive data, `notMerge` rebuild) as the baseline
 * in the same run. Prints one JSON line per scenario. Needs `npm run build`.
 *
 * The demo county's groups have at most 20 units, so the page feeds a synthetic board of 60
 * units (client/src/bench/synthetic.ts) with the same kind of diffs the server sends.
 */
import type { Browser } from 'playwright-core';
import { launch } from './browser.ts';
import { startMockServer } from './mock-server.ts';

const arg = (name: string, d: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d;
const minutes = Number(arg('minutes', '10'));
const barsList = arg('bars', '20,50').split(',').map(Number);
const rate = Number(arg('rate', '4'));

interface Run {
  frame_p95_ms: number;
  long_tasks_per_min: number;
  heap_early_mb: number;
  heap_late_mb: number;
  heap_growth_pct: number;
  updates: number;
}

async function run(browser: Browser, url: string, bars: number, mode: 'optimized' | 'naive'): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${url}/bench/screen?bars=${bars}&mode=${mode}&rate=${rate}${arg('extra', '')}`);
  await page.waitForFunction(() => 'Window' in globalThis && (window as unknown as { __bench?: unknown }).__bench !== undefined);
  const heap = async (): Promise<number> =>
    page.evaluate(() => {
      (globalThis as unknown as { gc?: () => void }).gc?.();
      return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1048576;
    });
  const total = minutes * 60_000;
  const early = Math.min(60_000, total / 2);
  await page.waitForTimeout(5000);
  await page.evaluate(() => (window as unknown as { __bench: { metrics: { reset(): void } } }).__bench.metrics.reset());
  await page.waitForTimeout(early - 5000);
  const heapEarly = await heap();
  await page.waitForTimeout(total - early);
  const heapLate = await heap();
  const m = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { metrics: { p95(): number; longTasks: number; startedAt: number; frames: number }; version(): number } }).__bench;
    return { p95: b.metrics.p95(), longTasks: b.metrics.longTasks, elapsed: performance.now() - b.metrics.startedAt, updates: b.version() };
  });
  await page.close();
  return {
    frame_p95_ms: m.p95,
    long_tasks_per_min: Math.round((m.longTasks / (m.elapsed / 60_000)) * 10) / 10,
    heap_early_mb: Math.round(heapEarly * 10) / 10,
    heap_late_mb: Math.round(heapLate * 10) / 10,
    heap_growth_pct: Math.round(((heapLate - heapEarly) / heapEarly) * 1000) / 10,
    updates: m.updates,
  };
}

/** Runs both scenarios and prints one JSON line each (wired as `npm run bench -- screen`). */
export async function runScreen(): Promise<void> {
  const server = await startMockServer();
  const browser = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  try {
    for (const bars of barsList) {
      const opt = await run(browser, server.url, bars, 'optimized');
      const base = await run(browser, server.url, bars, 'naive');
      console.log(
        JSON.stringify({
          bench: 'screen',
          scenario: `bars-${bars}`,
          minutes,
          updates_per_s: rate,
          ...opt,
          baseline_frame_p95_ms: base.frame_p95_ms,
          baseline_long_tasks_per_min: base.long_tasks_per_min,
          baseline_heap_growth_pct: base.heap_growth_pct,
          target_frame_p95_ms: 16.7,
          target_heap_growth_pct: 10,
        }),
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1]?.endsWith('bench-screen.ts')) await runScreen();
