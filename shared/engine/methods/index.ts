import type { Method, MethodKind } from '../../scheme.ts';
import { fx } from '../fixed.ts';
import { completion } from './completion.ts';
import { deduct } from './deduct.ts';
import { efficacy } from './efficacy.ts';
import { grade } from './grade.ts';
import { growth } from './growth.ts';
import { rank } from './rank.ts';
import { threshold } from './threshold.ts';
import type { CellContext, MethodImpl } from './types.ts';

export type { CellContext, MethodImpl, Message } from './types.ts';

const registry: Record<MethodKind, MethodImpl> = {
  completion,
  efficacy,
  rank,
  threshold,
  growth,
  grade,
  deduct,
} as Record<MethodKind, MethodImpl>;

export function methodImpl(m: Method): MethodImpl {
  return registry[m.kind];
}

/**
 * Scores one column of values (NaN = missing) and returns points in 1e-4 units, clamped into
 * [0, F·cap]; missing values get 0.
 */
export function scoreColumn(xs: Float64Array, m: Method, ctx: (i: number) => CellContext, out?: Int32Array): Int32Array {
  const impl = methodImpl(m);
  const res = out ?? new Int32Array(xs.length);
  const c0 = ctx(0);
  const max = c0.fullMarks * impl.cap(m);
  if (impl.group) {
    const pts = impl.group(xs, m, { fullMarks: c0.fullMarks, direction: c0.direction });
    for (let i = 0; i < xs.length; i++) res[i] = Number.isNaN(xs[i]!) ? 0 : fx(clamp(pts[i]!, max));
  } else {
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      res[i] = Number.isNaN(x) ? 0 : fx(clamp(impl.unit!(x, m, ctx(i)), max));
    }
  }
  return res;
}

/** Points (1e-4 units) of one value when the method needs nothing but the unit's own value. */
export function scoreOne(x: number, m: Method, c: CellContext): number {
  const impl = methodImpl(m);
  return fx(clamp(impl.unit!(x, m, c), c.fullMarks * impl.cap(m)));
}

export function isGroupMethod(m: Method): boolean {
  return methodImpl(m).group !== undefined;
}

function clamp(p: number, max: number): number {
  return Number.isFinite(p) ? Math.min(Math.max(p, 0), max) : 0;
}
