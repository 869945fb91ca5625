/**
 * SQLite backups through SQLite's online backup API (better-sqlite3 `db.backup()`): a consistent
 * copy of the database, WAL included, taken while the server keeps writing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BackupError } from './backup-error.ts';

/** The database file the server opens in `dataDir` (see storage.ts). */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'saima.sqlite');
}

/** Copies the live database `source` to `target` (a new file). */
export async function backupSqlite(source: string, target: string): Promise<void> {
  if (!fs.existsSync(source)) throw new BackupError(`找不到数据库 ${source}(SAIMA_DATA_DIR 是否正确?)`, `no database at ${source} (is SAIMA_DATA_DIR right?)`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All remaining pages in one step: a step that sees a concurrent write restarts, so many
    // small steps could chase a busy server forever.
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  checkSqlite(target);
}

/** Throws unless `file` is an intact Saima SQLite database. */
export function checkSqlite(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('integrity_check', { simple: true });
    const events = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() as { n: number };
    if (ok !== 'ok' || events.n !== 1) throw new Error(String(ok));
  } catch {
    throw new BackupError(`${file} 不是完好的赛马 SQLite 备份`, `${file} is not an intact Saima SQLite backup`);
  } finally {
    db?.close();
  }
}

/** True when the database `file` holds anything: events or users, or tables not Saima's. */
export function sqliteHasData(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  const db = new Database(file, { readonly: true });
  try {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    if (!names.includes('events')) return names.length > 0;
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return count('events') > 0 || (names.includes('users') && count('users') > 0);
  } finally {
    db.close();
  }
}

/** Replaces the database `target` with the backup `file` (the server must be stopped). */
export function restoreSqlite(file: string, target: string): void {
  checkSqlite(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.restoring-${process.pid}`;
  fs.copyFileSync(file, tmp);
  try {
    checkSqlite(tmp);
    // The old WAL belongs to the old file: left in place, SQLite would replay it onto the copy.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
