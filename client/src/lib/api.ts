/**
 * The one JSON fetch helper: sends the display token or the session's CSRF token, and turns
 * server errors (`{ code, message }`) into `ApiError`s a view can show.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's extra fields (e.g. `errors` of a refused import, `problems` of a scheme). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let displayToken: string | null = null;

/** Remembers the CSRF token from `GET /api/session/me` for state-changing requests. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** A display token (`?token=`) authorises every request and the socket without a login. */
export function setDisplayToken(token: string | null): void {
  displayToken = token;
}
export function getDisplayToken(): string | null {
  return displayToken;
}

/** The page's language (`<html lang>`, set by the app's language switch). */
export function pageLang(): 'zh-CN' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

/** Fetches JSON from the API; throws `ApiError` with the server's code and message. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  const method = (init.method ?? (init.json !== undefined ? 'POST' : 'GET')).toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  if (displayToken) headers.set('Authorization', `Bearer ${displayToken}`);
  // The server's messages follow the page's language, not the browser's (an English office PC
  // may show the Chinese console).
  if (!headers.has('Accept-Language')) headers.set('Accept-Language', pageLang());
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  let res: Response;
  try {
    // The token travels in the Authorization header, not the URL (keeps it out of access logs).
    res = await fetch(path, { ...init, method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data ?? {}) as { code?: unknown; message?: unknown; error?: { code?: unknown; message?: unknown } };
    const src = (err.error ?? err) as Record<string, unknown>;
    const { code, message, ...details } = src;
    throw new ApiError(res.status, typeof code === 'string' ? code : `http_${res.status}`, typeof message === 'string' ? message : res.statusText, details);
  }
  return data as T;
}
