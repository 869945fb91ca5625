/**
 * The what-if preview of the scheme editor: the standings it predicts for an edited scheme are
 * the standings the engine holds after the edit is saved (a `scheme:changed` appended to the log,
 * applied incrementally as the server does), and it lists exactly the rows that differ.
 */
import { describe, expect, it } from 'vitest';
import { computeWhatIf, defaultEffectiveFrom, publishedPeriods, rescoredPeriods, standingsUnder } from '../../client/src/views/admin/config/what-if.ts';
import { createEngine } from '../../shared/engine/index.ts';
import { makeDemoCounty } from '../../server/demo/county.ts';
import type { LogEvent } from '../../shared/events.ts';
import type { Scheme } from '../../shared/scheme.ts';
import type { Standings } from '../../shared/standings.ts';
import { validateScheme } from '../../shared/validate-scheme.ts';

const county = makeDemoCounty({ seed: 11, year: 2026, throughMonth: 3 });
const events: LogEvent[] = [
  { type: 'scheme:changed', data: { scheme: county.scheme }, seq: 1, at: '2026-01-01T00:00:00Z', actor: 'demo' },
  ...county.history.map((h, i) => ({ ...h.body, seq: i + 2, at: h.at, actor: h.actor }) as LogEvent),
];

/** The server's path: the engine over the log, then the saved edit as one more event. */
function afterSaving(edited: Scheme): Standings {
  const engine = createEngine(county.scheme, events);
  engine.apply({ type: 'scheme:changed', data: { scheme: edited }, seq: events.length + 1, at: '2026-04-01T00:00:00Z', actor: 'admin' });
  return engine.standings();
}

/** Applies the predicted row changes to the "before" standings. */
function predicted(before: Standings, r: ReturnType<typeof computeWhatIf>): Map<string, { rank: number | null; score: number | null }> {
  const out = new Map<string, { rank: number | null; score: number | null }>();
  for (const [k, b] of Object.entries(before.boards)) for (const [u, row] of Object.entries(b.rows)) out.set(`${k}#${u}`, { rank: row.rank, score: row.score });
  for (const b of r.boards) {
    if (b.ref.kind === 'cadre') continue;
    for (const row of b.rows) {
      if (row.newRank === null) out.delete(`${b.key}#${row.id}`);
      else out.set(`${b.key}#${row.id}`, { rank: row.newRank, score: row.newScore });
    }
  }
  return out;
}

function actual(s: Standings) {
  const out = new Map<string, { rank: number | null; score: number | null }>();
  for (const [k, b] of Object.entries(s.boards)) for (const [u, row] of Object.entries(b.rows)) out.set(`${k}#${u}`, { rank: row.rank, score: row.score });
  return out;
}

describe('scheme what-if', () => {
  it('predicts nothing for an unchanged scheme', () => {
    const r = computeWhatIf(county.scheme, structuredClone(county.scheme), events);
    expect(r.boards).toEqual([]);
    expect(r.rowCount).toBe(0);
    expect(r.version).toBe(events.length);
    expect(r.schemeSeq).toBe(1);
  });

  it('equals the real result after saving a track weight change', () => {
    const edited = structuredClone(county.scheme);
    edited.tracks[0]!.weight = 4;
    const before = standingsUnder(county.scheme, events);
    const r = computeWhatIf(county.scheme, edited, events, before);
    expect(r.rowCount).toBeGreaterThan(0);
    expect(r.boards.every((b) => b.ref.kind === 'overall' || b.ref.kind === 'season-overall' || b.ref.kind === 'cadre')).toBe(true);
    expect(predicted(before, r)).toEqual(actual(afterSaving(edited)));
  });

  it('equals the real result after moving full marks between two indicators', () => {
    const edited = structuredClone(county.scheme);
    const plain = (k: string) => k === 'completion' || k === 'efficacy' || k === 'growth';
    const t = edited.tracks.find((x) => x.indicators.filter((i) => plain(i.method.kind) && i.fullMarks > 5).length >= 2)!;
    const [a, b] = t.indicators.filter((i) => plain(i.method.kind) && i.fullMarks > 5);
    a!.fullMarks += 5;
    b!.fullMarks -= 5;
    expect(validateScheme(edited).problems).toEqual([]);
    const before = standingsUnder(county.scheme, events);
    const r = computeWhatIf(county.scheme, edited, events, before);
    expect(r.boards.some((b) => b.ref.kind === 'track' && b.ref.track === t.id)).toBe(true);
    expect(r.boards.some((b) => b.rows.some((x) => x.rankDelta !== 0))).toBe(true);
    expect(predicted(before, r)).toEqual(actual(afterSaving(edited)));
    for (const b of r.boards) for (const x of b.rows) if (x.oldRank !== null && x.newRank !== null) expect(x.rankDelta).toBe(x.oldRank - x.newRank);
  });

  it('reports boards that appear or disappear when a group drops a track', () => {
    const edited = structuredClone(county.scheme);
    const g = edited.groups.find((x) => x.tracks.length > 1)!;
    const dropped = g.tracks.pop()!;
    const r = computeWhatIf(county.scheme, edited, events);
    const gone = r.boards.filter((b) => b.status === 'dropped');
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((b) => b.ref.kind !== 'cadre' && b.ref.track === dropped && b.ref.group === g.id)).toBe(true);
    expect(gone.every((b) => b.rows.every((x) => x.newRank === null && x.rankDelta === null))).toBe(true);
    expect(predicted(standingsUnder(county.scheme, events), r)).toEqual(actual(afterSaving(edited)));
  });
});

describe('scheme what-if from a chosen period', () => {
  const published = publishedPeriods(events);
  const edited = structuredClone(county.scheme);
  edited.tracks[0]!.weight = 4;

  it('keeps published periods out of the preview by default and equals the real result after saving', () => {
    expect(published.length).toBeGreaterThan(0);
    const from = defaultEffectiveFrom(edited, published)!;
    expect(published).not.toContain(from);
    const r = computeWhatIf(county.scheme, edited, events, undefined, from);
    expect(r.rowCount).toBeGreaterThan(0);
    expect(r.rescored).toEqual([]);
    expect(r.boards.every((b) => b.ref.period === null || !published.includes(b.ref.period))).toBe(true);
    const engine = createEngine(county.scheme, events);
    engine.apply({ type: 'scheme:changed', data: { scheme: edited, effectiveFrom: from }, seq: events.length + 1, at: '2026-04-01T00:00:00Z', actor: 'admin' });
    expect(predicted(standingsUnder(county.scheme, events), r)).toEqual(actual(engine.standings()));
  });

  it('lists the published periods a change from an earlier period re-scores, with their boards', () => {
    const first = edited.season.periods[0]!.id;
    const r = computeWhatIf(county.scheme, edited, events, undefined, first);
    expect(r.rescored).toEqual(edited.season.periods.map((p) => p.id).filter((p) => published.includes(p)));
    expect(r.boards.some((b) => b.ref.period === published[0])).toBe(true);
    expect(rescoredPeriods(edited, published, defaultEffectiveFrom(edited, published))).toEqual([]);
  });
});
