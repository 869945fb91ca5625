/**
 * The engine the rest of the code uses: one incremental engine per scheme still in force for
 * some period (eras.ts). With one scheme (the usual case) it is that engine. After a change that
 * takes effect from a later period, the earlier periods keep an engine under the scheme they were
 * scored with; every event goes to every engine (facts are scheme-independent), and each board is
 * taken from the engine of its period. The reference engine composes the same way.
 */
import type { EventBody, LogEvent } from '../events.ts';
import type { Scheme } from '../scheme.ts';
import type { Standings, StandingsDiff } from '../standings.ts';
import { diffStandings } from './diff-builder.ts';
import { IncrementalEngine } from './engine.ts';
import { composeCadres, eraOf, liveEras, ownerOfKey, type SchemeEra } from './eras.ts';
import { Facts } from './facts.ts';
import type { Engine } from './types.ts';

interface Era extends SchemeEra {
  engine: IncrementalEngine;
}

/** An engine at the version of the last event given: folds the log into facts and builds once. */
export function createEngine(scheme: Scheme, events: LogEvent[] = []): Engine {
  return new EraEngine(scheme, events);
}

export class EraEngine implements Engine {
  private eras: Era[];
  private owners = new Map<string, number>();

  constructor(scheme: Scheme, events: LogEvent[] = []) {
    // Fold the log into one Facts per era, then build each engine once.
    let folded: Array<SchemeEra & { facts: Facts }> = [{ scheme, effectiveFrom: null, facts: new Facts(scheme) }];
    let last = 0;
    for (const e of events) {
      if (!(e.seq > last)) throw new Error(`event seq ${e.seq} is not after ${last}`);
      last = e.seq;
      if (e.type === 'scheme:changed') {
        const prev = folded[folded.length - 1]!;
        const next = liveEras<SchemeEra & { facts?: Facts }>([...folded, eraOf(e)]).eras;
        // the replaced scheme's facts go on with the new one unless it still scores a period
        next[next.length - 1]!.facts = next.includes(prev) ? prev.facts.withScheme(prev.scheme) : prev.facts;
        folded = next as typeof folded;
        for (const f of folded) f.facts.version = e.seq;
        folded[folded.length - 1]!.facts.add(e);
      } else for (const f of folded) f.facts.add(e);
    }
    this.eras = folded.map(({ facts, ...era }) => ({ ...era, engine: new IncrementalEngine(facts.scheme, [], facts) }));
    this.owners = liveEras(this.eras).owners;
  }

  private get current(): IncrementalEngine {
    return this.eras[this.eras.length - 1]!.engine;
  }

  get scheme(): Scheme {
    return this.current.scheme;
  }

  get version(): number {
    return this.current.version;
  }

  /** The scheme in force for each period of the current scheme (period id → scheme). */
  schemeOf(period: string): Scheme {
    return this.engineOf(period).scheme;
  }

  /** The value last reported for a cell (facts are the same in every era's engine). */
  reportedValue(period: string, unit: string, indicator: string): number | string | null {
    return this.current.reportedValue(period, unit, indicator);
  }

  /** How many schemes are in force (1 unless a change kept earlier periods on an older scheme). */
  get eraCount(): number {
    return this.eras.length;
  }

  /** The facts folded so far (the same in every era's engine; what a snapshot stores with `schemeEras`). */
  get facts(): Facts {
    return this.current.facts;
  }

  /** The schemes in force, oldest first, each with the period it scores from (the first: null). */
  get schemeEras(): SchemeEra[] {
    return this.eras.map(({ scheme, effectiveFrom }) => ({ scheme, effectiveFrom }));
  }

  apply(input: LogEvent | LogEvent[]): StandingsDiff {
    const events = Array.isArray(input) ? input : [input];
    const from = this.version;
    for (const e of events) if (!(e.seq > from)) throw new Error(`event seq ${e.seq} is not after version ${from}`);
    if (events.some((e) => e.type === 'scheme:changed')) {
      const before = this.standings();
      let run: LogEvent[] = [];
      for (const e of events) {
        if (e.type !== 'scheme:changed') {
          run.push(e);
          continue;
        }
        if (run.length) this.applyRun(run);
        run = [];
        this.changeScheme(e);
      }
      if (run.length) this.applyRun(run);
      return diffStandings(before, this.standings());
    }
    return this.applyRun(events);
  }

