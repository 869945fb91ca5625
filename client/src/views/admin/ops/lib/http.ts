/**
 * Requests of the console's working pages, all through the app's `api()` (CSRF token, the page's
 * language); `send()` hands refusals on as `OpsError` with the whole error body (a batch's per-row
 * problems, an import's error report).
 */
import { api, ApiError, pageLang } from '../../../../lib/api.ts';

/** An API error that keeps the whole reply body (details, import errors). */
export class OpsError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(status, code, message, typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
    this.name = 'OpsError';
  }
}

export { pageLang };

/** GET JSON through `api()`. */
export function getJson<T>(path: string): Promise<T> {
  return api<T>(path);
}

/** POST/PUT JSON through `api()`. */
export function writeJson<T>(path: string, json: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  return api<T>(path, { method, json });
}

export interface SendInit {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** A request through `api()` that throws `OpsError` carrying the whole error body. */
export async function send<T>(path: string, init: SendInit = {}): Promise<T> {
  try {
    return await api<T>(path, { method: init.method ?? 'POST', json: init.json, body: init.body, headers: init.headers });
  } catch (e) {
    if (e instanceof ApiError) throw new OpsError(e.status, e.code, e.message, { code: e.code, message: e.message, ...e.details });
    throw e;
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
