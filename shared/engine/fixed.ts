/**
 * Fixed-point arithmetic. Every score is held as an integer number of 1e-4 points, so sums are
 * exact, parts of an explanation add up to the total to the last digit, and "equal after rounding
 * to 4 decimals" (SPEC §4) is plain integer equality.
 */
export const SCALE = 10_000;

/** Rounds a point value to the nearest 1e-4 and returns it as an integer count of 1e-4. */
export function fx(points: number): number {
  const r = Math.round(points * SCALE);
  return r === 0 ? 0 : r; // no -0
}

/** Integer 1e-4 count back to a number of points. */
export function unfx(n: number): number {
  return n / SCALE;
}
