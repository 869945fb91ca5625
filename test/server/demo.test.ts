import { describe, expect, it } from 'vitest';
import { EventBodySchema } from '../../shared/events.ts';
import type { EventBody } from '../../shared/events.ts';
import { validateScheme, effectiveIndicators } from '../../shared/validate-scheme.ts';
import { makeDemoCounty } from '../../server/demo/county.ts';
import { createFeeder } from '../../server/demo/feeder.ts';
import { mulberry32 } from '../../server/demo/random.ts';
import { createEngine } from '../../shared/engine/index.ts';
import type { LogEvent } from '../../shared/events.ts';

const demo = makeDemoCounty({ seed: 42, year: 2026, throughMonth: 6 });
const { scheme, history } = demo;

describe('makeDemoCounty', () => {
  it('is deterministic for the same seed and differs for another', () => {
    const again = makeDemoCounty({ seed: 42, year: 2026, throughMonth: 6 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
    const other = makeDemoCounty({ seed: 43, year: 2026, throughMonth: 6 });
    expect(JSON.stringify(other.history)).not.toBe(JSON.stringify(history));
  });

  it('extends the same history month by month', () => {
    const shorter = makeDemoCounty({ seed: 42, year: 2026, throughMonth: 3 });
    const values = (h: typeof history) => h.filter((e) => e.body.type === 'value:recorded' && ['m01', 'm02'].includes(e.body.data.period)).map((e) => JSON.stringify(e));
    expect(values(shorter.history)).toEqual(values(history));
  });

  it('passes scheme validation with zero problems', () => {
    expect(validateScheme(JSON.parse(JSON.stringify(scheme)))).toMatchObject({ problems: [], warnings: [] });
    expect(validateScheme(makeDemoCounty({ seed: 7, year: 2027, throughMonth: 12 }).scheme).problems).toEqual([]);
  });

  it('has the county of SPEC §9', () => {
    expect(scheme.name).toBe('2026年度一线赛马');
    expect(scheme.units.filter((u) => u.kind === 'town')).toHaveLength(12);
    expect(scheme.units.filter((u) => u.kind === 'department')).toHaveLength(20);
    expect(scheme.groups.map((g) => [g.name, g.units.length, g.tracks.length])).toEqual([
      ['经济强镇组', 6, 4],
      ['生态镇组', 6, 4],
      ['县直部门组', 20, 2],
    ]);
    expect(scheme.tracks.map((t) => t.name)).toEqual(['乡村振兴', '项目建设', '为企服务', '基层治理']);
    for (const t of scheme.tracks) {
      expect(t.indicators.length).toBeGreaterThanOrEqual(6);
      expect(t.indicators.length).toBeLessThanOrEqual(10);
    }
    expect(scheme.cadres.length).toBeGreaterThanOrEqual(180);
    expect(scheme.cadres.length).toBeLessThanOrEqual(220);
    expect(new Set(scheme.cadres.map((c) => c.group))).toEqual(new Set(['town-secretary', 'town-head', 'dept-head', 'deputy']));
    expect(scheme.season.periods).toHaveLength(13);
    expect(scheme.season.currentPeriod).toBe('m06');
    const ye = scheme.season.periods.at(-1)!;
    expect(ye.kind).toBe('year-end');
    expect(ye.weight / scheme.season.periods.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(0.05, 3);
    const names = scheme.tracks.flatMap((t) => t.indicators.map((i) => i.name));
    for (const n of ['固定资产投资完成率', '新开工项目数', '项目建设序时进度', '企业诉求办结率', '营商环境满意度', '12345热线按时办结率', '信访化解率', '安全生产事故'])
      expect(names).toContain(n);
  });

  it('uses every scoring method, every missing policy and a department override', () => {
    const indicators = scheme.tracks.flatMap((t) => t.indicators);
    expect(new Set(indicators.map((i) => i.method.kind))).toEqual(new Set(['completion', 'efficacy', 'rank', 'threshold', 'growth', 'grade', 'deduct']));
    expect(new Set(indicators.map((i) => i.missing))).toEqual(new Set(['zero', 'exclude', 'carry']));
    expect(indicators.filter((i) => i.direction === 'lower').length).toBeGreaterThan(2);
    expect(indicators.every((i) => i.owner)).toBe(true);
    const dept = scheme.groups.find((g) => g.id === 'dept')!;
    expect(Object.keys(dept.overrides ?? {})).toEqual(['enterprise', 'governance']);
    const ent = scheme.tracks.find((t) => t.id === 'enterprise')!;
    expect(effectiveIndicators(ent, dept).reduce((a, e) => a + e.fullMarks, 0)).toBe(100);
  });

  it('every group can reach full marks on every tiered or graded indicator', () => {
    for (const g of scheme.groups)
      for (const tid of g.tracks)
        for (const e of effectiveIndicators(scheme.tracks.find((t) => t.id === tid)!, g)) {
          const m = e.method;
          const top = m.kind === 'threshold' || (m.kind === 'rank' && m.tiers) ? Math.max(...(m.tiers ?? []).map((x) => x.points)) : m.kind === 'grade' ? Math.max(...Object.values(m.points)) : e.fullMarks;
          expect([g.id, e.indicator.code, top]).toEqual([g.id, e.indicator.code, e.fullMarks]);
        }
  });

  it('history is valid events in time order, with values, ratings, adjustments, a waived veto', () => {
    for (const e of history) expect(EventBodySchema.safeParse(e.body).success).toBe(true);
    for (let i = 1; i < history.length; i++) expect(history[i]!.at > history[i - 1]!.at).toBe(true);
    const types = new Set(history.map((e) => e.body.type));
    for (const t of ['value:recorded', 'rating:recorded', 'adjustment:recorded', 'veto:recorded', 'waiver:decided', 'cadre:adjusted', 'period:published'])
      expect(types).toContain(t);
    const periods = new Set(history.flatMap((e) => (e.body.type === 'value:recorded' ? [e.body.data.period] : [])));
    expect([...periods].sort()).toEqual(['m01', 'm02', 'm03', 'm04', 'm05', 'm06']);
    const waivers = history.flatMap((e) => (e.body.type === 'waiver:decided' ? [e.body.data] : []));
    expect(waivers.some((w) => w.target.startsWith('veto-') && w.decision === 'accepted')).toBe(true);
    // Every referenced unit, indicator, cadre and rater group exists.
    const units = new Set(scheme.units.map((u) => u.id));
    const codes = new Set(scheme.tracks.flatMap((t) => t.indicators.map((i) => i.code)));
    const cadres = new Set(scheme.cadres.map((c) => c.id));
    const raters = new Set(scheme.raterGroups.map((r) => r.id));
    for (const { body } of history) {
      if (body.type === 'value:recorded') expect(units.has(body.data.unit) && codes.has(body.data.indicator)).toBe(true);
      if (body.type === 'rating:recorded') expect(cadres.has(body.data.cadre) && raters.has(body.data.raterGroup)).toBe(true);
    }
  });

  it('every history event is accepted by the engine; the waived veto is lifted, the rejected one stands', () => {
    const short = makeDemoCounty({ seed: 42, year: 2026, throughMonth: 3 });
    const engine = createEngine(short.scheme);
    short.history.forEach((h, i) => {
      const ev = { ...h.body, seq: i + 1, at: h.at, actor: h.actor } as LogEvent;
      expect(engine.checkEvent(ev)).toBeNull();
      engine.apply(ev);
    });
    const st = engine.standings();
    expect(Object.values(st.boards['track|m02|project|strong']!.rows).every((r) => r.hasData)).toBe(true);
    expect(engine.explainUnit('m02', 'rural', 'baisha')!.vetoed).toBe(false);
    expect(engine.explainUnit('m02', 'governance', 'yunxi')!.vetoed).toBe(true);
    expect(engine.published().map((p) => p.period)).toEqual(['m01', 'm02']);
    expect(Object.keys(st.cadres).length).toBe(3 * 4);
  });

  it('with `now`, dates no event in the future and keeps the order', () => {
    const now = Date.UTC(2026, 5, 3, 8, 30);
    const h = makeDemoCounty({ seed: 42, year: 2026, throughMonth: 6, now }).history;
    expect(h.map((e) => e.body)).toEqual(history.map((e) => e.body));
    for (let i = 1; i < h.length; i++) expect(h[i]!.at > h[i - 1]!.at).toBe(true);
    expect(Date.parse(h.at(-1)!.at)).toBeLessThan(now);
    // Months before the current one keep their dates.
    const may = (x: typeof h) => x.filter((e) => e.at < '2026-06-01').map((e) => e.at);
    expect(may(h)).toEqual(may(history));
    expect(makeDemoCounty({ seed: 42, year: 2026, throughMonth: 6, now: Date.UTC(2027, 0, 1) }).history).toEqual(history);
  });

  it('rejects a month outside 1–12', () => {
    expect(() => makeDemoCounty({ seed: 1, year: 2026, throughMonth: 13 })).toThrow(RangeError);
  });
});

describe('createFeeder', () => {
  it('submits plausible values for the period, deterministically', async () => {
    const run = async () => {
      const got: EventBody[] = [];
      const f = createFeeder({ scheme, seed: 9, period: 'm06', submit: (b) => void got.push(b), now: () => 1_700_000_000_000 });
      for (let i = 0; i < 300; i++) await f.tick();
      return { got, stats: f.stats };
    };
    const a = await run();
    expect(JSON.stringify((await run()).got)).toBe(JSON.stringify(a.got));
    expect(a.stats).toEqual({ submitted: a.got.length, failed: 0 });
    const values = a.got.filter((b) => b.type === 'value:recorded');
    expect(values).toHaveLength(300);
    for (const b of a.got) expect(EventBodySchema.safeParse(b).success).toBe(true);
    for (const b of values) {
      expect(b.data.period).toBe('m06');
      const ind = scheme.tracks.flatMap((t) => t.indicators).find((i) => i.code === b.data.indicator)!;
      if (ind.measure === '%') expect(b.data.value as number).toBeGreaterThanOrEqual(0);
      if (ind.measure === '%') expect(b.data.value as number).toBeLessThanOrEqual(130);
      if (ind.method.kind === 'grade') expect(Object.keys(ind.method.points)).toContain(b.data.value);
    }
    const ids = a.got.flatMap((b) => (b.type === 'adjustment:recorded' ? [b.data.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps going when a submission fails, and start/stop drive ticks', async () => {
    let calls = 0;
    const f = createFeeder({ scheme, seed: 1, period: 'm06', intervalMs: 5, submit: () => { calls++; throw new Error('409'); } });
    await f.tick();
    expect(f.stats.failed).toBeGreaterThan(0);
    f.start();
    f.start();
    await new Promise((r) => setTimeout(r, 60));
    f.stop();
    const after = calls;
    expect(after).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(after);
  });
});

describe('mulberry32', () => {
  it('is a deterministic uniform stream', () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / 1000).toBeCloseTo(0.5, 1);
  });
});
