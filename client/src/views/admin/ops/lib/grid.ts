/**
 * The entry grid's model: the server's grid (GET /api/grid), the user's drafts per cell, which
 * drafts differ from the stored value, and the batch items that save them (POST /api/values/batch).
 */
import { newKey } from './keys.ts';
import { outOfRange, type EffectiveRange, type RangeMessage } from '../../../../../../shared/value-range.ts';

export type CellValue = number | string | null;

export interface GridCell {
  value: CellValue;
  seq: number;
  at: string;
  actor: string;
}
export interface GridIndicator {
  id: string;
  name: string;
  /** Measure unit (%, 万元 …). */
  unit?: string;
  method?: string;
  owner?: string | null;
  fullMarks?: number;
  /** Labels of a grade indicator. */
  grades?: string[];
  /** The values the scheme accepts (取值范围). */
  range?: EffectiveRange;
  editable: boolean;
}
export interface GridUnit {
  id: string;
  name: string;
  group: string;
  /** The indicators its group is scored on (差异化考核); all when absent. */
  indicators?: string[];
}
export interface Grid {
  version: number;
  period: string;
  track: string;
  indicators: GridIndicator[];
  units: GridUnit[];
  cells: Record<string, Record<string, GridCell>>;
}

/** A cell the user typed into. */
export interface Draft {
  unit: string;
  indicator: string;
  /** What was typed. */
  input: string;
  /** The parsed value, or undefined when the input is not valid. */
  value: CellValue | undefined;
  /** Why a number or label is not accepted (outside the indicator's range). */
  error?: RangeMessage;
  /** Idempotency key, renewed whenever the value changes. */
  key: string;
}
export type Drafts = Record<string, Draft>;

export interface BatchItem {
  key: string;
  period: string;
  unit: string;
  indicator: string;
  value: CellValue;
  source: string;
  reason?: string;
}

/** Ids never contain `/`, so this names a cell unambiguously. */
export function cellId(unit: string, indicator: string): string {
  return `${unit}/${indicator}`;
}

export function storedValue(grid: Grid, unit: string, indicator: string): CellValue {
  return grid.cells[unit]?.[indicator]?.value ?? null;
}

/** Whether a cell can take a value: the indicator is editable and the unit's group is scored on it. */
export function cellOpen(u: GridUnit, i: GridIndicator): boolean {
  return i.editable && (u.indicators === undefined || u.indicators.includes(i.id));
}

/** How a stored value is shown and edited. */
export function formatValue(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

export type Parsed = { ok: true; value: CellValue } | { ok: false; reason: 'number' | 'label' };

/**
 * Reads what was typed: empty → null (withdraw), a number (full-width digits and thousands
 * separators allowed), or for grade indicators a label of up to 20 characters.
 */
export function parseInput(text: string, method?: string): Parsed {
  const s = text.normalize('NFKC').trim();
  if (s === '') return { ok: true, value: null };
  const num = s.replace(/[,\s]/g, '');
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(num)) {
    const n = Number(num);
    if (Number.isFinite(n)) return { ok: true, value: n };
  }
  if (method === 'grade') return s.length <= 20 ? { ok: true, value: s } : { ok: false, reason: 'label' };
  return { ok: false, reason: 'number' };
}

/** A new or updated draft for what the user typed (the key changes only when the value does). */
export function editDraft(grid: Grid, drafts: Drafts, unit: string, indicator: string, input: string, key: () => string = () => newKey('grid')): Drafts {
  const id = cellId(unit, indicator);
  const ind = grid.indicators.find((i) => i.id === indicator);
  const parsed = parseInput(input, ind?.method);
  const error = parsed.ok && parsed.value !== null && ind?.range ? (outOfRange(ind.range, ind.name, ind.unit ?? '', parsed.value) ?? undefined) : undefined;
  const value = parsed.ok && !error ? parsed.value : undefined;
  const prev = drafts[id];
  const next = { ...drafts };
  if (parsed.ok && value === storedValue(grid, unit, indicator)) {
    delete next[id];
    return next;
  }
  next[id] = { unit, indicator, input, value, ...(error ? { error } : {}), key: prev && prev.value === value ? prev.key : key() };
  return next;
}

/** Drafts that would change the stored value (valid or not), in grid order. */
export function dirtyDrafts(grid: Grid, drafts: Drafts): Draft[] {
  const out: Draft[] = [];
  for (const u of grid.units)
    for (const i of grid.indicators) {
      const d = drafts[cellId(u.id, i.id)];
      if (d && (d.value === undefined || d.value !== storedValue(grid, u.id, i.id))) out.push(d);
    }
  return out;
}

/** Drafts whose input could not be read. */
export function invalidDrafts(grid: Grid, drafts: Drafts): Draft[] {
  return dirtyDrafts(grid, drafts).filter((d) => d.value === undefined);
}

/** A change to a cell that already has a value is a correction and needs a reason. */
export function isCorrection(grid: Grid, d: Draft): boolean {
  return storedValue(grid, d.unit, d.indicator) !== null;
}

/** The batch that saves the valid dirty drafts; corrections carry the reason. */
export function toBatchItems(grid: Grid, drafts: Drafts, reason: string, source = 'form'): BatchItem[] {
  return dirtyDrafts(grid, drafts)
    .filter((d) => d.value !== undefined)
    .map((d) => {
      const item: BatchItem = { key: d.key, period: grid.period, unit: d.unit, indicator: d.indicator, value: d.value as CellValue, source };
      if (isCorrection(grid, d)) item.reason = reason.trim();
      return item;
    });
}

export interface Problem {
  index?: number;
  code?: string;
  message?: string;
  zh?: string;
  en?: string;
}

/** Reads `details.problems` of a refused batch. */
export function batchProblems(body: unknown): Problem[] {
  const details = (body as { details?: { problems?: unknown } } | null)?.details;
  return Array.isArray(details?.problems) ? (details.problems as Problem[]) : [];
}

/**
 * Puts a refused batch's problems on the cells they name (by the item's index); problems without
 * a usable index are returned as general messages.
 */
export function problemsByCell(items: BatchItem[], problems: Problem[], lang: 'zh-CN' | 'en'): { cells: Record<string, string>; general: string[] } {
  const cells: Record<string, string> = {};
  const general: string[] = [];
  for (const p of problems) {
    const text = (lang === 'en' ? p.en : p.zh) ?? p.message ?? p.zh ?? p.en ?? p.code ?? '';
    const item = typeof p.index === 'number' ? items[p.index] : undefined;
    if (!item) {
      general.push(text);
      continue;
    }
    const id = cellId(item.unit, item.indicator);
    cells[id] = cells[id] ? `${cells[id]}; ${text}` : text;
  }
  return { cells, general };
}

/** Drafts left after a successful save: the saved ones are gone. */
export function withoutSaved(drafts: Drafts, items: BatchItem[]): Drafts {
  const next = { ...drafts };
  for (const it of items) if (next[cellId(it.unit, it.indicator)]?.key === it.key) delete next[cellId(it.unit, it.indicator)];
  return next;
}
