/**
 * Refuses parsed JSON that carries `__proto__` keys (or the value `__proto__` where an id is
 * expected) before it reaches code that copies objects. Iterative, so deep nesting cannot
 * overflow the stack.
 */
import { errors } from './errors.ts';

const BAD_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function assertSafeJson(root: unknown): void {
  const stack: unknown[] = [root];
  let seen = 0;
  while (stack.length) {
    const v = stack.pop();
    if (++seen > 2_000_000) throw errors.tooLarge();
    if (typeof v === 'string') {
      if (v === '__proto__') throw errors.forbiddenKey();
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const k of Object.keys(v)) {
      if (BAD_KEYS.has(k)) throw errors.forbiddenKey();
      stack.push((v as Record<string, unknown>)[k]);
    }
  }
}
