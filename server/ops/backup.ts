/**
 * Backups and restores of the configured database: SQLite (online backup API) or PostgreSQL
 * (pg_dump / pg_restore). Both take the same settings as the server (SAIMA_DB, SAIMA_DATA_DIR).
 */
import fs from 'node:fs';
import path from 'node:path';
import { BackupError } from './backup-error.ts';
import { backupPostgres, postgresHasData, restorePostgres } from './backup-pg.ts';
import { backupSqlite, restoreSqlite, sqliteFile, sqliteHasData } from './backup-sqlite.ts';

export { BackupError } from './backup-error.ts';

/** The database to back up or restore into: the SQLite file, or the PostgreSQL URL. */
export type DbTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The database the server opens with these settings (as openStorage reads SAIMA_DB and SAIMA_DATA_DIR). */
export function targetOf(env: { SAIMA_DB?: string; SAIMA_DATA_DIR?: string }): DbTarget {
  const url = env.SAIMA_DB ?? 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  return { kind: 'sqlite', file: sqliteFile(path.resolve(env.SAIMA_DATA_DIR ?? './data')) };
}

/** Backup files are named by their UTC time, so their names sort in time order. */
export const BACKUP_NAME = /^saima-\d{8}T\d{6}-\d{3}Z\.(sqlite|pgdump)$/;


function backupName(now: Date, ext: string): string {
  const iso = now.toISOString().replace(/[-:]/g, '').replace('.', '-');
  return `saima-${iso}.${ext}`;
}

/** Writes a backup of the database into `dir` (created if missing) and returns the file's path. */
export async function backup(t: DbTarget, dir: string, now = new Date()): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(path.resolve(dir), backupName(now, t.kind === 'postgres' ? 'pgdump' : 'sqlite'));
  if (fs.existsSync(file)) throw new BackupError(`备份文件已存在:${file}`, `backup file exists: ${file}`);
  const partial = `${file}.partial`;
  try {
    if (t.kind === 'postgres') await backupPostgres(t.url, partial);
    else await backupSqlite(t.file, partial);
    // Only a finished backup gets its final name: a crash leaves a `.partial`, never a bad `.sqlite`.
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return file;
}

/** What a backup file holds, from its first bytes. */
function kindOf(file: string): 'sqlite' | 'pgdump' {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError(`找不到备份文件 ${file}`, `no backup file at ${file}`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pgdump';
  throw new BackupError(`${file} 不是赛马备份(SQLite 或 pg_dump 自定义格式)`, `${file} is not a Saima backup (SQLite or pg_dump custom format)`);
}

/**
 * Restores `file` into the configured database. Refuses a target that holds data unless `force`;
 * stop the server first (it keeps the old database open).
 */
export async function restore(t: DbTarget, file: string, force = false): Promise<void> {
  const kind = kindOf(file);
  const pg = t.kind === 'postgres';
  if (pg !== (kind === 'pgdump')) {
    throw new BackupError(
      `${file} 是 ${kind === 'pgdump' ? 'PostgreSQL' : 'SQLite'} 备份,而 SAIMA_DB 指向 ${pg ? 'PostgreSQL' : 'SQLite'}`,
      `${file} is a ${kind === 'pgdump' ? 'PostgreSQL' : 'SQLite'} backup but SAIMA_DB points at ${pg ? 'PostgreSQL' : 'SQLite'}`,
    );
  }
  const where = t.kind === 'postgres' ? 'PostgreSQL' : t.file;
  if (!force && (t.kind === 'postgres' ? await postgresHasData(t.url) : sqliteHasData(t.file))) {
    throw new BackupError(`目标数据库 ${where} 已有数据;确认覆盖请加 --force`, `the target database ${where} is not empty; add --force to overwrite it`);
  }
  if (t.kind === 'postgres') await restorePostgres(file, t.url, force);
  else restoreSqlite(file, t.file);
}
