/**
 * 取值范围: the values an indicator accepts. A scheme may set `range` on an indicator; each field
 * left out takes the default for the indicator's measure unit (percentages are ≥ 0, counts are
 * whole numbers ≥ 0). The event check applies it to every recorded or corrected value, so the
 * data grid, the HTTP API and imports all refuse the same values with the same message.
 */
import type { Indicator, ValueRange } from './scheme.ts';

/** A range with every default filled in: `null` bounds are open. */
export interface EffectiveRange {
  min: number | null;
  max: number | null;
  integer: boolean;
  /** Grade indicators: the labels that may be recorded; null for numeric indicators. */
  grades: string[] | null;
}

/** A message in both languages. */
export interface RangeMessage {
  zh: string;
  en: string;
}

type RangeIndicator = Pick<Indicator, 'name' | 'measure' | 'method'> & { range?: ValueRange | undefined };

/** Measure units of shares: values are ≥ 0 (a completion rate may pass 100). */
export const PERCENT_MEASURES: readonly string[] = ['%', '％', '‰', '百分比'];
/** Measure units of counts: whole numbers ≥ 0. */
export const COUNT_MEASURES: readonly string[] = ['件', '个', '次', '起', '宗', '家', '家次', '户', '人', '人次', '名', '项', '例', '处', '座', '台', '套', '批'];

/** The default range of a measure unit and method, before the scheme's own `range` fields. */
export function defaultRange(measure: string, kind: Indicator['method']['kind']): EffectiveRange {
  const m = measure.trim();
  if (kind === 'grade') return { min: null, max: null, integer: false, grades: null };
  // 扣分法 counts occurrences whatever the measure says.
  if (kind === 'deduct' || COUNT_MEASURES.includes(m)) return { min: 0, max: null, integer: true, grades: null };
  if (PERCENT_MEASURES.includes(m)) return { min: 0, max: null, integer: false, grades: null };
  return { min: null, max: null, integer: false, grades: null };
}

/** The indicator's range: its own `range` fields over the defaults of its measure unit. */
export function effectiveRange(ind: RangeIndicator): EffectiveRange {
  const d = defaultRange(ind.measure, ind.method.kind);
  const r = ind.range ?? {};
  const grades = ind.method.kind === 'grade' ? (r.grades ?? Object.keys(ind.method.points)) : null;
  return {
    min: r.min === undefined ? d.min : r.min,
    max: r.max === undefined ? d.max : r.max,
    integer: r.integer ?? d.integer,
    grades,
  };
}

/** A number as people write it, with a real minus sign. */
function num(x: number): string {
  return x < 0 ? `−${-x}` : String(x);
}

/** "0–∞", "−100–100", "−∞–5". */
export function formatBounds(r: Pick<EffectiveRange, 'min' | 'max'>): string {
  return `${r.min === null ? '−∞' : num(r.min)}–${r.max === null ? '∞' : num(r.max)}`;
}

/** The range as shown beside a field: "0–∞（整数，个）" / "0–∞ (whole numbers, 个)"; grade labels for grade indicators. */
export function describeRange(r: EffectiveRange, measure: string): RangeMessage {
  if (r.grades) return { zh: r.grades.join('、'), en: r.grades.join(', ') };
  const zh = [r.integer ? '整数' : '', measure.trim()].filter(Boolean).join('，');
  const en = [r.integer ? 'whole numbers' : '', measure.trim()].filter(Boolean).join(', ');
  return { zh: `${formatBounds(r)}${zh ? `（${zh}）` : ''}`, en: `${formatBounds(r)}${en ? ` (${en})` : ''}` };
}

/**
 * Why `value` is not accepted for the indicator, naming it and the allowed range, or null when it
 * is. Text that is not a number (for a numeric indicator) is left to the scoring method's check.
 */
export function rangeProblem(ind: RangeIndicator, value: number | string): RangeMessage | null {
  return outOfRange(effectiveRange(ind), ind.name, ind.measure, value);
}

/** `rangeProblem` against a range already worked out (the data grid gets it from the server). */
export function outOfRange(r: EffectiveRange, name: string, measure: string, value: number | string): RangeMessage | null {
  const allowed = describeRange(r, measure);
  if (r.grades) {
    const label = String(value).trim();
    return r.grades.includes(label)
      ? null
      : { zh: `指标「${name}」等次「${label}」不在允许的等次中（可用：${allowed.zh}）`, en: `Indicator ${name}: grade "${label}" is not allowed (allowed: ${allowed.en})` };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const outside = (r.min !== null && value < r.min) || (r.max !== null && value > r.max);
  if (outside) return { zh: `指标「${name}」数值 ${num(value)} 超出允许范围 ${allowed.zh}`, en: `Indicator ${name}: value ${num(value)} is outside the allowed range ${allowed.en}` };
  if (r.integer && !Number.isInteger(value))
    return { zh: `指标「${name}」数值 ${num(value)} 应为整数，允许范围 ${allowed.zh}`, en: `Indicator ${name}: value ${num(value)} must be a whole number, allowed range ${allowed.en}` };
  return null;
}
