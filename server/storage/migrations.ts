/**
 * Schema migrations, run on every start. Each step runs once, in order, inside a transaction;
 * the applied count is kept in `meta.schema_version`.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';
import { SYSTEM_ACTORS } from './audit-actors.ts';

export type Dialect = 'sqlite' | 'postgres';
type Step = (db: Transaction<DB>, dialect: Dialect) => Promise<void>;

const APPEND_ONLY = ['events', 'audit'] as const;

const steps: Step[] = [
  async (db, dialect) => {
    await db.schema
      .createTable('events')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('idempotency')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('department', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('epoch', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('epoch', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit')
      .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
      )
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('reason', 'text')
      .execute();
    await forbidChanges(db, dialect);
  },
  async (db) => {
    await db.schema
      .createTable('appeals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('decision', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appeals_unit').on('appeals').column('unit').execute();
  },
  async (db) => {
    await db.schema.createIndex('events_actor').on('events').columns(['actor', 'seq']).execute();
  },
  // Issue 3: snapshots of the engine's facts (server/storage/snapshot-repo.ts), a cache so a start
  // replays only the tail of the log. Not append-only: old snapshots are dropped.
  async (db) => {
    await snapshotsTable(db);
  },
  // Issue 5: structured appeals (target, 三个区分开来 questions, evidence, history, the decision's
  // event), feedback of the organization department, evidence files stored in the database.
  // Idempotent: for a while this step ran before the snapshots step above (both were appended at
  // the same time), so a database may have it already, or may lack the snapshots table.
  async (db, dialect) => {
    const have = new Set(await columnsOf(db, dialect, 'appeals'));
    for (const [name, type] of [
      ['target_json', 'text'],
      ['questions', 'text'],
      ['evidence', 'text'],
      ['proposed_value', 'text'],
      ['event_seq', 'bigint'],
      ['history', 'text'],
      ['pending', 'text'],
    ] as const) {
      if (!have.has(name)) await db.schema.alterTable('appeals').addColumn(name, type).execute();
    }
    await db.schema
      .createTable('feedback')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('period', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('feedback_unit').ifNotExists().on('feedback').columns(['unit', 'at']).execute();
    await db.schema
      .createTable('evidence')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('evidence_unit').ifNotExists().on('evidence').column('unit').execute();
    await snapshotsTable(db);
  },
  // Session 8: what each event is about, indexed (schema.ts `EventRefsTable`). A province-size log
  // (1.2 M events) took 76 ms of the server's only thread per workspace, 190 ms per number history
  // and 1.35 s per data grid to scan; the rows of the existing log are filled here, in SQL.
  async (db, dialect) => {
    await db.schema
      .createTable('event_refs')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('unit', 'text')
      .addColumn('period', 'text')
      .addColumn('indicator', 'text')
      .addColumn('ref', 'text')
      .execute();
    const field = (k: string) =>
      dialect === 'postgres'
        ? `case when json_typeof(data::json -> '${k}') = 'string' then data::json ->> '${k}' end`
        : `case when json_type(data, '$.${k}') = 'text' then json_extract(data, '$.${k}') end`;
    await sql
      .raw(
        `insert into event_refs (seq, unit, period, indicator, ref)
         select seq, unit, period, indicator, ref from (
           select seq, ${field('unit')} as unit, ${field('period')} as period, ${field('indicator')} as indicator,
                  coalesce(${field('id')}, ${field('target')}) as ref
           from events where type <> 'scheme:changed') r
         where unit is not null or period is not null or indicator is not null or ref is not null`,
      )
      .execute(db);
    // Partial: most events name no item (`ref`), and ratings no unit.
    await db.schema.createIndex('event_refs_unit').on('event_refs').columns(['unit', 'seq']).where(sql.ref('unit'), 'is not', null).execute();
    await db.schema.createIndex('event_refs_period').on('event_refs').columns(['period', 'indicator', 'seq']).where(sql.ref('period'), 'is not', null).execute();
    await db.schema.createIndex('event_refs_ref').on('event_refs').columns(['ref', 'seq']).where(sql.ref('ref'), 'is not', null).execute();
  },
  // Audit actors by name: each row keeps the actor's display name, role and unit as they were
  // (audit-actors.ts); the rows already written are filled from the users and tokens there are now.
  async (db, dialect) => {
    await addAuditActorColumns(db, dialect);
  },
];

/**
 * The audit's actor columns, filled for existing rows. The append-only guard is lifted for this
 * one fill of new columns (no recorded fact changes) and put back in the same transaction.
 * Idempotent: the later steps may be run again on a database that has them.
 */
