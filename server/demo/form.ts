/** A unit's latent form on a track: a strength plus a slow trend, so some units climb and some fall. */
import { derive, noise } from './random.ts';

export function unitForm(seed: number, unit: string, track: string): { strength: number; trend: number } {
  const rng = derive(seed, 'form', unit, track);
  return { strength: 0.2 + 0.72 * rng(), trend: noise(rng, 0.02) };
}

/** Form in month m (1–12), before per-indicator noise. */
export function formInMonth(seed: number, unit: string, track: string, m: number): number {
  const { strength, trend } = unitForm(seed, unit, track);
  return strength + trend * (m - 6.5);
}
