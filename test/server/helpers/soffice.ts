/** LibreOffice (Debian's `soffice`) in headless mode, for files written by a real spreadsheet program. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function findBinary(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin').split(':')) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

export const soffice = findBinary('soffice');
if (!soffice) console.warn('\n*** soffice (LibreOffice) is not installed: the tests with files written by LibreOffice are SKIPPED. apt-get install libreoffice-calc-nogui ***\n');

/**
 * Converts `file` to `format` (e.g. 'xlsx', 'csv') into a fresh directory and returns the new
 * file's path. `infilter` e.g. 'CSV:44,34,76,1' (comma, quote, UTF-8, from line 1). Each call uses
 * its own profile so parallel test files do not share LibreOffice's lock.
 */
export async function convert(file: string, format: string, infilter?: string): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-lo-out-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-lo-profile-'));
  try {
    await run(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', format, file, '--outdir', out], { timeout: 120_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const made = fs.readdirSync(out);
  if (made.length !== 1) throw new Error(`soffice produced ${made.join(', ') || 'nothing'}`);
  return path.join(out, made[0]!);
}
