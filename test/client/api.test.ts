import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, setCsrfToken, setDisplayToken } from '../../client/src/lib/api.ts';

function stubFetch(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, statusText: 'x' });
  });
  return calls;
}

describe('api helper', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    setDisplayToken(null);
  });

  it('sends JSON with the CSRF token on state-changing requests only', async () => {
    const calls = stubFetch(200, { ok: 1 });
    setCsrfToken('csrf-1');
    expect(await api('/api/values', { json: { a: 1 } })).toEqual({ ok: 1 });
    await api('/api/meta');
    const post = new Headers(calls[0]!.init.headers);
    expect(calls[0]!.init.method).toBe('POST');
    expect(post.get('X-CSRF-Token')).toBe('csrf-1');
    expect(post.get('Content-Type')).toBe('application/json');
    expect(calls[0]!.init.body).toBe('{"a":1}');
    expect(new Headers(calls[1]!.init.headers).get('X-CSRF-Token')).toBeNull();
  });

  it('sends a display token as a bearer token, never in the URL', async () => {
    const calls = stubFetch(200, {});
    setDisplayToken('sd_x');
    await api('/api/standings');
    expect(calls[0]!.url).toBe('/api/standings');
    expect(new Headers(calls[0]!.init.headers).get('Authorization')).toBe('Bearer sd_x');
  });

  it('turns { code, message } errors into ApiError', async () => {
    stubFetch(403, { code: 'forbidden', message: '您没有执行此操作的权限。' });
    const err = await api('/api/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 403, code: 'forbidden', message: '您没有执行此操作的权限。' });
    stubFetch(502, undefined);
    expect(await api('/api/x').catch((e: unknown) => e)).toMatchObject({ status: 502, code: 'http_502' });
  });

  it('reports network failures as ApiError with status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await api('/api/x').catch((e: unknown) => e)).toMatchObject({ status: 0, code: 'network' });
  });
});
