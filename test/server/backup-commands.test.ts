/** The backup and restore commands' refusals, and the scheduled backups' retention, in process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupCommand } from '../../server/cli/backup.ts';
import { restoreCommand } from '../../server/cli/restore.ts';
import { BACKUP_NAME, backup, targetOf } from '../../server/ops/backup.ts';
import { parseInterval, startBackupScheduler } from '../../server/ops/backup-scheduler.ts';
import { startServer } from './helpers/server.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-bkcmd-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('backup and restore commands', () => {
  it('explain their usage and refuse bad arguments with exit code 2', async () => {
    expect((await backupCommand([], {})).code).toBe(2);
    expect((await backupCommand(['a', 'b'], {})).stderr).toContain('npm run backup -- <目录 DIR>');
    expect((await restoreCommand(['--force'], {})).code).toBe(2);
    expect((await restoreCommand(['--help'], {})).stdout).toContain('--force');
  });

  it('report a missing database, a missing file and a file that is not a backup', async () => {
    const none = await backupCommand([path.join(tmp, 'out')], { SAIMA_DATA_DIR: path.join(tmp, 'nowhere') });
    expect(none).toMatchObject({ code: 1, stderr: expect.stringContaining('SAIMA_DATA_DIR') });
    const missing = await restoreCommand([path.join(tmp, 'nope.sqlite')], { SAIMA_DATA_DIR: path.join(tmp, 'd1') });
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('no backup file') });
    const junk = path.join(tmp, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all');
    const bad = await restoreCommand([junk], { SAIMA_DATA_DIR: path.join(tmp, 'd1') });
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('not a Saima backup') });
    expect(fs.existsSync(path.join(tmp, 'd1', 'saima.sqlite'))).toBe(false);
  });

  it('refuse a SQLite backup for a PostgreSQL target and the other way round', async () => {
    const srv = await startServer({ dir: path.join(tmp, 'src') });
    const file = await backup(targetOf({ SAIMA_DATA_DIR: srv.dir }), path.join(tmp, 'bk'));
    await srv.close({ keepDir: true });
    const r = await restoreCommand([file], { SAIMA_DB: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('SAIMA_DB points at PostgreSQL') });
    const dump = path.join(tmp, 'x.pgdump');
    fs.writeFileSync(dump, 'PGDMP\u0001\u000e\u0000 rest');
    const r2 = await restoreCommand([dump], { SAIMA_DATA_DIR: path.join(tmp, 'd2') });
    expect(r2).toMatchObject({ code: 1, stderr: expect.stringContaining('SAIMA_DB points at SQLite') });
  });
});

describe('scheduled backups', () => {
  it('parses intervals', () => {
    expect([parseInterval('6h'), parseInterval('30m'), parseInterval('1d'), parseInterval('500')]).toEqual([6 * 3600e3, 30 * 60e3, 86400e3, 500]);
    expect([parseInterval('6 hours'), parseInterval('0h'), parseInterval('-1h'), parseInterval('')]).toEqual([null, null, null, null]);
  });

  it('writes a backup every interval and keeps the newest ones only', async () => {
    const srv = await startServer({ dir: path.join(tmp, 'live') });
    const dir = path.join(tmp, 'scheduled');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup: never deleted');
    const lines: string[] = [];
    let n = 0;
    // Distinct times, so the names order as the runs do.
    const run = (d: string) => backup(targetOf({ SAIMA_DATA_DIR: srv.dir }), d, new Date(Date.UTC(2026, 0, 1, 0, 0, n++)));
    const s = startBackupScheduler({ dir, intervalMs: 40, keep: 2 }, { run, log: (l) => lines.push(l) });
    await new Promise((r) => setTimeout(r, 600));
    await s.stop();
    const left = fs.readdirSync(dir).sort();
    const backups = left.filter((f) => BACKUP_NAME.test(f));
    expect(n).toBeGreaterThanOrEqual(3);
    expect(backups).toHaveLength(2);
    expect(left).toContain('notes.txt');
    expect(backups.at(-1)).toBe(`saima-20260101T0000${String(n - 1).padStart(2, '0')}-000Z.sqlite`);
    expect(lines.some((l) => l.includes('removed'))).toBe(true);
    // Each kept file is a full database: it restores and opens with the same users.
    const r = await restoreCommand([path.join(dir, backups[0]!)], { SAIMA_DATA_DIR: path.join(tmp, 'from-scheduled') });
    expect(r.code, r.stderr).toBe(0);
    const copy = await startServer({ dir: path.join(tmp, 'from-scheduled'), seed: false });
    expect(await copy.app.users.countUsers()).toBe(await srv.app.users.countUsers());
    await copy.close();
    await srv.close();
  });
});
