/**
 * Whether the wall display may show standings, from what the server said: a refused handshake
 * (`bad_token`), a revoked token, or a refused subscription. Pure, so the notice logic is tested
 * without a socket.
 */
export type ScreenAccess = 'ok' | 'invalid' | 'missing';

export interface AccessFacts {
  /** The link carries a display token (or the tab remembered one). */
  hasToken: boolean;
  /** The server refused the token at the handshake or ended its session (revoked). */
  tokenRefused: boolean;
  /** Code of the last refused subscription (`unauthenticated`, `forbidden`), null once subscribed. */
  subscribeError: string | null;
}

const REFUSALS = new Set(['unauthenticated', 'forbidden']);

/** `invalid`: a token the server does not accept; `missing`: no token and no right to watch. */
export function screenAccess(f: AccessFacts): ScreenAccess {
  if (f.tokenRefused) return 'invalid';
  if (f.subscribeError && REFUSALS.has(f.subscribeError)) return f.hasToken ? 'invalid' : 'missing';
  return 'ok';
}
