/**
 * Full-jitter exponential backoff: attempt n waits a random time in [base, min(cap, base·2ⁿ)],
 * so a room full of wall displays does not reconnect in lockstep after a server restart.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, base = 500, cap = 30_000): number {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 20));
  return Math.round(base + random() * Math.max(0, ceiling - base));
}
