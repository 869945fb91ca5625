/**
 * `event_refs`, what each event is about: written with every append, filled in SQL for a log that
 * existed before it (SQLite and PostgreSQL read the stored JSON the way `refsOf` reads events),
 * and what the workspace, number histories and the grid find their events by.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../../shared/events.ts';
import { appendEvents, refsOf } from '../../server/storage/events-repo.ts';
import { eventsReferring, eventsWhere, periodValues, whereQuery } from '../../server/storage/event-queries.ts';
import { migrate } from '../../server/storage/migrations.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { dropSchema, findPostgres, freshSchema } from './helpers/pg.ts';

const at = '2026-03-01T00:00:00.000Z';
const ev = (seq: number, type: string, data: Record<string, unknown>) => ({ seq, type, data, at, actor: 'u_t' }) as unknown as LogEvent;
/** Every shape the log holds: the scheme (units nested, none at the top), values, items by id, waivers by target, names with quotes. */
const LOG: LogEvent[] = [
  ev(1, 'scheme:changed', { scheme: { units: [{ id: 'a', name: 'x' }], unit: 'not-top-level?' } }),
  ev(2, 'value:recorded', { period: 'm01', unit: 'a', indicator: 'inv', value: 5 }),
  ev(3, 'value:recorded', { period: 'm01', unit: 'b"\'%_', indicator: 'inv', value: 'good' }),
  ev(4, 'value:corrected', { period: 'm02', unit: 'a', indicator: 'exp', value: 7, reason: 'r' }),
  ev(5, 'adjustment:recorded', { id: 'adj1', period: 'm01', unit: 'a', track: 'econ', kind: 'deduction', points: 2, reason: '进度滞后', evidence: [] }),
  ev(6, 'waiver:decided', { target: 'adj1', decision: 'accepted', reference: 'r', reasoning: 'd' }),
  ev(7, 'adjustment:revoked', { id: 'adj1', reason: 'r' }),
  ev(8, 'period:published', { period: 'm01', note: null }),
  ev(9, 'value:recorded', { period: 'm01', unit: 'a', indicator: 'inv', value: 6 }),
];

async function refsIn(s: Storage) {
  const rows = await s.db.selectFrom('event_refs').selectAll().orderBy('seq').execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

async function checkBackfill(s: Storage) {
  // A log written before the event_refs step: the events only, the step not yet run.
  await s.db.insertInto('events').values(LOG.map((e) => ({ seq: e.seq, type: e.type, data: JSON.stringify(e.data), at: e.at, actor: e.actor }))).execute();
  await s.db.schema.dropTable('event_refs').execute();
  await s.db.updateTable('meta').set({ value: '5' }).where('key', '=', 'schema_version').execute();
  await migrate(s.db, s.dialect);
  expect(await refsIn(s)).toEqual(LOG.flatMap(refsOf));
}

async function checkQueries(s: Storage) {
  expect((await eventsWhere(s.db, ['value:recorded', 'value:corrected'], 'unit', 'a')).map((e) => e.seq)).toEqual([2, 4, 9]);
  expect((await eventsWhere(s.db, ['value:recorded'], 'unit', 'b"\'%_')).map((e) => e.seq)).toEqual([3]);
  expect((await eventsReferring(s.db, ['waiver:decided', 'adjustment:revoked'], ['adj1', 'other'])).map((e) => e.seq)).toEqual([6, 7]);
  const m01 = await periodValues(s.db, 'm01');
  expect([...m01].map(([k, c]) => [k, c.value, c.seq])).toEqual([
    ['a|inv', 6, 9],
    ['b"\'%_|inv', 'good', 3],
  ]);
  expect([...(await periodValues(s.db, 'm02', { indicators: ['inv'] }))]).toEqual([]);
  expect([...(await periodValues(s.db, 'm02', { indicators: ['exp'] }))].map(([k]) => k)).toEqual(['a|exp']);
  expect([...(await periodValues(s.db, 'm01', { indicators: ['inv'], units: ['b"\'%_'] }))].map(([k]) => k)).toEqual(['b"\'%_|inv']);
  expect([...(await periodValues(s.db, 'm01', { units: [] }))]).toEqual([]);
}

describe('event_refs on SQLite', () => {
  const dirs: string[] = [];
  const open = async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-refs-'));
    dirs.push(dir);
    return openStorage({ dataDir: dir });
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('are written with every append, and the queries find events by them', async () => {
    const s = await open();
    await s.tx((trx) => appendEvents(trx, LOG));
    expect(await refsIn(s)).toEqual(LOG.flatMap(refsOf));
    expect(LOG.flatMap(refsOf).map((r) => r.seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    await checkQueries(s);
    await s.close();
  });

  it('are filled for a log that existed before them, as refsOf reads it', async () => {
    const s = await open();
    await checkBackfill(s);
    await checkQueries(s);
    await s.close();
  });

  it('a unit\'s events are found through the index, not by scanning the log', async () => {
    const s = await open();
    const q = whereQuery(s.db, ['value:recorded'], 'unit', 'a').compile();
    const rows = (await s.db.executeQuery({ ...q, sql: `explain query plan ${q.sql}` })).rows as Array<{ detail: string }>;
    const details = rows.map((r) => r.detail).join('\n');
    expect(details).toMatch(/event_refs_unit/);
    expect(details).not.toMatch(/^SCAN events$/m);
    await s.close();
  });
});

const pgUrl = await findPostgres();
describe.skipIf(!pgUrl)('event_refs on PostgreSQL', () => {
  const schema = freshSchema();
  afterAll(() => dropSchema(pgUrl!, schema));
  it('are filled for a log that existed before them, as refsOf reads it, and the queries find events by them', async () => {
    const s = await openStorage({ url: pgUrl!, pgSchema: schema });
    try {
      await checkBackfill(s);
      await checkQueries(s);
    } finally {
      await s.close();
    }
  });
});
