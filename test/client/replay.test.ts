import { describe, expect, it } from 'vitest';
import { buildFrames } from '../../client/src/replay/build-frames.ts';
import { createEngine } from '../../shared/engine/index.ts';
import { makeDemoCounty } from '../../server/demo/county.ts';
import type { LogEvent } from '../../shared/events.ts';

describe('replay frames', () => {
  const county = makeDemoCounty({ seed: 7, year: 2026, throughMonth: 3 });
  const events: LogEvent[] = [
    { type: 'scheme:changed', data: { scheme: county.scheme }, seq: 1, at: '2026-01-01T00:00:00Z', actor: 'demo' },
    ...county.history.map((h, i) => ({ ...h.body, seq: i + 2, at: h.at, actor: h.actor }) as LogEvent),
  ];

  it('ends at the same standings as the engine over the whole log', async () => {
    const r = await buildFrames(events, { createEngine, maxFrames: 60 });
    expect(r).not.toBeNull();
    const frames = r!.frames;
    expect(frames.length).toBeGreaterThan(3);
    expect(frames.length).toBeLessThanOrEqual(60 + 4);
    const last = frames.at(-1)!;
    expect(last.version).toBe(events.length);
    expect(last.standings).toEqual(createEngine(county.scheme, events.slice(1).map((e) => e)).standings());
    // versions only go forward; periods follow the season order
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.version).toBeGreaterThan(frames[i - 1]!.version);
    const order = county.scheme.season.periods.map((p) => p.id);
    const seen = frames.map((f) => order.indexOf(f.period ?? ''));
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('returns null without a scheme', async () => {
    expect(await buildFrames([], { createEngine })).toBeNull();
  });
});
