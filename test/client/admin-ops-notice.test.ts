import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchAdminNotice, type NoticePort } from '../../client/src/views/admin/ops/lib/admin-notice.ts';

type Fn = (...a: never[]) => void;
class FakeNoticeSocket {
  connected = false;
  emitted: Array<{ ev: string; req: unknown; ack: (r: { ok: boolean }) => void }> = [];
  private handlers = new Map<string, Set<Fn>>();
  on(ev: string, fn: Fn) {
    if (!this.handlers.has(ev)) this.handlers.set(ev, new Set());
    this.handlers.get(ev)!.add(fn);
  }
  off(ev: string, fn: Fn) {
    this.handlers.get(ev)?.delete(fn);
  }
  emit(ev: string, req: unknown, ack: (r: { ok: boolean }) => void) {
    this.emitted.push({ ev, req, ack });
  }
  fire(ev: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(ev) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }
  count(ev: string) {
    return this.handlers.get(ev)?.size ?? 0;
  }
}

describe('admin notices', () => {
  afterEach(() => vi.useRealTimers());

  it('joins the admin room now and after every reconnect, and reports whether it is live', () => {
    const s = new FakeNoticeSocket();
    s.connected = true;
    const live: boolean[] = [];
    watchAdminNotice(s as unknown as NoticePort, () => true, () => undefined, 100, (l) => live.push(l));
    expect(s.emitted.map((e) => [e.ev, e.req])).toEqual([['standings:subscribe', { rooms: ['admin'], since: null }]]);
    s.emitted[0]!.ack({ ok: true });
    s.fire('disconnect');
    s.fire('connect');
    s.emitted[1]!.ack({ ok: false });
    expect(live).toEqual([true, false, false]);
    expect(s.emitted).toHaveLength(2);
  });

  it('refreshes at most once per interval for the kinds asked, and stops cleanly', () => {
    vi.useFakeTimers();
    const s = new FakeNoticeSocket();
    const onNotice = vi.fn();
    const w = watchAdminNotice(s as unknown as NoticePort, (k) => k === 'appeal', onNotice, 400, () => undefined);
    expect(s.emitted).toHaveLength(0); // not connected yet: joins on connect
    s.fire('admin:notice', { kind: 'value:recorded' });
    vi.advanceTimersByTime(1000);
    expect(onNotice).not.toHaveBeenCalled();
    s.fire('admin:notice', { kind: 'appeal' });
    vi.advanceTimersByTime(200);
    s.fire('admin:notice', { kind: 'appeal' });
    vi.advanceTimersByTime(200);
    expect(onNotice).toHaveBeenCalledTimes(1);
    s.fire('admin:notice', { kind: 'appeal' });
    w.stop();
    vi.advanceTimersByTime(1000);
    expect(onNotice).toHaveBeenCalledTimes(1);
    expect(s.count('admin:notice') + s.count('connect') + s.count('disconnect')).toBe(0);
  });

  it('leaves the room when stopped while connected', () => {
    const s = new FakeNoticeSocket();
    s.connected = true;
    watchAdminNotice(s as unknown as NoticePort, () => true, () => undefined, 100, () => undefined).stop();
    expect(s.emitted.map((e) => [e.ev, e.req])).toEqual([
      ['standings:subscribe', { rooms: ['admin'], since: null }],
      ['standings:unsubscribe', { rooms: ['admin'] }],
    ]);
  });
});
