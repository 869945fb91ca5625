/**
 * The part of the Socket.IO client the standings store uses; the real `AppSocket` satisfies it
 * and tests pass a fake.
 */
import type { Reply, SubscribeRequest, SubscribeResult } from '../../../shared/protocol.ts';
import type { StandingsDiff } from '../../../shared/standings.ts';

export interface PortListeners {
  connect: () => void;
  disconnect: (reason: string) => void;
  'standings:patch': (diff: StandingsDiff) => void;
}

export interface StandingsPort {
  readonly connected: boolean;
  on<E extends keyof PortListeners>(ev: E, fn: PortListeners[E]): unknown;
  off<E extends keyof PortListeners>(ev: E, fn: PortListeners[E]): unknown;
  timeout(ms: number): {
    emit(ev: 'standings:subscribe', req: SubscribeRequest, ack: (err: Error | null, reply: Reply<SubscribeResult>) => void): unknown;
  };
}
