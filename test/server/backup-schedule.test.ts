/** Scheduled backups in the real server process: SAIMA_BACKUP_* start them, bad values stop the start. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKUP_NAME } from '../../server/ops/backup.ts';
import { kill, spawnServer, type Child } from './helpers/child.ts';
import { until } from './helpers/server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-bksched-'));
let child: Child | null = null;
afterAll(async () => {
  if (child) await kill(child);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('scheduled backups in the server', () => {
  it('writes backups every interval and keeps SAIMA_BACKUP_KEEP of them', async () => {
    const dir = path.join(tmp, 'backups');
    child = await spawnServer(path.join(tmp, 'data'), { SAIMA_BACKUP_DIR: dir, SAIMA_BACKUP_INTERVAL: '400ms', SAIMA_BACKUP_KEEP: '2' });
    const files = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => BACKUP_NAME.test(f)) : []);
    await until(() => child!.output().includes('removed 1 old'), 20_000);
    expect(files()).toHaveLength(2);
    expect(child.output()).toMatch(/backup written: .*saima-\d{8}T\d{6}-\d{3}Z\.sqlite/);
  }, 60_000);

  it('refuses to start with an interval that is not a duration', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SAIMA_DATA_DIR: path.join(tmp, 'bad'), SAIMA_DEMO: 'off', SAIMA_BACKUP_DIR: path.join(tmp, 'b2'), SAIMA_BACKUP_INTERVAL: 'six hours' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('SAIMA_BACKUP_INTERVAL');
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
  }, 70_000);
});
