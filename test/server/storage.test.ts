import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { appendEvents, findKeys, lastSeq, putKeys, readAllEvents, readEvents } from '../../server/storage/events-repo.ts';
import { countAudit, readAudit, writeAudit } from '../../server/storage/audit-repo.ts';
import type { LogEvent } from '../../shared/events.ts';
import { dropSchema, findPostgres, freshSchema } from './helpers/pg.ts';

const pgUrl = await findPostgres();
if (!pgUrl) console.warn('storage.test: PostgreSQL at 127.0.0.1:5432 (database test) is unreachable; the postgres cases are skipped');

const ev = (seq: number, value: number): LogEvent => ({
  seq,
  at: '2026-01-01T00:00:00.000Z',
  actor: 'u1',
  type: 'value:recorded',
  data: { period: 'p1', unit: 'u1', indicator: 'i1', value },
});

describe.each([
  { name: 'sqlite', pg: false },
  { name: 'postgres', pg: true },
])('storage on $name', ({ pg }) => {
  let storage: Storage;
  let dir = '';
  const schema = freshSchema();
  beforeAll(async () => {
    if (pg && !pgUrl) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-storage-'));
    storage = pg ? await openStorage({ url: pgUrl!, pgSchema: schema }) : await openStorage({ dataDir: dir });
  });
  afterAll(async () => {
    await storage?.close();
    if (pg && pgUrl) await dropSchema(pgUrl, schema);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const maybe = pg && !pgUrl ? it.skip : it;

  maybe('appends and reads events in order, idempotency keys are unique', async () => {
    expect(await lastSeq(storage.db)).toBe(0);
    await storage.tx(async (trx) => {
      await appendEvents(trx, [ev(1, 10), ev(2, 20)]);
      await putKeys(trx, [{ key: 'k1', hash: 'h', seq: 1 }]);
    });
    expect(await lastSeq(storage.db)).toBe(2);
    expect((await readEvents(storage.db, 1, 10)).map((e) => e.seq)).toEqual([2]);
    expect(await readAllEvents(storage.db)).toEqual([ev(1, 10), ev(2, 20)]);
    expect((await findKeys(storage.db, ['k1', 'k2'])).get('k1')).toEqual({ key: 'k1', hash: 'h', seq: 1 });
    await expect(storage.tx((trx) => putKeys(trx, [{ key: 'k1', hash: 'x', seq: 2 }]))).rejects.toThrow();
  });

  maybe('a failed transaction leaves nothing behind', async () => {
    await expect(
      storage.tx(async (trx) => {
        await appendEvents(trx, [ev(3, 30)]);
        await appendEvents(trx, [ev(2, 99)]); // duplicate seq
      }),
    ).rejects.toThrow();
    expect(await lastSeq(storage.db)).toBe(2);
  });

  maybe('the audit trail and the event log refuse UPDATE and DELETE', async () => {
    await writeAudit(storage.db, { at: '2026-01-01T00:00:00.000Z', actor: 'a', action: 'x', target: 't', before: null, after: { a: 1 } });
    expect(await countAudit(storage.db)).toBe(1);
    expect((await readAudit(storage.db, { limit: 10 }))[0]).toMatchObject({ actor: 'a', after: { a: 1 } });
    await expect(storage.db.updateTable('audit').set({ actor: 'b' }).execute()).rejects.toThrow(/append-only/);
    await expect(storage.db.deleteFrom('audit').execute()).rejects.toThrow(/append-only/);
    await expect(storage.db.updateTable('events').set({ actor: 'b' }).execute()).rejects.toThrow(/append-only/);
    await expect(storage.db.deleteFrom('events').execute()).rejects.toThrow(/append-only/);
    expect(await countAudit(storage.db)).toBe(1);
  });

  maybe('migrations are idempotent on reopen', async () => {
    const again = pg ? await openStorage({ url: pgUrl!, pgSchema: schema }) : await openStorage({ dataDir: dir });
    expect(await lastSeq(again.db)).toBe(2);
    await again.close();
  });
});
