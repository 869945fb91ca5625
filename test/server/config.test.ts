/**
 * Configuration: every variable is checked before anything starts. The real server is spawned
 * with bad values: one line naming the variable, its value and what is allowed, in Chinese and
 * English, a non-zero exit, no stack trace, and nothing written.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { openStorage } from '../../server/storage/storage.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs server/index.ts to its exit with `env` on top of a clean base; stdout+stderr and the code. */
function run(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string; dataDir: string }> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-cfg-'));
  const dataDir = path.join(base, 'data');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SAIMA_') && k !== 'PORT' && k !== 'HOST'));
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], {
    cwd: root,
    env: { ...clean, SAIMA_DATA_DIR: dataDir, SAIMA_DEMO: 'off', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, dataDir });
    });
  });
}

const CASES: Array<[string, string, RegExp]> = [
  ['PORT', 'abc', /PORT="abc" — 应为0–65535 的整数 \/ must be an integer from 0 to 65535/],
  ['SAIMA_DB', 'postgress://saima:hunter2@db/saima', /SAIMA_DB="postgress:\/\/saima:\*\*\*@db\/saima" — .*must be sqlite, sqlite:PATH or a postgres:\/\/ \/ postgresql:\/\/ URL/],
  ['SAIMA_TZ', 'Asia/Shanghia', /SAIMA_TZ="Asia\/Shanghia" — 应为IANA 时区名.* \/ must be an IANA time zone/],
];

