/**
 * Snapshots of the engine's facts at a log position, so a start replays only the tail of the log.
 * A snapshot is a cache derived from the log: deleting every row loses nothing but start-up time.
 */
import type { Kysely } from 'kysely';
import type { Storage } from './storage.ts';

interface SnapshotTable {
  seq: number;
  format: number;
  at: string;
  data: string;
}
type SnapshotDb = Kysely<{ snapshots: SnapshotTable }>;

export interface SnapshotRow {
  /** Log position: the snapshot holds the facts of events 1…seq. */
  seq: number;
  /** Encoding version of `data`; rows of another format are ignored. */
  format: number;
  data: string;
}

const table = (s: Storage): SnapshotDb => s.db.withTables<{ snapshots: SnapshotTable }>() as unknown as SnapshotDb;

/** The newest snapshot of one of `formats` at or before `maxSeq`, or null. */
export async function readSnapshot(storage: Storage, formats: number[], maxSeq: number): Promise<SnapshotRow | null> {
  const row = await table(storage)
    .selectFrom('snapshots')
    .select(['seq', 'format', 'data'])
    .where('format', 'in', formats)
    .where('seq', '<=', maxSeq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), format: Number(row.format), data: row.data } : null;
}

/** The position of the newest snapshot of `format` (0 when none). */
export async function lastSnapshotSeq(storage: Storage, format: number): Promise<number> {
  const row = await table(storage).selectFrom('snapshots').select((eb) => eb.fn.max('seq').as('max')).where('format', '=', format).executeTakeFirst();
  return row?.max == null ? 0 : Number(row.max);
}

/** Stores a snapshot and drops all but the newest `keep`. */
export async function writeSnapshot(storage: Storage, row: SnapshotRow, at: string, keep = 2): Promise<void> {
  await storage.tx(async (trx) => {
    const db = trx.withTables<{ snapshots: SnapshotTable }>() as unknown as SnapshotDb;
    await db.deleteFrom('snapshots').where('seq', '=', row.seq).execute();
    await db.insertInto('snapshots').values({ seq: row.seq, format: row.format, at, data: row.data }).execute();
    const old = await db.selectFrom('snapshots').select('seq').orderBy('seq', 'desc').offset(keep).limit(1_000).execute();
    if (old.length) await db.deleteFrom('snapshots').where('seq', 'in', old.map((r) => r.seq)).execute();
  });
}
