/** Scores in reports: a fixed number of decimals, rounded half away from zero in decimal. */

/** `x` with exactly `d` decimals ("82.76", "91.90"); -0 is written as 0. */
export function fixed(x: number, d: number): string {
  // Through a decimal string ("1.005e2"), so 1.005 rounds to 1.01 as a person expects.
  const r = Number(`${Math.round(Number(`${Math.abs(x).toFixed(12)}e${d}`))}e-${d}`) * Math.sign(x);
  return (r === 0 ? 0 : r).toFixed(d);
}

/** The Excel number format showing `d` decimals ("0.00"). */
export const numFmt = (d: number): string => (d > 0 ? `0.${'0'.repeat(d)}` : '0');
