/** A small seeded PRNG for the demo data: the same seed always gives the same county. */

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
}

/** mulberry32: 32-bit state, good enough for demo data, tiny and fast. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream for a labelled part of the data (FNV-1a over the seed and labels). */
export function derive(seed: number, ...labels: Array<string | number>): Rng {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of labels.join('\u0001')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mulberry32(h);
}

export const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
export const intBetween = (rng: Rng, lo: number, hi: number): number => Math.floor(between(rng, lo, hi + 1));
export const chance = (rng: Rng, p: number): boolean => rng() < p;
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (!items.length) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)]!;
}
/** Roughly normal with mean 0 and standard deviation `sd` (sum of three uniforms). */
export const noise = (rng: Rng, sd: number): number => (rng() + rng() + rng() - 1.5) * 2 * sd;
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const roundTo = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};