async function addAuditActorColumns(db: Transaction<DB>, dialect: Dialect): Promise<void> {
  const have = new Set(await columnsOf(db, dialect, 'audit'));
  for (const c of ['actor_name', 'actor_role', 'actor_unit'] as const) if (!have.has(c)) await db.schema.alterTable('audit').addColumn(c, 'text').execute();
  if (dialect === 'postgres') await sql`ALTER TABLE audit DISABLE TRIGGER audit_append_only`.execute(db);
  else await sql`DROP TRIGGER IF EXISTS audit_no_update`.execute(db);
  const user = (col: string) => `(select u.${col} from users u where u.id = audit.actor or u.username = audit.actor order by (u.id = audit.actor) desc limit 1)`;
  const tokenUser = (col: string) => `(select u.${col} from tokens t join users u on u.id = t.user_id where t.id = substr(audit.actor, 7))`;
  const token = (col: string) => `(select t.${col} from tokens t where t.id = substr(audit.actor, 7))`;
  await sql
    .raw(`update audit set actor_name = ${user('display_name')}, actor_role = ${user('role')}, actor_unit = ${user('unit')}
          where exists (select 1 from users u where u.id = audit.actor or u.username = audit.actor)`)
    .execute(db);
  await sql
    .raw(`update audit set actor_name = ${token('name')},
            actor_role = case when ${token('kind')} = 'display' then 'display' else ${tokenUser('role')} end,
            actor_unit = ${tokenUser('unit')}
          where actor like 'token:%' and exists (select 1 from tokens t where t.id = substr(audit.actor, 7))`)
    .execute(db);
  await sql.raw(`update audit set actor_role = 'reporter' where actor_role is null and actor like 'reporter:%'`).execute(db);
  await sql.raw(`update audit set actor_role = 'system' where actor_role is null and actor in (${SYSTEM_ACTORS.map((a) => `'${a}'`).join(', ')})`).execute(db);
  if (dialect === 'postgres') await sql`ALTER TABLE audit ENABLE TRIGGER audit_append_only`.execute(db);
  else await sql.raw(`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`).execute(db);
}

/** The snapshots table (issue 3); created by its own step, and by the issue 5 step where that ran first. */
async function snapshotsTable(db: Transaction<DB>): Promise<void> {
  await db.schema
    .createTable('snapshots')
    .ifNotExists()
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('format', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
}

/** Column names of a table in the current schema. */
async function columnsOf(db: Transaction<DB>, dialect: Dialect, table: string): Promise<string[]> {
  if (dialect === 'postgres') {
    const r = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(db);
    return r.rows.map((x) => x.column_name);
  }
  const r = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return r.rows.map((x) => x.name);
}

/** The event log and the audit trail refuse UPDATE and DELETE in the database itself. */
async function forbidChanges(db: Transaction<DB>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`CREATE OR REPLACE FUNCTION saima_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql`.execute(db);
    for (const t of APPEND_ONLY) {
      await sql
        .raw(`CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION saima_append_only()`)
        .execute(db);
      await sql.raw(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} EXECUTE FUNCTION saima_append_only()`).execute(db);
    }
    return;
  }
  for (const t of APPEND_ONLY) {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(`CREATE TRIGGER ${t}_no_${op.toLowerCase()} BEFORE ${op} ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`)
        .execute(db);
    }
  }
}

/** Brings the database to the latest schema. Safe to call on every start. */
export async function migrate(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('meta')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`LOCK TABLE meta IN EXCLUSIVE MODE`.execute(trx);
    const row = await trx.selectFrom('meta').select('value').where('key', '=', 'schema_version').executeTakeFirst();
    const done = row ? Number(row.value) : 0;
    for (let i = done; i < steps.length; i++) await steps[i]!(trx, dialect);
    if (done < steps.length) {
      const value = String(steps.length);
      if (row) await trx.updateTable('meta').set({ value }).where('key', '=', 'schema_version').execute();
      else await trx.insertInto('meta').values({ key: 'schema_version', value }).execute();
    }
  });
}
