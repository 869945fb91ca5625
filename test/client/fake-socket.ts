/** A fake Socket.IO client for store tests: records subscribe requests and lets the test answer them. */
import type { Reply, SubscribeRequest, SubscribeResult } from '../../shared/protocol.ts';
import type { PortListeners, StandingsPort } from '../../client/src/stores/socket-port.ts';
import type { StandingsDiff } from '../../shared/standings.ts';

export interface PendingSubscribe {
  req: SubscribeRequest;
  ack: (err: Error | null, reply: Reply<SubscribeResult>) => void;
}

export class FakeSocket implements StandingsPort {
  connected = false;
  readonly requests: PendingSubscribe[] = [];
  private readonly handlers: { [E in keyof PortListeners]: Set<PortListeners[E]> } = {
    connect: new Set(),
    disconnect: new Set(),
    'standings:patch': new Set(),
  };

  on<E extends keyof PortListeners>(ev: E, fn: PortListeners[E]): this {
    this.handlers[ev].add(fn);
    return this;
  }
  off<E extends keyof PortListeners>(ev: E, fn: PortListeners[E]): this {
    this.handlers[ev].delete(fn);
    return this;
  }
  timeout(_ms: number) {
    return {
      emit: (_ev: 'standings:subscribe', req: SubscribeRequest, ack: PendingSubscribe['ack']) => {
        this.requests.push({ req: structuredClone(req), ack });
      },
    };
  }

  connect(): void {
    this.connected = true;
    for (const fn of this.handlers.connect) fn();
  }
  drop(reason = 'transport close'): void {
    this.connected = false;
    for (const fn of this.handlers.disconnect) fn(reason);
  }
  patch(d: StandingsDiff): void {
    for (const fn of this.handlers['standings:patch']) fn(structuredClone(d));
  }
  /** Answers the oldest unanswered subscribe. */
  answer(data: SubscribeResult): SubscribeRequest {
    const p = this.requests.shift();
    if (!p) throw new Error('no pending subscribe');
    p.ack(null, { ok: true, data: structuredClone(data) });
    return p.req;
  }
  fail(): SubscribeRequest {
    const p = this.requests.shift();
    if (!p) throw new Error('no pending subscribe');
    p.ack(new Error('operation has timed out'), { ok: false, error: { code: 'timeout', message: 'timeout' } });
    return p.req;
  }
}
