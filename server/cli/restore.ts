/**
 * `npm run restore -- FILE [--force]`: restores a backup made by `npm run backup` into the
 * database the server uses (SAIMA_DB, SAIMA_DATA_DIR). Stop the server first.
 */
import { pathToFileURL } from 'node:url';
import { restore, targetOf } from '../ops/backup.ts';
import { finish, runCli, type CliResult } from './backup-cli.ts';

export const HELP = `用法 / usage: npm run restore -- <备份文件 FILE> [--force]

把 npm run backup 生成的备份恢复到服务器使用的数据库(SAIMA_DB、SAIMA_DATA_DIR)。请先停止服务器。
Restores a backup made by npm run backup into the server's database. Stop the server first.

  --force   覆盖已有数据的数据库 / overwrite a database that already holds data

退出码 / exit code: 0 成功 ok · 1 失败 failed · 2 用法错误 usage error`;

export async function restoreCommand(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  if (args.includes('-h') || args.includes('--help')) return { code: 0, stdout: HELP, stderr: '' };
  const force = args.includes('--force');
  const rest = args.filter((a) => a !== '--force');
  if (rest.length !== 1 || rest[0]!.startsWith('-')) return { code: 2, stdout: '', stderr: HELP };
  return runCli(async () => {
    await restore(targetOf(env), rest[0]!, force);
    return `已恢复 / restored: ${rest[0]}`;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  finish(await restoreCommand(process.argv.slice(2), process.env));
}
