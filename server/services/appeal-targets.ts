/** What an appeal may be about: an indicator the unit is scored on, or its own live deduction or veto. */
import type { Storage } from '../storage/storage.ts';
import type { RaceService } from './race-service.ts';
import type { AppealKind, AppealTarget } from './appeal-service.ts';
import { errors } from '../http/errors.ts';
import { domainErrors } from './domain-errors.ts';
import { unitItems } from './unit-items.ts';

export async function checkTarget(storage: Storage, race: RaceService, a: { unit: string; kind: AppealKind; period: string; target: AppealTarget }): Promise<void> {
  const scheme = race.scheme();
  if (!scheme) throw errors.noScheme();
  if (!scheme.season.periods.some((p) => p.id === a.period)) throw domainErrors.badTarget(`考核期「${a.period}」不存在。`, `Period "${a.period}" does not exist.`);
  const t = a.target;
  if (a.kind === 'objection') {
    if (!('indicator' in t)) throw domainErrors.badTarget('数据异议须指明指标（target.indicator）。', 'A data objection names an indicator (target.indicator).');
    const groups = scheme.groups.filter((g) => g.units.includes(a.unit));
    const scored = groups.some((g) =>
      g.tracks.some((tid) => {
        const track = scheme.tracks.find((x) => x.id === tid);
        const only = g.overrides?.[tid]?.indicators;
        return track?.indicators.some((i) => i.code === t.indicator && (!only || only.includes(i.code)));
      }),
    );
    if (!scored) throw domainErrors.badTarget(`本单位不考核指标「${t.indicator}」。`, `The unit is not scored on indicator "${t.indicator}".`);
    return;
  }
  if (!('adjustment' in t) && !('veto' in t)) {
    throw domainErrors.badTarget('容错申请须指明扣分（target.adjustment）或一票否决（target.veto）记录。', 'A 容错 application names a deduction (target.adjustment) or a veto (target.veto).');
  }
  const items = await unitItems(storage, a.unit);
  const item = 'adjustment' in t ? items.adjustments.find((x) => x.id === t.adjustment) : items.vetoes.find((x) => x.id === t.veto);
  const id = 'adjustment' in t ? t.adjustment : t.veto;
  if (!item || item.revoked) throw domainErrors.badTarget(`本单位没有有效的记录「${id}」。`, `The unit has no live record "${id}".`);
  if ('kind' in item && item.kind !== 'deduction') throw domainErrors.badTarget('加分不能申请容错。', 'A bonus cannot be waived.');
  if (item.period !== a.period) throw domainErrors.badTarget(`记录「${id}」不属于该考核期。`, `Record "${id}" belongs to another period.`);
}
