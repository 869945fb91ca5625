/**
 * The server's configuration: every environment variable, parsed and checked at start with zod
 * before anything is opened, seeded or written. `server/index.ts` is the only caller.
 */
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ON = ['1', 'on', 'true', 'yes'];
const OFF = ['0', 'off', 'false', 'no'];

/** What each variable allows, in both languages, for the one-line error. */
const ALLOWED: Record<string, { zh: string; en: string }> = {
  PORT: { zh: '0–65535 的整数', en: 'an integer from 0 to 65535' },
  HOST: { zh: '主机名或 IP 地址', en: 'a host name or IP address' },
  SAIMA_DATA_DIR: { zh: '目录路径', en: 'a directory path' },
  SAIMA_DB: { zh: 'sqlite、sqlite:路径 或 postgres:// / postgresql:// 地址', en: 'sqlite, sqlite:PATH or a postgres:// / postgresql:// URL' },
  SAIMA_DEMO: { zh: 'on/off（1/0、true/false、yes/no）', en: 'on/off (1/0, true/false, yes/no)' },
  SAIMA_ADMIN_PASSWORD: { zh: '至少 8 个字符、不含空白的密码', en: 'a password of at least 8 characters without spaces' },
  SAIMA_ORIGINS: { zh: '逗号分隔的 http(s)://主机[:端口] 来源', en: 'comma-separated http(s)://host[:port] origins' },
  SAIMA_SECURE_COOKIES: { zh: 'on/off（1/0、true/false、yes/no）', en: 'on/off (1/0, true/false, yes/no)' },
  SAIMA_LOG_LEVEL: { zh: LOG_LEVELS.join('、'), en: LOG_LEVELS.join(', ') },
  SAIMA_METRICS_TOKEN: { zh: '至少 16 个字母、数字或 ._~- 字符', en: 'at least 16 letters, digits or ._~- characters' },
  SAIMA_TZ: { zh: 'IANA 时区名，如 Asia/Shanghai', en: 'an IANA time zone such as Asia/Shanghai' },
  SAIMA_BACKUP_DIR: { zh: '目录路径', en: 'a directory path' },
  SAIMA_BACKUP_INTERVAL: { zh: '时长，如 30m、6h、1d', en: 'a duration such as 30m, 6h, 1d' },
  SAIMA_BACKUP_KEEP: { zh: '1–1000 的整数', en: 'an integer from 1 to 1000' },
  SAIMA_TRUST_PROXY: { zh: 'on/off、代理层数，或逗号分隔的 IP/CIDR（loopback 等）', en: 'on/off, a hop count, or comma-separated IPs/CIDRs (loopback, …)' },
};

/** Values never echoed in an error line. */
const SECRET = new Set(['SAIMA_ADMIN_PASSWORD', 'SAIMA_METRICS_TOKEN']);

const flag = (dflt: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? '').trim().toLowerCase();
      if (s === '') return dflt;
      if (ON.includes(s)) return true;
      if (OFF.includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: 'flag' });
      return z.NEVER;
    });

const nonEmpty = z.string().trim().min(1);

/** `sqlite` | `sqlite:PATH` | `postgres(ql)://…`; anything else (a typo) is refused. */
const dbUrl = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    const s = v || 'sqlite';
    if (s === 'sqlite') return { kind: 'sqlite' as const, file: null };
    if (s.startsWith('sqlite:') && s.length > 7) return { kind: 'sqlite' as const, file: s.slice(7) };
    if (/^postgres(ql)?:\/\/[^\s]+$/.test(s) && URL.canParse(s)) return { kind: 'postgres' as const, url: s };
    ctx.addIssue({ code: 'custom', message: 'db' });
    return z.NEVER;
  });

/** `https://Host:8443/` → `https://host:8443`; null unless it is a bare http(s) origin. */
const origin = (s: string): string | null => {
  if (!URL.canParse(s)) return null;
  const u = new URL(s);
  const bare = /^https?:$/.test(u.protocol) && u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password;
  return bare ? u.origin : null;
};

const ianaZone = (s: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: s });
    return s.includes('/') || s === 'UTC';
  } catch {
    return false;
  }
};

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const proxyEntry = (s: string) => {
  if (PROXY_NAMES.has(s)) return true;
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || !ip || !net.isIP(ip)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (net.isIPv4(ip) ? 32 : 128));
};

