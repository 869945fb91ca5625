/** Idempotency keys: one per submitted item, kept while the item is unchanged so a retry is applied once. */

const fallback = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}-${Math.random().toString(36).slice(2, 12)}`;

/** A random id (crypto.randomUUID where available). */
export function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : fallback();
}

/** A fresh key `<prefix>-<random>`; the server accepts up to 200 characters. */
export function newKey(prefix: string, rand: () => string = randomId): string {
  return `${prefix.slice(0, 40)}-${rand()}`;
}

/** A fresh event id (adjustments, vetoes): letters, digits and `-` only, as ids must be. */
export function newEventId(prefix: string, rand: () => string = randomId): string {
  return `${prefix}-${rand().replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}`;
}
