/**
 * PostgreSQL backups with the PostgreSQL client tools: `pg_dump` in custom format (one consistent
 * snapshot of the database, however busy) and `pg_restore` in one transaction (all or nothing).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { BackupError } from './backup-error.ts';

/** The connection string without its password, and the environment that carries it instead. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
    proc.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT'
        ? new BackupError(`找不到 ${tool}:请安装与服务器同一主版本的 PostgreSQL 客户端(postgresql-client)`, `${tool} not found: install the PostgreSQL client tools (postgresql-client) of the server's major version`)
        : e));
    proc.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} 失败(退出码 ${code}):${err.trim()}`, `${tool} failed (exit code ${code}): ${err.trim()}`));
    });
  });
}

/** Dumps the database at `url` to `target` in pg_dump's custom format. */
export async function backupPostgres(url: string, target: string): Promise<void> {
  const { dbname, env } = connection(url);
  try {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${target}`, `--dbname=${dbname}`], env);
  } catch (e) {
    fs.rmSync(target, { force: true });
    throw e;
  }
}

/** True when the target database already has tables in its current schema. */
export async function postgresHasData(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
  } catch (e) {
    throw new BackupError(`无法连接 PostgreSQL:${(e as Error).message}`, `cannot connect to PostgreSQL: ${(e as Error).message}`);
  }
  try {
    const r = await c.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()");
    return (r.rows[0] as { n: number }).n > 0;
  } finally {
    await c.end();
  }
}

/** Throws unless `file` is a pg_dump custom-format archive pg_restore can read. */
export async function checkPostgresDump(file: string): Promise<void> {
  await run('pg_restore', ['--list', file], process.env).catch((e: unknown) => {
    if (e instanceof BackupError && e.en.includes('not found')) throw e;
    throw new BackupError(`${file} 不是可读的 pg_dump 备份`, `${file} is not a readable pg_dump archive`);
  });
}

/** Restores `file` into the database at `url`; `clean` drops the objects it replaces first. */
export async function restorePostgres(file: string, url: string, clean: boolean): Promise<void> {
  await checkPostgresDump(file);
  const { dbname, env } = connection(url);
  const args = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`];
  if (clean) args.push('--clean', '--if-exists');
  await run('pg_restore', [...args, file], env);
}