const EnvSchema = z.object({
  PORT: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return 3000;
      if (/^\d{1,5}$/.test(v) && Number(v) <= 65535) return Number(v);
      ctx.addIssue({ code: 'custom', message: 'port' });
      return z.NEVER;
    }),
  HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:\-[\]%]+$/)
    .optional()
    .transform((v) => v || '0.0.0.0'),
  SAIMA_DATA_DIR: nonEmpty.optional(),
  SAIMA_DB: dbUrl,
  SAIMA_DEMO: flag(true),
  SAIMA_ADMIN_PASSWORD: z.string().regex(/^\S{8,200}$/).optional(),
  SAIMA_ORIGINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const list = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(origin);
      if (list.every((o) => o !== null)) return list as string[];
      ctx.addIssue({ code: 'custom', message: 'origins' });
      return z.NEVER;
    }),
  SAIMA_SECURE_COOKIES: flag(false),
  SAIMA_LOG_LEVEL: z.enum(LOG_LEVELS).optional().default('info'),
  SAIMA_METRICS_TOKEN: z.string().regex(/^[A-Za-z0-9._~-]{16,200}$/).optional(),
  SAIMA_TZ: z.string().trim().refine(ianaZone).optional().default('Asia/Shanghai'),
  SAIMA_BACKUP_DIR: nonEmpty.optional(),
  SAIMA_BACKUP_INTERVAL: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const m = DURATION.exec(v);
      if (m && Number(m[1]) > 0) return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
      ctx.addIssue({ code: 'custom', message: 'duration' });
      return z.NEVER;
    }),
  SAIMA_BACKUP_KEEP: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return 7;
      if (/^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 1000) return Number(v);
      ctx.addIssue({ code: 'custom', message: 'keep' });
      return z.NEVER;
    }),
  SAIMA_TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): boolean | number | string[] => {
      const s = (v ?? '').toLowerCase();
      if (s === '' || OFF.includes(s)) return false;
      if (['on', 'true', 'yes'].includes(s)) return true;
      if (/^\d{1,2}$/.test(s)) return Number(s);
      const list = s.split(',').map((x) => x.trim());
      if (list.every(proxyEntry)) return list;
      ctx.addIssue({ code: 'custom', message: 'proxy' });
      return z.NEVER;
    }),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite` (file in dataDir, or the given path) or a PostgreSQL URL. */
  db: { kind: 'sqlite'; file: string | null } | { kind: 'postgres'; url: string };
  demo: boolean;
  adminPassword: string | null;
  origins: string[];
  secureCookies: boolean;
  logLevel: LogLevel;
  /** Bearer token that may read /metrics (admins may always). */
  metricsToken: string | null;
  /** IANA time zone of dates in reports (default Asia/Shanghai). */
  tz: string;
  /** Directory of scheduled backups (none: no scheduled backups). */
  backupDir: string | null;
  /** Time between scheduled backups, in ms (none: no schedule). */
  backupIntervalMs: number | null;
  /** Scheduled backups kept in backupDir (older ones are deleted). */
  backupKeep: number;
  /** Express `trust proxy`: false, true, a hop count or trusted addresses. */
  trustProxy: boolean | number | string[];
}

export type ConfigResult = { ok: true; config: Config; unknown: string[] } | { ok: false; errors: string[] };

/** Parses the environment; on failure, one line per bad variable (Chinese / English). */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ConfigResult {
  const r = EnvSchema.safeParse(env);
  const unknown = Object.keys(env).filter((k) => k.startsWith('SAIMA_') && !(k in EnvSchema.shape) && !KNOWN_EXTRA.has(k));
  if (!r.success) {
    const names = [...new Set(r.error.issues.map((i) => String(i.path[0])))];
    return { ok: false, errors: names.map((n) => errorLine(n, env[n])) };
  }
  const e = r.data;
  const abs = (p: string) => path.resolve(cwd, p);
  return {
    ok: true,
    unknown,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: abs(e.SAIMA_DATA_DIR ?? './data'),
      db: e.SAIMA_DB.kind === 'sqlite' ? { kind: 'sqlite', file: e.SAIMA_DB.file === null ? null : abs(e.SAIMA_DB.file) } : e.SAIMA_DB,
      demo: e.SAIMA_DEMO,
      adminPassword: e.SAIMA_ADMIN_PASSWORD ?? null,
      origins: e.SAIMA_ORIGINS,
      secureCookies: e.SAIMA_SECURE_COOKIES,
      logLevel: e.SAIMA_LOG_LEVEL,
      metricsToken: e.SAIMA_METRICS_TOKEN ?? null,
      tz: e.SAIMA_TZ,
      backupDir: e.SAIMA_BACKUP_DIR ? abs(e.SAIMA_BACKUP_DIR) : null,
      backupIntervalMs: e.SAIMA_BACKUP_INTERVAL,
      backupKeep: e.SAIMA_BACKUP_KEEP,
      trustProxy: e.SAIMA_TRUST_PROXY,
    },
  };
}

/** Variables read elsewhere (tests and benchmarks), not configuration. */
const KNOWN_EXTRA = new Set(['SAIMA_FAST_HASH', 'SAIMA_TEST_PG']);

/** `配置错误 / configuration error: PORT="abc" — 应为 … / must be …`, with secrets and DB passwords hidden. */
export function errorLine(name: string, value: string | undefined): string {
  const allowed = ALLOWED[name] ?? { zh: '有效值', en: 'a valid value' };
  return `[saima] 配置错误 / configuration error: ${name}=${JSON.stringify(shown(name, value ?? ''))} — 应为${allowed.zh} / must be ${allowed.en}`;
}

function shown(name: string, value: string): string {
  if (SECRET.has(name)) return `(${value.length} characters, hidden)`;
  // A database URL may carry a password.
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/i, '$1***@').slice(0, 200);
}
