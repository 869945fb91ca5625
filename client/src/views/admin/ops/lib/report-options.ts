/**
 * The options of the 通报 export: plain, or formal with a red header (发文机关, 文号, 成文日期) and
 * a signature block. Checked here as the server checks them, so a download link is only offered
 * for options the server accepts.
 */

export const ORGAN_MAX = 30;
export const DOC_NO_MAX = 30;

export interface ReportOptions {
  formal: boolean;
  organ: string;
  docNo: string;
  /** YYYY-MM-DD, or '' for today. */
  date: string;
}

export type ReportProblem = 'organRequired' | 'organTooLong' | 'docNoRequired' | 'docNoTooLong' | 'control' | 'date';

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const length = (s: string) => [...s.trim()].length;

/** What is wrong with the options (the first problem per field), empty when they can be used. */
export function reportProblems(o: ReportOptions): ReportProblem[] {
  if (!o.formal) return [];
  const out: ReportProblem[] = [];
  if (!length(o.organ)) out.push('organRequired');
  else if (length(o.organ) > ORGAN_MAX) out.push('organTooLong');
  if (!length(o.docNo)) out.push('docNoRequired');
  else if (length(o.docNo) > DOC_NO_MAX) out.push('docNoTooLong');
  if (CONTROL.test(o.organ) || CONTROL.test(o.docNo)) out.push('control');
  if (o.date && !/^\d{4}-\d{2}-\d{2}$/.test(o.date)) out.push('date');
  return out;
}

/** The query of a 通报 download (after `source`). */
export function reportQuery(o: ReportOptions): string {
  if (!o.formal) return '';
  const q = new URLSearchParams({ formal: '1', organ: o.organ.trim(), docNo: o.docNo.trim() });
  if (o.date) q.set('date', o.date);
  return `&${q.toString()}`;
}
