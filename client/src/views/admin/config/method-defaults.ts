/** Starting parameters when an indicator switches to a scoring method (SPEC §4 defaults). */
import type { Method, MethodKind } from '../../../../../shared/scheme.ts';

export const METHOD_KINDS: MethodKind[] = ['completion', 'efficacy', 'rank', 'threshold', 'growth', 'grade', 'deduct'];

const r2 = (n: number) => Math.round(n * 100) / 100;

export function defaultMethod(kind: MethodKind, fullMarks: number): Method {
  const f = fullMarks > 0 ? fullMarks : 10;
  switch (kind) {
    case 'completion':
      return { kind, cap: 1 };
    case 'efficacy':
      return { kind, base: 0.6 };
    case 'rank':
      return { kind, step: r2(f / 10), floor: 0 };
    case 'threshold':
      return { kind, tiers: [{ bound: 100, points: f }, { bound: 90, points: r2(f * 0.8) }, { bound: 80, points: r2(f * 0.6) }] };
    case 'growth':
      return { kind, targetGrowth: 10, par: 0.8, step: r2(f / 20), cap: 1 };
    case 'grade':
      return { kind, points: { 优: f, 良: r2(f * 0.8), 中: r2(f * 0.6), 差: r2(f * 0.4) } };
    case 'deduct':
      return { kind, step: r2(f / 5) };
  }
}

/** A one-line summary of the parameters, e.g. `cap 1.2` or `3 tiers`. */
export function methodSummary(m: Method): string {
  switch (m.kind) {
    case 'completion':
      return `≤ ${m.cap}`;
    case 'efficacy':
      return `base ${m.base}${m.best !== undefined ? ` · ${m.best}` : ''}${m.worst !== undefined ? ` / ${m.worst}` : ''}`;
    case 'rank':
      return m.tiers ? m.tiers.map((x) => `≤${x.top}:${x.points}`).join(' ') : `−${m.step ?? 0}/${m.floor}`;
    case 'threshold':
      return m.tiers.map((x) => `${x.bound}:${x.points}`).join(' ');
    case 'growth':
      return `${m.targetGrowth}% · ${m.par} · ±${m.step}`;
    case 'grade':
      return Object.entries(m.points).map(([k, v]) => `${k}:${v}`).join(' ');
    case 'deduct':
      return `−${m.step}`;
  }
}
