/**
 * The deployment files that cannot run here (no Docker, no root systemd): the Dockerfile parsed
 * and held to the rules that matter, compose.yaml checked as `docker compose config` would, the
 * systemd unit verified by systemd-analyze.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions with continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return joined.map((l) => {
    const [op, ...rest] = l.split(/\s+/);
    return { op: op!.toUpperCase(), args: rest.join(' ') };
  });
}

describe('Dockerfile', () => {
  const all = instructions(read('Dockerfile'));
  const args = new Map(all.filter((i) => i.op === 'ARG').map((i) => i.args.split('=') as [string, string]));
  const expand = (s: string) => s.replace(/\$\{(\w+)\}/g, (_, n: string) => args.get(n) ?? '');
  const stages: Instruction[][] = [];
  for (const i of all) {
    if (i.op === 'FROM') stages.push([]);
    stages.at(-1)?.push(i);
  }
  const final = stages.at(-1)!;

  it('builds in stages from base images pinned to an exact version', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) {
      const image = expand(s[0]!.args.split(/\s+/)[0]!);
      expect(image, s[0]!.args).toMatch(/^[\w./-]+(:\d+\.\d+\.\d+[\w.-]*|@sha256:[0-9a-f]{64})$/);
    }
    expect(final.some((i) => i.op === 'COPY' && i.args.includes('--from=build'))).toBe(true);
    expect(final.some((i) => i.op === 'RUN' && /npm (ci|install)\b/.test(i.args) && !i.args.includes('--global'))).toBe(false);
  });

  it('runs as a non-root user with a health check on /api/health/live', () => {
    const users = final.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const health = final.filter((i) => i.op === 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]!.args).toContain('/api/health/live');
    const cmd = final.filter((i) => i.op === 'CMD').at(-1)!;
    expect(() => JSON.parse(cmd.args)).not.toThrow();
    expect(JSON.parse(cmd.args)).toEqual(['node', '--import', 'tsx', 'server/index.ts']);
  });

  it('fetches nothing with ADD and copies only what exists and is not ignored', () => {
    expect(all.filter((i) => i.op === 'ADD' && /https?:\/\//.test(i.args))).toEqual([]);
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const must of ['.git', 'node_modules', 'dist', 'data', '.env']) expect(ignored).toContain(must);
    const build = stages[0]!;
    for (const c of build.filter((i) => i.op === 'COPY')) {
      for (const src of c.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1)) {
        if (src === '.') continue;
        expect(fs.existsSync(path.join(root, src)), src).toBe(true);
        expect(ignored, src).not.toContain(src);
      }
    }
    // What `npm run build` and the server read at run time is not ignored.
    for (const needed of ['client', 'shared', 'server', 'vite.config.ts', 'package-lock.json']) expect(ignored).not.toContain(needed);
  });
});

describe('compose.yaml', () => {
  const doc = parse(read('compose.yaml'));
  const services = doc.services as Record<string, Record<string, unknown>>;

  it('has the app, PostgreSQL and nginx, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'db', 'nginx']);
    for (const [name, s] of Object.entries(services)) {
      const hc = s.healthcheck as { test: string[] } | undefined;
      expect(hc?.test?.[0], name).toMatch(/^CMD(-SHELL)?$/);
    }
    expect((services.db!.healthcheck as { test: string[] }).test.join(' ')).toContain('pg_isready');
    expect((services.app!.healthcheck as { test: string[] }).test.join(' ')).toContain('/api/health/live');
  });

  it('starts each service after the one it needs is healthy', () => {
    expect(services.app!.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(services.nginx!.depends_on).toEqual({ app: { condition: 'service_healthy' } });
    const env = services.app!.environment as Record<string, string>;
    expect(env.SAIMA_DB).toMatch(/^postgres:\/\/saima:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432\/saima$/);
    expect(env.SAIMA_SECURE_COOKIES).toBe('1');
    expect(env.SAIMA_TRUST_PROXY).toBe('1');
    expect(services.app!.ports).toBeUndefined();
    expect((services.db!.environment as Record<string, string>).POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('defines every named volume it mounts, and its bind mounts exist', () => {
    const defined = Object.keys(doc.volumes ?? {});
    const named: string[] = [];
    for (const [name, s] of Object.entries(services)) {
      for (const v of (s.volumes as string[] | undefined) ?? []) {
        const src = v.split(':')[0]!;
        if (src.startsWith('.') || src.startsWith('/')) {
          if (!src.endsWith('/tls')) expect(fs.existsSync(path.join(root, src)), `${name}: ${src}`).toBe(true);
        } else named.push(src);
      }
    }
    expect(named.sort()).toEqual(['app-data', 'db-data']);
    expect(defined.sort()).toEqual(named.sort());
    expect((services.db!.volumes as string[])[0]).toBe('db-data:/var/lib/postgresql/data');
    const nginxMounts = (services.nginx!.volumes as string[]).join(' ');
    expect(nginxMounts).toContain('./deploy/nginx/saima.conf:');
    expect(nginxMounts).toContain('./deploy/nginx/upstream-compose.conf:');
  });

  it('can back up its PostgreSQL: the image has pg_dump of the same major version', () => {
    const major = /^postgres:(\d+)\./.exec(services.db!.image as string)![1];
    expect(read('Dockerfile')).toMatch(new RegExp(`apt-get install[^\n]*postgresql-client-${major}\\b`));
    expect((services.app!.environment as Record<string, string>).SAIMA_BACKUP_DIR).toMatch(/^\/data\//);
  });

  it('pins every image it pulls', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.build) continue;
      expect(s.image, name).toMatch(/:\d+\.\d+(\.\d+)?[\w.-]*$/);
    }
  });
});

const hasSystemd = spawnSync('sh', ['-c', 'command -v systemd-analyze']).status === 0;

describe.skipIf(!hasSystemd)('deploy/saima.service', () => {
  const unit = read('deploy/saima.service');
  const copy = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-unit-'));
    fs.writeFileSync(path.join(dir, 'saima.service'), unit);
    return path.join(dir, 'saima.service');
  };

  it('passes systemd-analyze verify without a warning', () => {
    const r = spawnSync('systemd-analyze', ['verify', copy()], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.trim()).toBe('');
  });

  it('is hardened (systemd-analyze security: exposure at most 2)', () => {
    for (const d of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'ProtectHome=yes', 'PrivateTmp=yes', 'CapabilityBoundingSet=\n', 'User=saima']) expect(unit).toContain(d);
    // V8 compiles code at run time: writable-executable memory must stay allowed.
    expect(unit).not.toContain('MemoryDenyWriteExecute=yes');
    const r = spawnSync('systemd-analyze', ['security', '--offline=true', copy()], { encoding: 'utf8' });
    const m = /Overall exposure level for saima\.service: (\d+\.\d)/.exec(r.stdout);
    expect(m, r.stdout + r.stderr).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(2);
  });
});
