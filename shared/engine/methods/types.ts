import type { Method } from '../../scheme.ts';

/** What a method may know about one unit's indicator besides the value. */
export interface CellContext {
  fullMarks: number;
  direction: 'higher' | 'lower';
  target: number | undefined;
  baseline: number | undefined;
}

export interface Message {
  zh: string;
  en: string;
}

/**
 * One scoring method (SPEC §4). A method scores either each unit on its own (`unit`) or a whole
 * group at once (`group`: efficacy, rank). Points are unrounded here; the engine rounds them and
 * clamps them into [0, fullMarks·cap]. A new method is one file implementing this interface plus
 * its zod schema in shared/scheme.ts.
 */
export interface MethodImpl<M extends Method = Method> {
  kind: M['kind'];
  /** Turns a submitted value into the number that is scored, or says why it cannot be used. */
  encode(raw: number | string, m: M): number | Message;
  /** True when `encode` is `numeric`: a finite number is scored as it is (lets bulk loads skip the call). */
  numeric?: true;
  /** Turns the stored number back into the value people see (grade labels). */
  decode(x: number, m: M): number | string;
  /** Upper bound as a multiple of full marks (1 unless the method has a cap). */
  cap(m: M): number;
  unit?(x: number, m: M, c: CellContext): number;
  /** Scores a whole column; `xs[i]` is NaN where the unit has no value (its result is ignored). */
  group?(xs: Float64Array, m: M, c: Omit<CellContext, 'target' | 'baseline'>): Float64Array;
}

export function numeric(raw: number | string): number | Message {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  return { zh: `「${String(raw)}」不是数值`, en: `"${String(raw)}" is not a number` };
}