  /** Events without a scheme change: every engine takes them; each board's patch comes from its own. */
  private applyRun(events: LogEvent[]): StandingsDiff {
    if (this.eras.length === 1) return this.current.apply(events);
    const from = this.version;
    const out: StandingsDiff = { from, to: events[events.length - 1]!.seq };
    const mine = (i: number) => (key: string) => ownerOfKey(this.owners, this.eras.length - 1, key) === i;
    this.eras.forEach((era, i) => {
      const d = era.engine.apply(events);
      const own = mine(i);
      pick(out, 'added', d.added, own);
      pick(out, 'boards', d.boards, own);
      pick(out, 'cadresAdded', d.cadresAdded, own);
      const order = [...this.owners.keys()];
      for (const b of Object.values(out.cadresAdded ?? {})) b.periodIndex = order.indexOf(b.period);
      pick(out, 'cadres', d.cadres, own);
      for (const k of d.dropped ?? []) if (own(k)) (out.dropped ??= []).push(k);
      for (const k of d.cadresDropped ?? []) if (own(k)) (out.cadresDropped ??= []).push(k);
    });
    return out;
  }

  private changeScheme(e: Extract<LogEvent, { type: 'scheme:changed' }>): void {
    const prev = this.eras[this.eras.length - 1]!;
    const next = liveEras<SchemeEra>([...this.eras, eraOf(e)]).eras;
    // The scheme replaced keeps an engine of its own when it still scores some period.
    const kept = next.includes(prev);
    const frozen = kept ? new IncrementalEngine(prev.scheme, [], prev.engine.facts.withScheme(prev.scheme)) : null;
    for (const era of this.eras) if (era !== prev) era.engine.facts.version = e.seq;
    prev.engine.apply(e);
    const added = next[next.length - 1]!;
    this.eras = next.map((x) => (x === prev ? { ...prev, engine: frozen! } : x === added ? { ...added, engine: prev.engine } : (x as Era)));
    if (frozen) frozen.facts.version = e.seq;
    this.owners = liveEras(this.eras).owners;
  }

  private engineOf(period: string | null): IncrementalEngine {
    const i = period === null ? undefined : this.owners.get(period);
    return (i === undefined ? this.current : this.eras[i]!.engine) as IncrementalEngine;
  }

  standings(): Standings {
    if (this.eras.length === 1) return this.current.standings();
    const out: Standings = { version: this.version, boards: {}, cadres: {} };
    const last = this.eras.length - 1;
    this.eras.forEach((era, i) => {
      const s = era.engine.standings();
      for (const [k, b] of Object.entries(s.boards)) if (ownerOfKey(this.owners, last, k) === i) out.boards[k] = b;
      for (const [k, b] of Object.entries(s.cadres)) if (ownerOfKey(this.owners, last, k) === i) out.cadres[k] = b;
    });
    composeCadres(out.cadres, this.owners);
    return out;
  }

  boardScores(key: string): number[] | null {
    const i = ownerOfKey(this.owners, this.eras.length - 1, key);
    return i === null ? null : this.eras[i]!.engine.boardScores(key);
  }

  explainUnit(period: string, track: string, unit: string) {
    return this.engineOf(period).explainUnit(period, track, unit);
  }

  explainOverall(period: string | null, unit: string) {
    return this.engineOf(period).explainOverall(period, unit);
  }

  explainSeason(track: string, unit: string) {
    return this.current.explainSeason(track, unit);
  }

  explainCadre(period: string, cadre: string) {
    return this.engineOf(period).explainCadre(period, cadre);
  }

  checkEvent(event: EventBody) {
    return this.current.checkEvent(event);
  }

  published() {
    return this.current.published();
  }
}

function pick<K extends 'added' | 'boards' | 'cadresAdded' | 'cadres'>(out: StandingsDiff, field: K, from: StandingsDiff[K], own: (key: string) => boolean): void {
  if (!from) return;
  for (const [k, v] of Object.entries(from)) {
    if (!own(k)) continue;
    const target = (out[field] ??= {} as NonNullable<StandingsDiff[K]>) as Record<string, unknown>;
    target[k] = v;
  }
}
