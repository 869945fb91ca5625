/**
 * Formula injection: a spreadsheet treats a cell that begins with = + - @ (or a tab or carriage
 * return before one) as a formula. Text taken from users (unit names, reasons) is written with a
 * leading apostrophe so it stays text. Numbers are written as numbers and are never touched.
 */
const DANGER = /^[=+\-@\t\r]/;

export function neutralise<T>(v: T): T | string {
  return typeof v === 'string' && DANGER.test(v) ? `'${v}` : v;
}

export const isDangerous = (v: unknown) => typeof v === 'string' && DANGER.test(v);
