/**
 * `npm run backup -- DIR`: writes a backup of the database the server uses (SAIMA_DB,
 * SAIMA_DATA_DIR) into DIR. Safe while the server runs: SQLite through its online backup API,
 * PostgreSQL through pg_dump (custom format).
 */
import { pathToFileURL } from 'node:url';
import { backup, targetOf } from '../ops/backup.ts';
import { finish, runCli, type CliResult } from './backup-cli.ts';

export const HELP = `用法 / usage: npm run backup -- <目录 DIR>

把服务器使用的数据库(SAIMA_DB、SAIMA_DATA_DIR)备份到目录中,服务器运行时也可执行。
Writes a backup of the server's database (SAIMA_DB, SAIMA_DATA_DIR) into DIR; safe while it runs.
  SQLite      saima-<UTC time>.sqlite   (SQLite online backup)
  PostgreSQL  saima-<UTC time>.pgdump   (pg_dump custom format; needs pg_dump on PATH)

退出码 / exit code: 0 成功 ok · 1 失败 failed · 2 用法错误 usage error`;

export async function backupCommand(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  if (args.includes('-h') || args.includes('--help')) return { code: 0, stdout: HELP, stderr: '' };
  if (args.length !== 1 || args[0]!.startsWith('-')) return { code: 2, stdout: '', stderr: HELP };
  return runCli(async () => backup(targetOf(env), args[0]!));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  finish(await backupCommand(process.argv.slice(2), process.env));
}
