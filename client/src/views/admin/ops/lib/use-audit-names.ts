/** The names an audit row's ids stand for: units, periods, tracks, cadres (race meta), indicators (scheme), users. */
import { computed } from 'vue';
import { useMetaStore } from '../../../../stores/meta.ts';
import { useCadreNames, useIndicatorNames } from './use-indicator-names.ts';
import { useUserNames } from './use-user-names.ts';
import type { AuditNames } from './audit-describe.ts';

export function useAuditNames() {
  const meta = useMetaStore();
  const indicators = useIndicatorNames();
  const cadres = useCadreNames();
  const { username } = useUserNames();
  return computed<AuditNames>(() => {
    const m = meta.meta;
    const periods = new Map(m.periods.map((p) => [p.id, p.name]));
    const tracks = new Map(m.tracks.map((x) => [x.id, x.name]));
    return {
      unit: (id) => m.units[id]?.name ?? id,
      period: (id) => periods.get(id) ?? id,
      indicator: (id) => indicators.value[id]?.name ?? id,
      track: (id) => tracks.get(id) ?? id,
      cadre: (id) => cadres.value[id] ?? m.cadres[id]?.name ?? id,
      username,
    };
  });
}
