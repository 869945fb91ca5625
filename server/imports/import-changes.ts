/**
 * What a values import changes, cell by cell: new values and overwrites of recorded ones, each
 * old → new with the unit's and indicator's names. Cells whose key a previous import of the same
 * file spent are duplicates (the same file twice adds nothing). An overwrite is a correction and
 * needs a reason, as in the data grid: one reason for the file, recorded on every overwritten cell.
 */
import type { Scheme } from '../../shared/scheme.ts';
import type { ImportChange } from '../../shared/import-change.ts';
import type { Submission } from '../services/race-service.ts';
import { AppError } from '../http/errors.ts';
import type { PlannedCell } from './import-values.ts';

export type { ImportChange };

export interface ClassifiedImport {
  changes: ImportChange[];
  /** Cells of the file already imported by an earlier upload of it. */
  duplicates: number;
  added: number;
  overwritten: number;
}

/** Splits the planned cells (minus those whose key is spent) into new values and overwrites. */
export function classify(scheme: Scheme, planned: PlannedCell[], spent: Set<string>): ClassifiedImport & { fresh: PlannedCell[] } {
  const units = new Map(scheme.units.map((u) => [u.id, u.name]));
  const inds = new Map(scheme.tracks.flatMap((t) => t.indicators.map((i) => [i.code, i] as const)));
  const fresh = planned.filter((p) => !spent.has(p.key));
  const changes = fresh.map((p): ImportChange => {
    const ind = inds.get(p.indicator);
    return {
      row: p.row,
      column: p.column,
      unit: p.unit,
      unitName: units.get(p.unit) ?? p.unit,
      indicator: p.indicator,
      indicatorName: ind?.name ?? p.indicator,
      measure: ind?.measure ?? '',
      before: p.before,
      after: p.after,
      kind: p.before === null ? 'new' : 'overwrite',
    };
  });
  const overwritten = changes.filter((c) => c.kind === 'overwrite').length;
  return { fresh, changes, duplicates: planned.length - fresh.length, added: changes.length - overwritten, overwritten };
}

const show = (v: number | string | null) => (v === null ? '—' : String(v));

/** The refusal of an import that overwrites recorded values without a reason (nothing is written). */
export function reasonRequired(c: ClassifiedImport): AppError {
  const first = c.changes.find((x) => x.kind === 'overwrite')!;
  const example = `${first.unitName} ${first.indicatorName} ${show(first.before)} → ${show(first.after)}`;
  return new AppError(
    422,
    'reason_required',
    {
      zh: `该文件将覆盖 ${c.overwritten} 个已有数值（如 ${example}），覆盖即更正，请填写更正理由后再导入。未导入任何数据。`,
      en: `The file overwrites ${c.overwritten} recorded value(s) (e.g. ${example}); an overwrite is a correction: give the reason and import again. Nothing was imported.`,
    },
    { overwritten: c.overwritten, changes: c.changes.filter((x) => x.kind === 'overwrite') },
  );
}

/** The submissions of the fresh cells: new values as recorded, overwrites as corrections with the reason. */
export function changeSubmissions(fresh: PlannedCell[], reason: string | undefined): Submission[] {
  return fresh.map((p) => {
    if (p.before === null || p.body.type !== 'value:recorded') return { key: p.key, body: p.body };
    return { key: p.key, body: { type: 'value:corrected', data: { ...p.body.data, reason: reason! } } };
  });
}
