/**
 * The only place that reads the environment and listens. The variables are parsed and checked
 * in config.ts (README "Configuration"); a bad one stops the start before anything is opened.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${loaded.errors.join('\n')}\n`);
  process.exit(1);
}
const { config } = loaded;

// Imported after the check: nothing is opened or written before it.
const { createApp } = await import('./app.ts');
const { openStorage } = await import('./storage/storage.ts');
const { createEngine } = await import('../shared/engine/index.ts');
const { validateScheme } = await import('../shared/validate-scheme.ts');
const { randomToken } = await import('./auth/secrets.ts');
const { demoInfo, seedDemo, startDemoFeeder } = await import('./bootstrap/demo-seed.ts');
const { createLogger, logFn } = await import('./ops/logger.ts');
const { backup, targetOf } = await import('./ops/backup.ts');
const { startBackupScheduler } = await import('./ops/backup-scheduler.ts');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const logger = createLogger({ level: config.logLevel });
const log = logFn(logger);
for (const name of loaded.unknown) logger.warn({ variable: name }, `unknown variable ${name} ignored (see README "Configuration")`);

const dbUrl = config.db.kind === 'postgres' ? config.db.url : config.db.file ? `sqlite:${config.db.file}` : 'sqlite';
const storage = await openStorage({ url: dbUrl, dataDir: config.dataDir, log });
const app = await createApp({
  storage,
  createEngine,
  checkScheme: (s) => validateScheme(s).problems,
  origins: config.origins,
  staticDir: path.join(root, 'dist', 'client'),
  secureCookies: config.secureCookies,
  logger,
  log,
  metricsToken: config.metricsToken,
  trustProxy: config.trustProxy,
  timeZone: config.tz,
});

const empty = app.race.version === 0 && (await app.users.countUsers()) === 0;
let firstAdmin: { username: string; password: string } | null = null;
if (empty && config.demo) {
  logger.info('first start: creating the demo county…');
  await seedDemo(app, new Date());
} else if (empty) {
  firstAdmin = { username: 'admin', password: config.adminPassword ?? randomToken().slice(0, 16) };
  await app.users.createUser({ ...firstAdmin, role: 'admin' }, 'setup');
}
const info = await demoInfo(app);
const feeder = info && config.demo ? startDemoFeeder(app) : null;
const backupDir = config.backupDir;
const backups = backupDir
  ? startBackupScheduler(
      { dir: backupDir, intervalMs: config.backupIntervalMs ?? 86_400_000, keep: config.backupKeep },
      { run: (dir) => backup(targetOf({ SAIMA_DB: dbUrl, SAIMA_DATA_DIR: config.dataDir }), dir), log: (l) => logger.info(l) },
    )
  : null;

app.server.listen(config.port, config.host, () => {
  const address = app.server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : config.port}`;
  logger.info({ url, version: app.race.version, db: storage.dialect }, `listening on ${url}  (version ${app.race.version}, ${storage.dialect}); API reference: ${url}/api/docs`);
  // Sign-in details an operator needs once, on the console rather than in the log.
  const lines: string[] = [];
  if (info) {
    lines.push('demo accounts:');
    for (const a of info.accounts) lines.push(`  ${a.label.padEnd(24)} ${a.username} / ${a.password}`);
    if (info.displayToken) lines.push(`  wall display: ${url}/screen?token=${info.displayToken}`);
  }
  if (firstAdmin) lines.push(`first admin: ${firstAdmin.username} / ${config.adminPassword ? '(SAIMA_ADMIN_PASSWORD)' : firstAdmin.password}  (change it after signing in)`);
  if (lines.length) process.stderr.write(`[saima] ${lines.join('\n        ')}\n`);
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, `${signal}: shutting down`);
  feeder?.stop();
  await backups?.stop();
  await app.close();
  // After the last write: the next start replays only what follows the snapshot.
  await app.race.snapshotIfLong();
  await storage.close();
  logger.flush();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
