/**
 * Exports of a period (live or its published snapshot): XLSX workbook, CSV per table, the 通报
 * as PDF and Word (optionally formal: red header, 文号, signature). Times in the report time zone.
 */
import { z } from 'zod';
import { Id } from '../../shared/scheme.ts';
import type { Principal } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import { buildReport, type Report } from '../exports/report.ts';
import { resolveSource } from '../exports/source.ts';
import { reportXlsx } from '../exports/xlsx-report.ts';
import { reportPdf } from '../exports/pdf-report.ts';
import { reportDocx } from '../exports/docx-report.ts';
import type { DocMeta } from '../exports/report-doc.ts';
import { FormalQuery, formalOf } from '../exports/formal.ts';
import { formatTime } from '../exports/time.ts';
import { csvOf } from '../exports/write-table.ts';
import { findCjkFont } from '../exports/font.ts';
import { domainErrors } from '../services/domain-errors.ts';
import { attachment } from './workspace-routes.ts';
import { XLSX_TYPE } from './import-routes.ts';
import type { RouteDeps } from './deps.ts';

const readers = (p: Principal) => p.role === 'admin' || p.role === 'leader';
const PeriodParam = z.object({ period: Id });
const SourceQuery = z.object({ source: z.enum(['live', 'published']).default('live').describe('live standings, or the snapshot of the period’s last publication') });

const DocQuery = SourceQuery.extend(FormalQuery.shape);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function exportRoutes({ storage, race, createEngine, timeZone }: RouteDeps): RouteDef[] {
  const report = async (period: string, source: 'live' | 'published'): Promise<{ r: Report; names: DocMeta }> => {
    const src = await resolveSource(storage, race, createEngine, period, source);
    const r = buildReport({ scheme: src.scheme, engine: src.engine, standings: src.standings, period, source });
    const s = src.scheme;
    return {
      r,
      names: {
        generatedAt: new Date(),
        timeZone,
        units: new Map(s.units.map((u) => [u.id, u.name])),
        groups: new Map(s.groups.map((g) => [g.id, g.name])),
        tracks: new Map(s.tracks.map((t) => [t.id, t.name])),
      },
    };
  };
  const base = { tag: 'exports', who: 'admin, leader', allow: readers } as const;
  const fileName = (r: Report, ext: string, table?: string) => `${r.raceName}-${r.period.name}${table ? `-${table}` : ''}${r.source === 'published' ? '-已发布' : ''}.${ext}`;
  const noStore = (res: { setHeader: (k: string, v: string) => unknown }) => res.setHeader('Cache-Control', 'private, no-store');
  return [
    route({
      ...base,
      method: 'get',
      path: '/api/exports/:period/tables',
      summary: 'The tables of a period that can be exported as CSV (ids and names)',
      params: PeriodParam,
      query: SourceQuery,
      async handler({ params, query }) {
        const { r } = await report(params.period, query.source);
        return { period: r.period, version: r.version, source: r.source, tables: r.tables.map((t) => ({ id: t.id, name: t.name, rows: t.rows.length })) };
      },
    }),
    route({
      ...base,
      method: 'get',
      path: '/api/exports/:period.xlsx',
      summary: 'XLSX workbook of a period: overall, one sheet per track × group (indicator values and points, bonus, deductions, waivers, veto, rank change, grade, flag, light), cadres, 红黑榜, 约谈',
      params: PeriodParam,
      query: SourceQuery,
      async handler({ params, query, res }) {
        const { r, names } = await report(params.period, query.source);
        const data = await reportXlsx(r, formatTime(names.generatedAt, timeZone));
        noStore(res);
        res.setHeader('X-Saima-Version', String(r.version));
        res.setHeader('Content-Disposition', attachment(fileName(r, 'xlsx')));
        res.type(XLSX_TYPE).send(data);
      },
    }),
    route({
      ...base,
      method: 'get',
      path: '/api/exports/:period/:table.csv',
      summary: 'One table of a period as CSV (UTF-8 with BOM): overall, cadres, lists, warnings or <track>-<group>',
      params: PeriodParam.extend({ table: z.string().min(1).max(200) }),
      query: SourceQuery,
      async handler({ params, query, res }) {
        const { r } = await report(params.period, query.source);
        const t = r.tables.find((x) => x.id === params.table);
        if (!t) throw errors.notFound();
        noStore(res);
        res.setHeader('X-Saima-Version', String(r.version));
        res.setHeader('Content-Disposition', attachment(fileName(r, 'csv', t.name)));
        res.type('text/csv; charset=utf-8').send(csvOf(t));
      },
    }),
    route({
      ...base,
      method: 'get',
      path: '/api/exports/:period.pdf',
      summary: 'The 通报 of a period as an A4 PDF in Chinese; formal=1 with organ, docNo (and date) adds the red header and signature block (503 font_missing when no CJK font is installed)',
      params: PeriodParam,
      query: DocQuery,
      async handler({ params, query, res }) {
        const font = findCjkFont();
        if (!font) throw domainErrors.noFont();
        const formal = formalOf(query, new Date(), timeZone);
        const { r, names } = await report(params.period, query.source);
        const data = await reportPdf(r, font, { ...names, formal });
        noStore(res);
        res.setHeader('X-Saima-Version', String(r.version));
        res.setHeader('Content-Disposition', attachment(fileName(r, 'pdf')));
        res.type('application/pdf').send(data);
      },
    }),
    route({
      ...base,
      method: 'get',
      path: '/api/exports/:period.docx',
      summary: 'The same 通报 as a Word document (.docx), with the same options as the PDF',
      params: PeriodParam,
      query: DocQuery,
      async handler({ params, query, res }) {
        const formal = formalOf(query, new Date(), timeZone);
        const { r, names } = await report(params.period, query.source);
        const data = await reportDocx(r, { ...names, formal });
        noStore(res);
        res.setHeader('X-Saima-Version', String(r.version));
        res.setHeader('Content-Disposition', attachment(fileName(r, 'docx')));
        res.type(DOCX_TYPE).send(data);
      },
    }),
  ];
}
