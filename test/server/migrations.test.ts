/**
 * Migrations of issue 3 (snapshots) and issue 5 (appeals columns, feedback, evidence) were
 * appended at the same time and ran in either order for a while: a database in any of those
 * states reaches the full schema.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/storage.ts';

const columns = (db: Database.Database, table: string) => (db.prepare(`select name from pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((r) => r.name);
const tables = (db: Database.Database) => (db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);

async function fresh(): Promise<{ dir: string; version: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-mig-'));
  const s = await openStorage({ dataDir: dir });
  await s.close();
  const db = new Database(path.join(dir, 'saima.sqlite'));
  const version = Number((db.prepare("select value from meta where key = 'schema_version'").get() as { value: string }).value);
  db.close();
  return { dir, version };
}

function edit(dir: string, fn: (db: Database.Database) => void) {
  const db = new Database(path.join(dir, 'saima.sqlite'));
  fn(db);
  db.close();
}

async function reopen(dir: string) {
  const s = await openStorage({ dataDir: dir });
  await s.close();
  const db = new Database(path.join(dir, 'saima.sqlite'), { readonly: true });
  const out = { appeals: columns(db, 'appeals'), tables: tables(db) };
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

const ISSUE5 = ['target_json', 'questions', 'evidence', 'proposed_value', 'event_seq', 'history', 'pending'];
/** Steps before the issue 5 step; the steps after it (event_refs) are undone with it. */
const BEFORE_ISSUE5 = '4';

describe('migrations', () => {
  it('a database that has the snapshots table but not the issue 5 step gets it', async () => {
    const { dir } = await fresh();
    edit(dir, (db) => {
      for (const c of ISSUE5) db.exec(`alter table appeals drop column ${c}`);
      db.exec('drop table feedback; drop table evidence; drop table event_refs');
      db.prepare("update meta set value = ? where key = 'schema_version'").run(BEFORE_ISSUE5);
    });
    const after = await reopen(dir);
    expect(after.appeals).toEqual(expect.arrayContaining(ISSUE5));
    expect(after.tables).toEqual(expect.arrayContaining(['feedback', 'evidence', 'snapshots', 'event_refs']));
  });

  it('a database that ran the issue 5 step in place of the snapshots step gets the snapshots table', async () => {
    const { dir } = await fresh();
    edit(dir, (db) => {
      db.exec('drop table snapshots; drop table event_refs');
      db.prepare("update meta set value = ? where key = 'schema_version'").run(BEFORE_ISSUE5);
    });
    const after = await reopen(dir);
    expect(after.appeals).toEqual(expect.arrayContaining(ISSUE5));
    expect(after.tables).toEqual(expect.arrayContaining(['feedback', 'evidence', 'snapshots', 'event_refs']));
  });
});