describe('bad environment values stop the real server before it starts', () => {
  it.each(CASES)('%s=%s', { timeout: 90_000 }, async (name, value, line) => {
    const r = await run({ [name]: value });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    const lines = (r.out + r.err).split('\n').filter((l) => l.trim());
    expect(lines, r.out + r.err).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[saima\] 配置错误 \/ configuration error: /);
    expect(lines[0]).toMatch(line);
    expect(r.out + r.err).not.toMatch(/\n\s+at |Error:/);
    // Nothing was created: no data directory, no SQLite file, no seeded county.
    expect(fs.existsSync(r.dataDir)).toBe(false);
    if (name === 'SAIMA_DB') expect(lines[0]).not.toContain('hunter2');
  });

  it('starts with good values (the same harness, so the refusals above are real)', { timeout: 90_000 }, async () => {
    const proc = run({ PORT: 'x' });
    const r = await proc;
    expect(r.code).toBe(1);
    const good = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], {
      cwd: root,
      env: { ...process.env, SAIMA_DATA_DIR: r.dataDir, SAIMA_DEMO: 'off', PORT: '0', HOST: '127.0.0.1', SAIMA_FAST_HASH: '1', SAIMA_LOG_LEVEL: 'info', SAIMA_DB: `sqlite:${path.join(r.dataDir, 'x.sqlite')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      good.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('listening on')) resolve();
      });
      good.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    good.kill('SIGTERM');
    await new Promise((r2) => good.once('exit', r2));
    // JSON lines, and the database where SAIMA_DB=sqlite:PATH put it.
    expect(JSON.parse(out.split('\n').find((l) => l.includes('listening on'))!)).toMatchObject({ level: 30, db: 'sqlite' });
    expect(fs.existsSync(path.join(r.dataDir, 'x.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(r.dataDir, 'saima.sqlite'))).toBe(false);
  });
});

describe('loadConfig', () => {
  const ok = (env: Record<string, string>) => {
    const r = loadConfig(env, '/srv');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.config;
  };
  const bad = (env: Record<string, string>) => {
    const r = loadConfig(env, '/srv');
    if (r.ok) throw new Error(`accepted ${JSON.stringify(env)}`);
    return r.errors;
  };

  it('has defaults for everything', () => {
    expect(ok({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/data',
      db: { kind: 'sqlite', file: null },
      demo: true,
      adminPassword: null,
      origins: [],
      secureCookies: false,
      logLevel: 'info',
      metricsToken: null,
      tz: 'Asia/Shanghai',
      backupDir: null,
      backupIntervalMs: null,
      backupKeep: 7,
      trustProxy: false,
    });
  });

  it('parses every variable', () => {
    const c = ok({
      PORT: '8080',
      HOST: '127.0.0.1',
      SAIMA_DATA_DIR: 'var',
      SAIMA_DB: 'postgresql://u:p@db:5432/saima',
      SAIMA_DEMO: 'off',
      SAIMA_ADMIN_PASSWORD: 'long-enough-1',
      SAIMA_ORIGINS: 'https://A.example.cn, http://b.example:8080/',
      SAIMA_SECURE_COOKIES: '1',
      SAIMA_LOG_LEVEL: 'debug',
      SAIMA_METRICS_TOKEN: 'abcdefghijklmnop',
      SAIMA_TZ: 'Asia/Urumqi',
      SAIMA_BACKUP_DIR: '/backups',
      SAIMA_BACKUP_INTERVAL: '6h',
      SAIMA_TRUST_PROXY: 'loopback, 10.0.0.0/8',
    });
    expect(c).toMatchObject({ port: 8080, dataDir: '/srv/var', db: { kind: 'postgres', url: 'postgresql://u:p@db:5432/saima' }, demo: false, secureCookies: true, logLevel: 'debug', tz: 'Asia/Urumqi' });
    expect(c.origins).toEqual(['https://a.example.cn', 'http://b.example:8080']);
    expect(c.backupIntervalMs).toBe(6 * 3600_000);
    expect(c.trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(ok({ SAIMA_DB: 'sqlite:db/x.sqlite' }).db).toEqual({ kind: 'sqlite', file: '/srv/db/x.sqlite' });
    expect(ok({ SAIMA_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(ok({ SAIMA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['HOST', 'a host'],
    ['SAIMA_DB', 'mysql://x'],
    ['SAIMA_DB', 'sqlite:'],
    ['SAIMA_DB', 'postgres://'],
    ['SAIMA_DB', 'SQLite'],
    ['SAIMA_DEMO', 'maybe'],
    ['SAIMA_ADMIN_PASSWORD', 'short'],
    ['SAIMA_ORIGINS', 'example.cn'],
    ['SAIMA_ORIGINS', 'https://a.cn/path'],
    ['SAIMA_ORIGINS', 'https://a.cn?x=1'],
    ['SAIMA_ORIGINS', 'ftp://a.cn'],
    ['SAIMA_SECURE_COOKIES', '2'],
    ['SAIMA_LOG_LEVEL', 'verbose'],
    ['SAIMA_METRICS_TOKEN', 'short'],
    ['SAIMA_TZ', 'CST'],
    ['SAIMA_BACKUP_DIR', ' '],
    ['SAIMA_BACKUP_INTERVAL', '0h'],
    ['SAIMA_BACKUP_INTERVAL', '90'],
    ['SAIMA_TRUST_PROXY', '10.0.0.0/33'],
    ['SAIMA_TRUST_PROXY', 'everyone'],
  ])('refuses %s=%s with one line naming it', (name, value) => {
    const errors = bad({ [name]: value });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${name}=`);
    expect(errors[0]).toMatch(/应为.+ \/ must be .+/);
  });

  it('never echoes a secret, and reports each bad variable once', () => {
    const [line] = bad({ SAIMA_METRICS_TOKEN: 'sekrit' });
    expect(line).not.toContain('sekrit');
    expect(bad({ PORT: 'x', SAIMA_LOG_LEVEL: 'loud' })).toHaveLength(2);
  });

  it('lists unknown SAIMA_ variables (typos) so the start can warn', () => {
    const r = loadConfig({ SAIMA_DATADIR: 'x', SAIMA_FAST_HASH: '1' });
    expect(r.ok && r.unknown).toEqual(['SAIMA_DATADIR']);
  });
});

describe('openStorage', () => {
  it('refuses a database URL it does not know instead of falling back to SQLite', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'saima-url-')), 'data');
    await expect(openStorage({ url: 'postgress://u:pw@db/x', dataDir: dir })).rejects.toThrow(/unsupported database URL/);
    await expect(openStorage({ url: 'postgress://u:pw@db/x', dataDir: dir })).rejects.not.toThrow(/pw/);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
