/**
 * The only place that reads the environment and listens.
 *   PORT (3000), HOST (0.0.0.0), SAIMA_DATA_DIR (./data), SAIMA_DB (sqlite | postgres://…),
 *   SAIMA_DEMO (off: start empty), SAIMA_ORIGINS (comma-separated extra browser origins),
 *   SAIMA_ADMIN_PASSWORD (first admin's password when starting empty), SAIMA_SECURE_COOKIES (1 behind HTTPS),
 *   SAIMA_BACKUP_DIR (scheduled backups there when set), SAIMA_BACKUP_INTERVAL (24h), SAIMA_BACKUP_KEEP (7),
 *   SAIMA_TRUST_PROXY (behind a reverse proxy: loopback, a hop count or addresses).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { openStorage } from './storage/storage.ts';
import { createEngine } from '../shared/engine/index.ts';
import { validateScheme } from '../shared/validate-scheme.ts';
import { randomToken } from './auth/secrets.ts';
import { demoInfo, seedDemo, startDemoFeeder } from './bootstrap/demo-seed.ts';
import { backup, targetOf } from './ops/backup.ts';
import { parseInterval, startBackupScheduler } from './ops/backup-scheduler.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '0.0.0.0';
const demo = !['off', '0', 'false', 'no'].includes((env.SAIMA_DEMO ?? '').toLowerCase());
const backupEvery = parseInterval(env.SAIMA_BACKUP_INTERVAL ?? '24h');
const backupKeep = Number(env.SAIMA_BACKUP_KEEP ?? 7);
if (env.SAIMA_BACKUP_DIR && (backupEvery === null || !Number.isInteger(backupKeep) || backupKeep < 1)) {
  console.error('[saima] SAIMA_BACKUP_INTERVAL 须为 30m、6h、1d 这样的时长,SAIMA_BACKUP_KEEP 须为正整数 / SAIMA_BACKUP_INTERVAL must be a duration such as 30m, 6h, 1d and SAIMA_BACKUP_KEEP a positive integer');
  process.exit(1);
}

const storage = await openStorage({ url: env.SAIMA_DB ?? 'sqlite', dataDir: path.resolve(env.SAIMA_DATA_DIR ?? './data') });
const app = await createApp({
  storage,
  createEngine,
  checkScheme: (s) => validateScheme(s).problems,
  origins: (env.SAIMA_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  staticDir: path.join(root, 'dist', 'client'),
  secureCookies: env.SAIMA_SECURE_COOKIES === '1',
  trustProxy: env.SAIMA_TRUST_PROXY ? (/^\d+$/.test(env.SAIMA_TRUST_PROXY) ? Number(env.SAIMA_TRUST_PROXY) : env.SAIMA_TRUST_PROXY) : undefined,
});

const empty = app.race.version === 0 && (await app.users.countUsers()) === 0;
let firstAdmin: { username: string; password: string } | null = null;
if (empty && demo) {
  console.log('[saima] first start: creating the demo county…');
  await seedDemo(app, new Date());
} else if (empty) {
  firstAdmin = { username: 'admin', password: env.SAIMA_ADMIN_PASSWORD ?? randomToken().slice(0, 16) };
  await app.users.createUser({ ...firstAdmin, role: 'admin' }, 'setup');
}
const info = await demoInfo(app);
const feeder = info && demo ? startDemoFeeder(app) : null;
const backups = env.SAIMA_BACKUP_DIR
  ? startBackupScheduler({ dir: path.resolve(env.SAIMA_BACKUP_DIR), intervalMs: backupEvery!, keep: backupKeep }, { run: (dir) => backup(targetOf(env), dir), log: (l) => console.log(`[saima] ${l}`) })
  : null;

app.server.listen(port, host, () => {
  const address = app.server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
  const lines = [`[saima] listening on ${url}  (version ${app.race.version}, ${storage.dialect})`, `        API reference: ${url}/api/docs`];
  if (info) {
    lines.push('        demo accounts:');
    for (const a of info.accounts) lines.push(`          ${a.label.padEnd(24)} ${a.username} / ${a.password}`);
    if (info.displayToken) lines.push(`        wall display: ${url}/screen?token=${info.displayToken}`);
  }
  if (firstAdmin) lines.push(`        first admin: ${firstAdmin.username} / ${firstAdmin.password}  (change it after signing in)`);
  console.log(lines.join('\n'));
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[saima] ${signal}: shutting down`);
  feeder?.stop();
  await backups?.stop();
  await app.close();
  // After the last write: the next start replays only what follows the snapshot.
  await app.race.snapshotIfLong();
  await storage.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
