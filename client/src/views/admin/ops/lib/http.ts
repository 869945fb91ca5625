/**
 * Requests of the console's working pages. JSON reads and simple writes go through the app's
 * `api()` with the page language; `send()` is for what `api()` does not keep: raw bodies (file
 * uploads) and error bodies with details (a batch's per-row problems, an import's error report).
 */
import { api, ApiError } from '../../../../lib/api.ts';

/** An API error that keeps the whole reply body (details, import errors). */
export class OpsError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(status, code, message);
    this.name = 'OpsError';
  }
}

/** The page language, so the server answers errors in it. */
export function pageLang(): 'zh-CN' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

/** GET JSON through `api()`. */
export function getJson<T>(path: string): Promise<T> {
  return api<T>(path, { headers: { 'Accept-Language': pageLang() } });
}

/** POST/PUT JSON through `api()`. */
export function writeJson<T>(path: string, json: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  return api<T>(path, { method, json, headers: { 'Accept-Language': pageLang() } });
}

let csrf: string | null = null;
async function csrfToken(fresh: boolean): Promise<string | null> {
  if (fresh || csrf === null) {
    const me = await api<{ csrfToken?: string }>('/api/session/me');
    csrf = me.csrfToken ?? null;
  }
  return csrf;
}
/** Forgets the remembered CSRF token (tests; after signing in as someone else). */
export function resetCsrf(): void {
  csrf = null;
}

export interface SendInit {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** A request with the CSRF token that throws `OpsError` carrying the reply body. */
export async function send<T>(path: string, init: SendInit = {}): Promise<T> {
  const method = (init.method ?? 'POST').toUpperCase();
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    headers.set('Accept-Language', pageLang());
    const token = await csrfToken(attempt > 0);
    if (token) headers.set('X-CSRF-Token', token);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(init.json);
    }
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
    } catch (e) {
      throw new OpsError(0, 'network', e instanceof Error ? e.message : String(e), null);
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (res.ok) return data as T;
    const err = (data ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof err.code === 'string' ? err.code : `http_${res.status}`;
    // A stale token (signed in again in another tab): fetch a fresh one and retry once.
    if (res.status === 403 && code === 'csrf' && attempt === 0) continue;
    throw new OpsError(res.status, code, typeof err.message === 'string' ? err.message : res.statusText, data);
  }
}

/** Uploads a file as the raw body with its name in `X-Filename` (URI-encoded). */
export function upload<T>(path: string, file: Blob, filename: string): Promise<T> {
  return send<T>(path, {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-Filename': encodeURIComponent(filename) },
  });
}

/** The message to show for any thrown value. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
