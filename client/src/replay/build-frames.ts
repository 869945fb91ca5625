/**
 * Replay: runs the engine in the browser over the event log and keeps standings at up to
 * `maxFrames` points (period boundaries always among them), so the timeline can play and scrub
 * without recomputing. Works in slices and yields between them to keep the page responsive.
 */
import type { Engine } from '../../../shared/engine/types.ts';
import type { LogEvent } from '../../../shared/events.ts';
import type { Scheme } from '../../../shared/scheme.ts';
import type { Standings } from '../../../shared/standings.ts';

export interface ReplayFrame {
  version: number;
  /** ISO time of the frame's last event. */
  at: string;
  /** The latest period any value so far belongs to (season order). */
  period: string | null;
  standings: Standings;
}

export interface FrameOptions {
  createEngine: (scheme: Scheme, events?: LogEvent[]) => Engine;
  maxFrames?: number;
  /** Called between slices (e.g. to yield to the browser and report progress). */
  onProgress?: (done: number, total: number) => Promise<void> | void;
}

const periodOf = (e: LogEvent): string | null => {
  const d = e.data as { period?: unknown };
  return typeof d.period === 'string' ? d.period : null;
};

/** Builds the frames; null when the log holds no scheme. */
export async function buildFrames(events: LogEvent[], opts: FrameOptions): Promise<{ scheme: Scheme; frames: ReplayFrame[] } | null> {
  const first = events.findIndex((e) => e.type === 'scheme:changed');
  const firstEvent = events[first];
  if (!firstEvent || firstEvent.type !== 'scheme:changed') return null;
  let scheme = firstEvent.data.scheme;
  const engine = opts.createEngine(scheme, [firstEvent]);
  const rest = events.slice(first + 1);
  const maxFrames = Math.max(2, opts.maxFrames ?? 240);
  const step = Math.max(1, Math.ceil(rest.length / maxFrames));
  const order = (p: string | null): number => (p === null ? -1 : scheme.season.periods.findIndex((x) => x.id === p));

  let period: string | null = null;
  const frames: ReplayFrame[] = [{ version: engine.version, at: firstEvent.at, period: null, standings: engine.standings() }];
  let batch: LogEvent[] = [];
  const flush = (): void => {
    if (!batch.length) return;
    engine.apply(batch);
    const last = batch[batch.length - 1]!;
    frames.push({ version: engine.version, at: last.at, period, standings: engine.standings() });
    batch = [];
  };
  for (let i = 0; i < rest.length; i++) {
    const e = rest[i]!;
    const p = periodOf(e);
    // A new period starts a new frame, so each period's first board is never skipped over.
    if (p !== null && order(p) > order(period)) {
      flush();
      period = p;
    }
    if (e.type === 'scheme:changed') scheme = e.data.scheme;
    batch.push(e);
    if (batch.length >= step) flush();
    if (opts.onProgress && i % 500 === 499) await opts.onProgress(i + 1, rest.length);
  }
  flush();
  return { scheme, frames };
}
