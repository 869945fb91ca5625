/**
 * Scheduled backups inside the server: one backup every `intervalMs` into `dir`, keeping the
 * newest `keep` backup files there (older ones are deleted; other files are never touched).
 */
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_NAME } from './backup.ts';

export interface BackupSchedule {
  dir: string;
  intervalMs: number;
  keep: number;
}

export interface SchedulerDeps {
  /** Writes one backup into the directory and returns its path. */
  run: (dir: string) => Promise<string>;
  log: (line: string) => void;
}

export interface BackupScheduler {
  /** Runs one backup now (as the timer does) and applies the retention. */
  runOnce(): Promise<string | null>;
  /** Stops the timer and waits for a backup in progress. */
  stop(): Promise<void>;
}

/** Deletes the oldest backup files in `dir` beyond the newest `keep`; returns what it deleted. */
export function prune(dir: string, keep: number): string[] {
  const names = fs.readdirSync(dir).filter((n) => BACKUP_NAME.test(n)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const n of old) fs.rmSync(path.join(dir, n), { force: true });
  return old;
}

export function startBackupScheduler(opts: BackupSchedule, deps: SchedulerDeps): BackupScheduler {
  let running: Promise<string | null> | null = null;
  const runOnce = () => {
    // A backup slower than the interval is not started twice.
    running ??= (async () => {
      try {
        const file = await deps.run(opts.dir);
        const removed = prune(opts.dir, opts.keep);
        deps.log(`backup written: ${file}${removed.length ? ` (removed ${removed.length} old)` : ''}`);
        return file;
      } catch (e) {
        deps.log(`backup failed: ${(e as Error).message}`);
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void runOnce(), opts.intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** `30m`, `6h`, `1d` (or plain milliseconds) → milliseconds; null when not a duration. */
export function parseInterval(text: string): number | null {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) return null;
  const unit = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[m[2] ?? 'ms']!;
  const ms = Number(m[1]) * unit;
  return ms > 0 && ms <= 2 ** 31 - 1 ? ms : null;
}
