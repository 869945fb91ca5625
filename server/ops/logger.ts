/**
 * The server's logger (pino): JSON lines on stdout, or pino-pretty's coloured lines when stdout
 * is a terminal. Credentials never reach a line: headers, bodies and fields that carry them are
 * redacted, and request URLs lose the values of secret query parameters (`scrubUrl`).
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../config.ts';

export type { Logger } from 'pino';

/** Paths pino replaces with [redacted] wherever a logged object has them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'csrf',
  'csrfToken',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.csrf',
  '*.csrfToken',
  '*.sessionId',
];

/** Query parameters whose values are credentials (display tokens travel as `?token=`). */
const SECRET_PARAM = /token|pass|secret|key|sid|csrf|auth|session/i;

/** `/screen?token=sd_x&a=1` → `/screen?token=[redacted]&a=1`. */
export function scrubUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((kv) => {
      const i = kv.indexOf('=');
      const name = i < 0 ? kv : kv.slice(0, i);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return i >= 0 && SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : kv;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (default stdout); tests pass a capturing stream. */
  stream?: DestinationStream;
  /** Human-readable lines (default: when no stream is given and stdout is a terminal). */
  pretty?: boolean;
}

export function createLogger(opts: LoggerOptions): Logger {
  const usePretty = opts.pretty ?? (!opts.stream && process.stdout.isTTY === true);
  const stream = usePretty ? pretty({ colorize: !opts.stream, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', destination: opts.stream ?? 1, sync: true }) : opts.stream;
  const options = { level: opts.level, base: { service: 'saima' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return stream ? pino(options, stream) : pino(options);
}

/** Adapts the logger to the services' `log(msg, err?)` callback. */
export function logFn(logger: Logger): (msg: string, err?: unknown) => void {
  return (msg, err) => (err === undefined ? logger.warn(msg) : logger.error({ err }, msg));
}
