/** Publishing (晾晒): how the live standings of a period differ from its published snapshot. */
import { z } from 'zod';
import { Id } from '../../shared/scheme.ts';
import type { Principal } from '../auth/roles.ts';
import { route, type RouteDef } from '../http/route.ts';
import { publishedVersion } from '../exports/source.ts';
import { domainErrors } from '../services/domain-errors.ts';
import type { RouteDeps } from './deps.ts';

const Row = z.object({
  board: z.string(),
  unit: z.string(),
  publishedRank: z.number().nullable(),
  liveRank: z.number().nullable(),
  publishedScore: z.number().nullable(),
  liveScore: z.number().nullable(),
});

export function publishRoutes({ race }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/published/:period/diff',
      summary: 'Rows of a period’s boards whose live rank or score differs from the published snapshot (null: not on that side)',
      tag: 'standings',
      who: 'admin, leader',
      allow: (p: Principal) => p.role === 'admin' || p.role === 'leader',
      params: z.object({ period: Id }),
      response: z.object({ period: z.string(), publishedVersion: z.number(), version: z.number(), rows: z.array(Row) }),
      async handler({ params }) {
        const v = publishedVersion(race, params.period);
        if (v === null) throw domainErrors.notPublished();
        const snap = await race.standingsAt(v);
        const live = race.standings();
        const version = race.version;
        const keys = new Set([...Object.keys(snap.boards), ...Object.keys(live.boards)].filter((k) => (snap.boards[k] ?? live.boards[k])!.ref.period === params.period));
        const rows: Array<z.infer<typeof Row>> = [];
        for (const board of [...keys].sort()) {
          const a = snap.boards[board]?.rows ?? {};
          const b = live.boards[board]?.rows ?? {};
          for (const unit of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
            const p = a[unit];
            const l = b[unit];
            if (p && l && p.rank === l.rank && p.score === l.score) continue;
            rows.push({ board, unit, publishedRank: p?.rank ?? null, liveRank: l?.rank ?? null, publishedScore: p?.score ?? null, liveScore: l?.score ?? null });
          }
        }
        return { period: params.period, publishedVersion: v, version, rows };
      },
    }),
  ];
}
