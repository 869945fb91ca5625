/** Imports of values and ratings from XLSX/CSV, and their templates. */
import { z } from 'zod';
import { Id } from '../../shared/scheme.ts';
import { isAdmin } from '../auth/roles.ts';
import { errors, prefersEnglish } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import { mayWriteIndicator, runImport } from '../imports/import-service.ts';
import { ratingsTemplate, valuesTemplate } from '../imports/templates.ts';
import { csvOf, xlsxOf } from '../exports/write-table.ts';
import { attachment } from './workspace-routes.ts';
import { cleanFileName } from '../services/evidence-service.ts';
import type { RouteDeps } from './deps.ts';

const Kind = z.enum(['values', 'ratings']);
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importRoutes({ race, storage }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/import/template',
      summary: 'Download an import template (values of a track, or ratings) as XLSX or CSV, with Chinese headers',
      tag: 'import',
      who: 'admin; reporter (values of its indicators)',
      allow: (p) => p.role === 'admin' || p.role === 'reporter',
      query: z.object({ kind: Kind, period: Id, track: Id.optional(), format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      async handler({ query, principal, res }) {
        const scheme = race.scheme();
        if (!scheme) throw errors.noScheme();
        if (query.kind === 'ratings' && !isAdmin(principal)) throw errors.forbidden();
        if (!scheme.season.periods.some((p) => p.id === query.period)) throw errors.notFound();
        if (query.kind === 'values' && !scheme.tracks.some((t) => t.id === query.track)) throw errors.badRequest('请用 ?track= 指定赛道。', 'Name the track with ?track=.');
        const table = query.kind === 'values' ? valuesTemplate(scheme, query.period, query.track!, mayWriteIndicator(race, principal)) : ratingsTemplate(scheme, query.period);
        const file = `${query.kind === 'values' ? `数据导入模板-${query.track}` : '民主测评导入模板'}-${query.period}.${query.format}`;
        res.setHeader('Content-Disposition', attachment(file));
        if (query.format === 'csv') res.type('text/csv; charset=utf-8').send(csvOf(table));
        else res.type(XLSX_TYPE).send(await xlsxOf([table]));
      },
    }),
    route({
      method: 'post',
      path: '/api/import',
      summary:
        'Import values (?kind=values&period&track) or ratings (?kind=ratings&period) from an XLSX or CSV file (raw body ≤ 10 MB): all or nothing, 422 import_invalid with {row, column, value, reason} per wrong cell; the same file twice adds nothing; ?dryRun=1 only checks and lists every change old → new (`changes`, new values and overwrites); overwrites need ?reason= (else 422 reason_required) and are recorded as corrections',
      tag: 'import',
      who: 'admin; reporter (values of its indicators)',
      allow: (p) => p.role === 'admin' || p.role === 'reporter',
      query: z.object({
        kind: Kind,
        period: Id,
        track: Id.optional(),
        dryRun: z.enum(['0', '1', 'true', 'false']).default('0'),
        reason: z.string().max(2000).optional().describe('Why recorded values are overwritten: required when the file overwrites any (each overwrite is recorded as a correction with it)'),
      }),
      raw: '10mb',
      handler({ query, principal, raw, req }) {
        if (query.kind === 'ratings' && !isAdmin(principal)) throw errors.forbidden();
        return runImport(storage, race, {
          kind: query.kind,
          period: query.period,
          track: query.track,
          dryRun: query.dryRun === '1' || query.dryRun === 'true',
          data: raw,
          fileName: cleanFileName(req.get('x-filename'), 'text/plain'),
          reason: query.reason,
          principal,
          english: prefersEnglish(req.get('accept-language')),
        });
      },
    }),
  ];
}
