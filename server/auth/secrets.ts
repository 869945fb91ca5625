/** Passwords (argon2id), random tokens and their hashes, username normalisation. */
import crypto from 'node:crypto';
import argon2 from 'argon2';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), lighter under test. */
export function hashPassword(password: string): Promise<string> {
  const light = process.env.SAIMA_FAST_HASH === '1';
  return argon2.hash(password, { type: argon2.argon2id, ...(light ? { memoryCost: 1024, timeCost: 2, parallelism: 1 } : {}) });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A dummy hash so a login for an unknown user takes as long as one for a known user. */
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('saima-dummy-password');
  await verifyPassword(await dummy, password);
}

/** A random token with a readable prefix (`sd_` display, `sk_` reporter API, none for sessions). */
export function randomToken(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
}

/** Usernames compare after trimming, NFKC and lower-casing: `ＡＤＭＩＮ ` is `admin`. */
export function normaliseUsername(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/** Constant-time string equality. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
