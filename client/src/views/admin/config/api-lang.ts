/**
 * The server answers errors in the language of `Accept-Language`; the browser's own header says
 * English on many office PCs while the console is in Chinese. These requests ask in the page's
 * language (`<html lang>`, set by the app's language switch).
 */
import { api } from '../../../lib/api.ts';

export function pageLang(): string {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

/** `api()` with the page's language for the server's messages. */
export function apiL<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', pageLang());
  return api<T>(path, { ...init, headers });
}
