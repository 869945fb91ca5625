/**
 * From which period a scheme change takes effect. Published periods are frozen by default: the
 * change scores from the first period not yet published, and the periods before it keep the
 * scheme they were scored with (shared/engine/eras.ts). Re-scoring a published period is an
 * explicit choice (an earlier `effectiveFrom`) that needs a reason; the published snapshot, its
 * exports and the wall display's published source stay as published either way.
 */
import type { EventData } from '../../shared/events.ts';
import type { Scheme } from '../../shared/scheme.ts';
import { AppError } from '../http/errors.ts';

export interface SchemeEffectChoice {
  /** First period the new scheme scores; default: the first unpublished one. */
  effectiveFrom?: string;
  /** Required when the change re-scores a published period. */
  rescoreReason?: string;
}

export const schemeEffectErrors = {
  unknownPeriod: (id: string) =>
    new AppError(400, 'unknown_period', { zh: `生效考核期「${id}」不在新方案的考核期中。`, en: `The new scheme has no period "${id}" to take effect from.` }),
  allPublished: () =>
    new AppError(409, 'all_periods_published', {
      zh: '所有考核期均已发布：请选择修改从哪个考核期起生效，并填写重新计分的理由。',
      en: 'Every period is published: choose the period the change takes effect from and give the reason for re-scoring.',
    }),
  rescoreNeedsReason: (names: string[], periods: string[]) =>
    new AppError(
      409,
      'rescore_needs_reason',
      {
        zh: `该修改将重新计算已发布的考核期（${names.join('、')}）。如确需重新计分，请填写理由；已发布的结果、导出和大屏发布内容保持不变。`,
        en: `This change re-scores published periods (${names.join(', ')}). To go ahead, give a reason; the published results, their exports and the wall display's published source stay as published.`,
      },
      { periods },
    ),
};

/** Published period ids of the new scheme, in its order, at or after `from`. */
export function publishedFrom(scheme: Scheme, published: Iterable<string>, from: string): string[] {
  const ids = scheme.season.periods.map((p) => p.id);
  const pub = new Set(published);
  return ids.slice(Math.max(ids.indexOf(from), 0)).filter((p) => pub.has(p));
}

/**
 * The `scheme:changed` data for `scheme` given the periods published so far and the admin's
 * choice; throws an AppError (nothing appended) when the choice is missing or incomplete.
 */
export function schemeChange(scheme: Scheme, published: Iterable<string>, choice: SchemeEffectChoice = {}): EventData<'scheme:changed'> {
  const pub = new Set(published);
  const periods = scheme.season.periods;
  let from = choice.effectiveFrom;
  if (from === undefined) {
    from = periods.find((p) => !pub.has(p.id))?.id;
    if (from === undefined) throw schemeEffectErrors.allPublished();
  } else if (!periods.some((p) => p.id === from)) throw schemeEffectErrors.unknownPeriod(from);
  const affected = publishedFrom(scheme, pub, from);
  if (!affected.length) return { scheme, effectiveFrom: from };
  const reason = choice.rescoreReason?.trim();
  if (!reason) throw schemeEffectErrors.rescoreNeedsReason(affected.map((id) => periods.find((p) => p.id === id)!.name), affected);
  return { scheme, effectiveFrom: from, rescore: { periods: affected, reason } };
}
