/**
 * The options of a formal 通报 (红头文件), given by the admin when exporting: issuing organ
 * (发文机关), document number (文号) and date (成文日期). Checked here with messages a person can
 * act on; the text is then only ever drawn as text (PDF) or escaped by the docx writer.
 */
import { z } from 'zod';
import { errors } from '../http/errors.ts';
import type { Formal } from './report-doc.ts';
import { dayIn } from './time.ts';

export const ORGAN_MAX = 30;
export const DOC_NO_MAX = 30;

export const FormalQuery = z.object({
  formal: z.enum(['0', '1', 'true', 'false']).optional().describe('1: a formal 通报 with red header (红头) and signature block'),
  organ: z.string().max(200).optional().describe(`issuing organ (发文机关), e.g. 中共XX县委组织部; required when formal (≤ ${ORGAN_MAX} characters)`),
  docNo: z.string().max(200).optional().describe(`document number (文号), e.g. 组干〔2026〕12号; required when formal (≤ ${DOC_NO_MAX} characters)`),
  date: z.string().max(20).optional().describe('date of the document (成文日期), YYYY-MM-DD; default today in the report time zone'),
});

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

function text(v: string | undefined, max: number, zhName: string, enName: string): string {
  const s = (v ?? '').trim();
  if (!s) throw errors.badRequest(`正式通报需要填写${zhName}。`, `A formal report needs the ${enName}.`);
  if ([...s].length > max) throw errors.badRequest(`${zhName}不能超过 ${max} 个字。`, `The ${enName} may have at most ${max} characters.`);
  if (CONTROL.test(s)) throw errors.badRequest(`${zhName}含有不可见的控制字符，请重新输入。`, `The ${enName} contains control characters; type it again.`);
  return s;
}

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The formal options of a request, or null for a plain report. */
export function formalOf(q: z.infer<typeof FormalQuery>, now: Date, timeZone: string): Formal | null {
  if (q.formal !== '1' && q.formal !== 'true') return null;
  const organ = text(q.organ, ORGAN_MAX, '发文机关', 'issuing organ');
  const docNo = text(q.docNo, DOC_NO_MAX, '文号', 'document number');
  const date = q.date?.trim() || dayIn(now, timeZone);
  if (!validDate(date)) throw errors.badRequest('成文日期应为有效日期，格式如 2026-12-03。', 'The date must be a real date written as YYYY-MM-DD, e.g. 2026-12-03.');
  return { organ, docNo, date };
}
