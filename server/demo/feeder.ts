/**
 * The demo feeder: keeps plausible values arriving for the current period so the wall display is
 * alive on first start. Each unit's form on each indicator does a small random walk pulled back
 * towards its strength, so ranks drift rather than jump; now and then a bonus is recorded.
 */
import type { EventBody } from '../../shared/events.ts';
import type { Indicator, Method, Scheme } from '../../shared/scheme.ts';
import { effectiveIndicators } from '../../shared/validate-scheme.ts';
import { effectiveRange } from '../../shared/value-range.ts';
import { DEMO_MODELS, modelValue } from './catalog.ts';
import type { ValueModel } from './catalog.ts';
import { formInMonth, unitForm } from './form.ts';
import { between, chance, clamp, derive, noise, pick, roundTo } from './random.ts';

export interface FeederOptions {
  scheme: Scheme;
  seed: number;
  /** The period values are submitted for (usually the season's current period). */
  period: string;
  /** Submits one event; a rejection or throw is counted and the feeder carries on. */
  submit: (body: EventBody) => Promise<unknown> | unknown;
  /** Time between ticks; default 3 s. */
  intervalMs?: number;
  /** Clock for the ids of generated bonuses (so restarts never reuse an id). */
  now?: () => number;
}

export interface Feeder {
  start(): void;
  stop(): void;
  /** Submits the next value (and sometimes a bonus); resolves with what was submitted. */
  tick(): Promise<EventBody[]>;
  readonly stats: { submitted: number; failed: number };
}

interface Slot {
  unit: string;
  track: string;
  indicator: Indicator;
  model: ValueModel;
  strength: number;
  q: number;
}

export function createFeeder(opts: FeederOptions): Feeder {
  const { scheme, period, submit } = opts;
  const now = opts.now ?? (() => Date.now());
  const rng = derive(opts.seed, 'feeder', period);
  const expected = scheme.season.periods.find((p) => p.id === period)?.expectedProgress;
  const monthMatch = /^m(\d{2})$/.exec(period);
  const month = monthMatch ? Number(monthMatch[1]) : null;
  const slots: Slot[] = [];
  for (const g of scheme.groups)
    for (const tid of g.tracks) {
      const track = scheme.tracks.find((t) => t.id === tid);
      if (!track) continue;
      for (const e of effectiveIndicators(track, g)) {
        const model = DEMO_MODELS.get(e.indicator.code)?.model ?? fallbackModel(e.indicator, e.method);
        for (const unit of g.units) {
          // Start where the demo history left the unit this month, so the first values do not jump.
          const strength = month ? formInMonth(opts.seed, unit, tid, month) : unitForm(opts.seed, unit, tid).strength;
          slots.push({ unit, track: tid, indicator: e.indicator, model, strength, q: clamp(strength + noise(rng, 0.1), 0, 1) });
        }
      }
    }

  const stats = { submitted: 0, failed: 0 };
  let timer: ReturnType<typeof setInterval> | null = null;
  let bonusNo = 0;

  const send = async (body: EventBody) => {
    try {
      await submit(body);
      stats.submitted++;
    } catch {
      stats.failed++;
    }
  };

  async function tick(): Promise<EventBody[]> {
    if (!slots.length) return [];
    const s = pick(rng, slots);
    // Random walk with a pull back towards the unit's strength keeps values in a realistic band.
    s.q = clamp(s.q + noise(rng, 0.06) + 0.15 * (s.strength - s.q), 0, 1);
    const ind = s.indicator;
    const value = modelValue(s.model, s.q, { rng, target: ind.targets?.[s.unit] ?? ind.target, baseline: ind.baselines?.[s.unit] ?? ind.baseline, expected });
    const bodies: EventBody[] = [{ type: 'value:recorded', data: { period, unit: s.unit, indicator: ind.code, value, source: '演示数据自动报送' } }];
    if (chance(rng, 0.03)) {
      bodies.push({
        type: 'adjustment:recorded',
        data: {
          id: `feed-${now()}-${++bonusNo}`,
          period,
          unit: s.unit,
          track: s.track,
          kind: 'bonus',
          points: roundTo(between(rng, 0.5, 2), 1),
          reason: pick(rng, ['承办全市现场观摩会', '经验做法获上级推广', '争取上级专项资金到位']),
          evidence: [],
        },
      });
    }
    for (const b of bodies) await send(b);
    return bodies;
  }

  return {
    stats,
    tick,
    start() {
      if (timer) return;
      timer = setInterval(() => void tick(), opts.intervalMs ?? 3000);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

/** A value model for an indicator the demo catalog does not know (an admin added it). */
export function fallbackModel(ind: Indicator, m: Method): ValueModel {
  const lower = ind.direction === 'lower';
  const range = (worst: number, best: number): ValueModel => ({ kind: 'level', worst: lower ? best : worst, best: lower ? worst : best, decimals: 1 });
  switch (m.kind) {
    case 'grade':
      return { kind: 'grade', labels: Object.entries(m.points).sort((a, b) => b[1] - a[1]).map(([k]) => k) };
    case 'deduct':
      return { kind: 'events', rate: 0.5 };
    case 'completion':
      return { kind: 'ofTarget', worst: 0.6, best: 1.1, decimals: effectiveRange(ind).integer ? 0 : 1 };
    case 'growth':
      return { kind: 'growth', worst: -5, best: 20 };
    case 'threshold': {
      const bounds = m.tiers.map((t) => t.bound);
      const best = bounds[0]!;
      const last = bounds.at(-1)!;
      const worst = last - (best - last || Math.abs(best) * 0.2 || 1) * 0.5;
      return { kind: 'level', worst, best, decimals: effectiveRange(ind).integer ? 0 : 1 };
    }
    default:
      return ind.measure === '%' ? range(60, 100) : { kind: 'count', worst: lower ? 10 : 0, best: lower ? 0 : 10 };
  }
}
