/**
 * A database from before audit rows named their actors: the migration fills the display name,
 * role and unit of existing rows from the users and tokens (SQLite and PostgreSQL), and the
 * audit stays append-only afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStorage, type Storage, type StorageConfig } from '../../server/storage/storage.ts';
import { readAudit } from '../../server/storage/audit-repo.ts';
import { dropSchema, findPostgres, freshSchema } from './helpers/pg.ts';

const pgUrl = await findPostgres();
const at = '2026-03-01T00:00:00.000Z';

/** Opens a fresh database, takes it back to the step before the actor columns, writes old rows. */
async function oldDatabase(config: StorageConfig): Promise<void> {
  const s = await openStorage(config);
  const db = s.db;
  const version = Number((await db.selectFrom('meta').select('value').where('key', '=', 'schema_version').executeTakeFirstOrThrow()).value);
  for (const c of ['actor_name', 'actor_role', 'actor_unit']) await sql.raw(`alter table audit drop column ${c}`).execute(db);
  await db.updateTable('meta').set({ value: String(version - 1) }).where('key', '=', 'schema_version').execute();
  const user = (id: string, username: string, display: string, role: string, unit: string | null) => ({
    id, username, display_name: display, role, unit, department: null, password_hash: 'x', disabled: 0, epoch: 0, created_at: at, updated_at: at,
  });
  await db.insertInto('users').values([user('u_a', 'admin', '王科长', 'admin', null), user('u_b', 'unit', '城关镇联络员', 'unit', 'cgz')]).execute();
  await db.insertInto('tokens').values({ id: 'tk1', kind: 'display', name: '会议室大屏', hash: 'h', user_id: null, created_by: 'u_a', created_at: at, revoked_at: null }).execute();
  // (raw: the old table has no actor columns)
  await sql`insert into audit (at, actor, action, target) values (${at}, ${'u_a'}, ${'period:published'}, ${'x'}), (${at}, ${'admin'}, ${'adjustment:recorded'}, ${'x'}), (${at}, ${'u_b'}, ${'appeal:filed'}, ${'x'}), (${at}, ${'token:tk1'}, ${'session:login'}, ${'x'}), (${at}, ${'demo-feeder'}, ${'value:recorded'}, ${'x'}), (${at}, ${'reporter:fgw'}, ${'value:recorded'}, ${'x'})`.execute(db);
  await s.close();
}

async function check(config: StorageConfig): Promise<Storage> {
  await oldDatabase(config);
  const s = await openStorage(config);
  const stored = await s.db.selectFrom('audit').select(['actor', 'actor_name', 'actor_role', 'actor_unit']).orderBy('id').execute();
  expect(stored).toEqual([
    { actor: 'u_a', actor_name: '王科长', actor_role: 'admin', actor_unit: null },
    { actor: 'admin', actor_name: '王科长', actor_role: 'admin', actor_unit: null },
    { actor: 'u_b', actor_name: '城关镇联络员', actor_role: 'unit', actor_unit: 'cgz' },
    { actor: 'token:tk1', actor_name: '会议室大屏', actor_role: 'display', actor_unit: null },
    { actor: 'demo-feeder', actor_name: null, actor_role: 'system', actor_unit: null },
    { actor: 'reporter:fgw', actor_name: null, actor_role: 'reporter', actor_unit: null },
  ]);
  expect((await readAudit(s.db, { limit: 10, actor: '王科长' })).map((r) => r.action).sort()).toEqual(['adjustment:recorded', 'period:published']);
  expect((await readAudit(s.db, { limit: 10, unit: 'cgz' })).map((r) => r.action)).toEqual(['appeal:filed']);
  await expect(s.db.updateTable('audit').set({ reason: 'x' }).execute()).rejects.toThrow(/append-only/);
  return s;
}

describe('audit actor migration', () => {
  it('fills the actors of existing rows on SQLite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-audit-mig-'));
    const s = await check({ dataDir: dir });
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!pgUrl)('fills the actors of existing rows on PostgreSQL', async () => {
    const schema = freshSchema();
    try {
      const s = await check({ url: pgUrl!, pgSchema: schema });
      await s.close();
    } finally {
      await dropSchema(pgUrl!, schema);
    }
  });
});
