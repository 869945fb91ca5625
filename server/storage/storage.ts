/**
 * The storage interface: one Kysely instance over SQLite (embedded default) or PostgreSQL, with
 * migrations applied on open. Repositories take a `Db` (the instance or a transaction).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { migrate, type Dialect } from './migrations.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export interface Storage {
  readonly dialect: Dialect;
  readonly db: Kysely<DB>;
  /** Runs `fn` in one transaction: everything it writes commits together or not at all. */
  tx<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where lost PostgreSQL connections are reported (a pool's idle clients fail on their own). */
export type StorageLog = (msg: string, err: unknown) => void;

export interface StorageConfig {
  /** `sqlite` (default, file saima.sqlite in dataDir), `sqlite:PATH` or a `postgres://` URL. */
  url?: string;
  /** Directory of the SQLite file. */
  dataDir?: string;
  /** PostgreSQL schema to use (created when missing); tests isolate themselves with it. */
  pgSchema?: string;
  /** Errors of idle pooled connections (default: written to stderr); they never crash the process. */
  log?: StorageLog;
}

/** Opens the configured database and brings its schema up to date. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  const url = config.url ?? 'sqlite';
  const isPg = /^postgres(ql)?:\/\//.test(url);
  if (!isPg && url !== 'sqlite' && !url.startsWith('sqlite:')) throw new Error(`unsupported database URL (sqlite, sqlite:PATH or postgres://…): ${url.split(':')[0]}:…`);
  const dialect: Dialect = isPg ? 'postgres' : 'sqlite';
  const log = config.log ?? ((msg: string, err: unknown) => console.error(`[saima] ${msg}`, err));
  const file = url.startsWith('sqlite:') ? path.resolve(url.slice(7)) : path.join(path.resolve(config.dataDir ?? './data'), 'saima.sqlite');
  const db = isPg ? await openPostgres(url, config.pgSchema, log) : openSqlite(file);
  await migrate(db, dialect);
  return {
    dialect,
    db,
    tx: (fn) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}

function openSqlite(filePath: string): Kysely<DB> {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const file = new Database(filePath);
  file.pragma('journal_mode = WAL');
  // The bundled default (NORMAL) can lose the last commits on power loss; an acknowledged
  // submission must survive.
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: file }) });
}

async function openPostgres(url: string, schema: string | undefined, log: StorageLog): Promise<Kysely<DB>> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const c = new pg.Client({ connectionString: url });
    c.on('error', (err) => log('database connection lost', err));
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await c.end();
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle client whose connection dies (server restart, pg_terminate_backend) emits 'error' on
  // the pool; unhandled, that would end the process. The pool drops the client and reconnects.
  pool.on('error', (err) => log('database connection lost', err));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
