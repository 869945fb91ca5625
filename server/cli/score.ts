/**
 * `npm run score -- <scheme.json|jsonc> [events.jsonl]`: scores a scheme and an event file offline
 * and prints the standings as JSON, so an organization department can recompute or audit any
 * result from files. Bad files get line-numbered errors (Chinese and English), never stack traces.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../../shared/engine/index.ts';
import { validateScheme } from '../../shared/validate-scheme.ts';
import { jsonValueOffsets, lineOfPath } from './json-locate.ts';
import { parseJsonc } from './jsonc.ts';
import { formatLineProblem, readEvents } from './read-events.ts';
import type { LineProblem, NumberedEvent } from './read-events.ts';
import { buildReport } from './report.ts';

export const HELP = `用法 / usage: npm run score -- <方案.json|jsonc> [事件.jsonl] [选项]

按方案和事件文件离线计分,以 JSON 输出各考核期、赛道、分组的排名(得分、名次、进位、等次、
流动红旗、亮灯、红黑榜、约谈、否决及得分构成),综合排名、赛季总分和干部排名。
Scores a race scheme and an event log offline and prints the standings as JSON.

  方案 / scheme   JSON or JSON with comments (see examples/county.scheme.jsonc, docs/scheme.md)
  事件 / events   JSON Lines: one event per line, {"type","data"} or with "seq","at","actor"

选项 / options:
  --as-of <seq>   只计入序号不大于 seq 的事件 / apply events up to this version only
  --no-explain    不输出得分构成 / leave out the explanations
  --keep-going    跳过有问题的事件行继续计分 / skip bad event lines instead of failing
  --compact       单行 JSON / one-line JSON
  -h, --help      显示本帮助 / show this help

退出码 / exit code: 0 成功 ok · 1 文件有误 bad file · 2 用法错误 usage error`;

export interface ScoreResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Reader = (path: string) => string;

/** Runs the command on arguments (without `node script`); does no I/O besides `read`. */
export function runScore(args: string[], read: Reader = (p) => readFileSync(p, 'utf8')): ScoreResult {
  const usage = (msg: string): ScoreResult => ({ code: 2, stdout: '', stderr: `${msg}\n\n${HELP}\n` });
  const files: string[] = [];
  let asOf: number | null = null;
  let explain = true;
  let keepGoing = false;
  let compact = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-h' || a === '--help') return { code: 0, stdout: HELP + '\n', stderr: '' };
    else if (a === '--no-explain') explain = false;
    else if (a === '--keep-going') keepGoing = true;
    else if (a === '--compact') compact = true;
    else if (a === '--as-of') {
      const v = Number(args[++i]);
      if (!Number.isInteger(v) || v < 0) return usage('--as-of 需要一个非负整数 / --as-of needs a non-negative integer');
      asOf = v;
    } else if (a.startsWith('-')) return usage(`未知选项 ${a} / unknown option ${a}`);
    else files.push(a);
  }
  if (files.length < 1 || files.length > 2) return usage('需要方案文件,事件文件可选 / a scheme file is required, an events file is optional');
  const [schemePath, eventsPath] = files as [string, string | undefined];

  const errors: string[] = [];
  const fail = (): ScoreResult => ({ code: 1, stdout: '', stderr: errors.join('\n') + '\n' });
  const load = (path: string): string | null => {
    try {
      return read(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(code === 'ENOENT' ? `找不到文件 ${path} / file not found: ${path}` : `无法读取文件 ${path} / cannot read ${path}: ${(e as Error).message}`);
      return null;
    }
  };

  const schemeText = load(schemePath);
  const eventsText = eventsPath ? load(eventsPath) : '';
  if (schemeText === null || eventsText === null) return fail();

  const json = parseJsonc(schemeText);
  if (!json.ok) {
    const { line, column, message } = json.error;
    errors.push(`${schemePath} 第 ${line} 行第 ${column} 列:JSON 格式错误 / line ${line}, column ${column}: invalid JSON (${message})`);
    return fail();
  }
  const { scheme, problems, warnings } = validateScheme(json.value);
  const offsets = jsonValueOffsets(json.text);
  const notes = warnings.map((w) => {
    const line = lineOfPath(json.text, offsets, w.path);
    return `${schemePath}:${line ? `第 ${line} 行 ` : ''}${w.path}:${w.zh}\n  ${line ? `line ${line} ` : ''}${w.path}: ${w.en}`;
  });
  errors.push(...notes);
  if (!scheme) {
    errors.push(`${schemePath}:方案有 ${problems.length} 处问题 / the scheme has ${problems.length} problem(s):`);
    for (const p of problems) {
      const line = lineOfPath(json.text, offsets, p.path);
      const where = line ? `第 ${line} 行 ` : '';
      errors.push(`  ${where}${p.path}:${p.zh}\n    ${line ? `line ${line} ` : ''}${p.path}: ${p.en} [${p.code}]`);
    }
    return fail();
  }

  const { events, problems: lineProblems } = readEvents(eventsText);
  const bad: LineProblem[] = [...lineProblems];
  const engine = createEngine(scheme);
  // Values and ratings are checked against the scheme alone, so runs of them are applied as one
  // batch (much faster than one by one); every other event sees the state before it.
  let pending: NumberedEvent[] = [];
  const applyOne = ({ line, event }: NumberedEvent) => {
    try {
      engine.apply(event);
    } catch (e) {
      bad.push({ line, type: event.type, code: 'not_applied', path: '', zh: `事件无法计入:${(e as Error).message}`, en: `event could not be applied: ${(e as Error).message}` });
    }
  };
  const flush = () => {
    if (!pending.length) return;
    try {
      engine.apply(pending.map((p) => p.event));
    } catch {
      for (const p of pending) if (p.event.seq > engine.version) applyOne(p);
    }
    pending = [];
  };
  for (const ne of events) {
    const { line, event } = ne;
    if (asOf !== null && event.seq > asOf) break;
    const batchable = event.type === 'value:recorded' || event.type === 'rating:recorded';
    if (!batchable) flush();
    // A new scheme inside the log gets the same checks as the scheme file.
    const schemeProblems = event.type === 'scheme:changed' ? validateScheme(event.data.scheme).problems : [];
    for (const sp of schemeProblems) bad.push({ line, type: event.type, ...sp, path: `data.scheme.${sp.path}` });
    if (schemeProblems.length) continue;
    const p = engine.checkEvent(event);
    if (p) bad.push({ line, type: event.type, ...p });
    else if (batchable) pending.push(ne);
    else applyOne(ne);
  }
  flush();
  bad.sort((a, b) => a.line - b.line);
  const lineErrors = bad.map((p) => `${eventsPath}:${formatLineProblem(p)}`);
  if (bad.length && !keepGoing) {
    errors.push(`${eventsPath}:有 ${bad.length} 行事件有问题 / ${bad.length} event line(s) have problems:`, ...lineErrors);
    return fail();
  }

  const report = buildReport(engine, { explain });
  const skipped = bad.length ? [`已跳过 ${bad.length} 行有问题的事件 / skipped ${bad.length} bad event line(s):`, ...lineErrors] : [];
  const stderr = [...notes, ...skipped];
  return { code: 0, stdout: JSON.stringify(report, null, compact ? undefined : 2) + '\n', stderr: stderr.length ? stderr.join('\n') + '\n' : '' };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let result: ScoreResult;
  try {
    result = runScore(process.argv.slice(2));
  } catch (e) {
    // A bug, not a bad file: still no stack trace for the user, but enough to report it.
    result = { code: 1, stdout: '', stderr: `内部错误 / internal error: ${e instanceof Error ? e.message : String(e)}\n` };
  }
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
