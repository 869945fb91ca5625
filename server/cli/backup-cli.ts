/** The shared shape of the backup and restore commands: parse, run, one clear line on failure. */
import { BackupError } from '../ops/backup.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command body; a BackupError becomes exit code 1 with its message, nothing else. */
export async function runCli(body: () => Promise<string>): Promise<CliResult> {
  try {
    return { code: 0, stdout: await body(), stderr: '' };
  } catch (e) {
    if (e instanceof BackupError) return { code: 1, stdout: '', stderr: `错误 / error: ${e.message}` };
    throw e;
  }
}

export function finish(r: CliResult): void {
  if (r.stdout) console.log(r.stdout);
  if (r.stderr) console.error(r.stderr);
  process.exitCode = r.code;
}
