/**
 * Backup and restore through the npm commands, on SQLite and on PostgreSQL: a backup taken while
 * values stream in holds every submission acknowledged before it started; restored, the database
 * starts at the backup's version with the same standings as the original at that version; a
 * non-empty target is refused without --force and replaced with it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { kill, spawnServer, type Child } from './helpers/child.ts';
import { allEvents, npmRun, submitStream } from './helpers/backup-flow.ts';
import { findPostgres } from './helpers/pg.ts';
import { login } from './helpers/server.ts';
import { tinyScheme } from './helpers/tiny-scheme.ts';

const pgUrl = await findPostgres();
if (!pgUrl) console.warn('backup.test: PostgreSQL at 127.0.0.1:5432 is unreachable; the PostgreSQL case is skipped');
const password = 'backup-test-password';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-backup-'));
const children: Child[] = [];
const databases: string[] = [];

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl! });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await Promise.all(children.map((c) => kill(c)));
  for (const db of databases) await adminQuery(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The environment of one database: a SQLite data directory or a fresh PostgreSQL database. */
async function database(kind: 'sqlite' | 'postgres', name: string): Promise<Record<string, string>> {
  const dir = path.join(tmp, `${kind}-${name}`);
  fs.mkdirSync(dir);
  const env: Record<string, string> = { SAIMA_DATA_DIR: dir, SAIMA_ADMIN_PASSWORD: password };
  if (kind === 'postgres') {
    const db = `saima_bk_${process.pid}_${name}_${Date.now().toString(36)}`;
    await adminQuery(`CREATE DATABASE ${db}`);
    databases.push(db);
    env.SAIMA_DB = Object.assign(new URL(pgUrl!), { pathname: `/${db}` }).toString();
  }
  return env;
}

async function start(env: Record<string, string>): Promise<Child> {
  const child = await spawnServer(env.SAIMA_DATA_DIR!, env);
  children.push(child);
  return child;
}

const backupFile = (out: string) => out.trim().split('\n').pop()!;

describe.each([
  { kind: 'sqlite' as const, skip: false },
  { kind: 'postgres' as const, skip: !pgUrl },
])('backup and restore on $kind', ({ kind, skip }) => {
  it.skipIf(skip)('a live backup restores to the same standings at its version', async () => {
    const envA = await database(kind, 'a');
    const a = await start(envA);
    const adminA = await login(a.url, 'admin', password);
    expect((await adminA.req('PUT', '/api/scheme', { version: 0, scheme: tinyScheme() })).status).toBe(200);

    const stream = submitStream(adminA);
    await new Promise((r) => setTimeout(r, 700));
    const started = Date.now();
    const made = await npmRun('backup', [path.join(tmp, `${kind}-backups`)], envA);
    await new Promise((r) => setTimeout(r, 300));
    await stream.stop();
    expect(made.code, made.out).toBe(0);
    const file = backupFile(made.out);
    expect(path.basename(file)).toMatch(kind === 'sqlite' ? /^saima-.*\.sqlite$/ : /^saima-.*\.pgdump$/);
    const before = stream.acked.filter((x) => x.at < started);
    const after = stream.acked.filter((x) => x.at > Date.now() - 300);
    expect(before.length).toBeGreaterThan(5);
    expect(after.length).toBeGreaterThan(0);

    // The running server's database is not empty: refused, and left as it was.
    const versionA = (await adminA.req('GET', '/api/standings')).body.version;
    const refused = await npmRun('restore', [file], envA);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('--force');
    expect((await adminA.req('GET', '/api/standings')).body.version).toBe(versionA);

    const envB = await database(kind, 'b');
    const restored = await npmRun('restore', [file], envB);
    expect(restored.code, restored.out).toBe(0);
    let b = await start(envB);
    let adminB = await login(b.url, 'admin', password);
    const standingsB = (await adminB.req('GET', '/api/standings')).body;
    const eventsB = await allEvents(adminB);
    const eventsA = await allEvents(adminA);
    const v = standingsB.version as number;
    expect(v).toBe(eventsB.length);
    expect(v).toBeLessThan(eventsA.length);
    // Every submission acknowledged before the backup started is in it, exactly as recorded.
    const bySeq = new Map(eventsB.map((e) => [e.seq, e]));
    for (const ack of before) expect(bySeq.get(ack.seq)?.data, `seq ${ack.seq}`).toEqual(ack.body);
    expect(eventsB).toEqual(eventsA.slice(0, v));
    expect(standingsB).toEqual((await adminA.req('GET', `/api/standings?version=${v}`)).body);

    // A restore over data needs --force, and then replaces it.
    expect((await adminB.req('POST', '/api/values', { key: 'after-restore', period: 'm01', unit: 't1', indicator: 'inv', value: 99 })).status).toBe(201);
    await kill(b, 'SIGTERM');
    expect((await npmRun('restore', [file], envB)).code).toBe(1);
    const forced = await npmRun('restore', [file, '--force'], envB);
    expect(forced.code, forced.out).toBe(0);
    b = await start(envB);
    adminB = await login(b.url, 'admin', password);
    expect((await adminB.req('GET', '/api/standings')).body).toEqual(standingsB);
  }, 240_000);
});
