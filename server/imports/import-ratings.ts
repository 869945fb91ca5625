/**
 * Multi-rater ratings (民主测评) from a filled-in template: 干部编码, 姓名, 评价组编码, 评价人, 分数.
 * Checked as a whole like values; a row without a score is skipped.
 */
import crypto from 'node:crypto';
import type { Engine } from '../../shared/engine/types.ts';
import type { Scheme } from '../../shared/scheme.ts';
import type { Submission } from '../services/race-service.ts';
import { columnLetter, type Cell } from './read-sheet.ts';
import { ImportErrors, parseNumber, type CellError, type ImportPlan } from './import-values.ts';

export const RATING_HEADERS = ['干部编码', '姓名', '评价组编码', '评价人', '分数'] as const;
const ALIASES: Record<(typeof RATING_HEADERS)[number], string[]> = {
  干部编码: ['干部编码', 'cadre', 'cadre code'],
  姓名: ['姓名', '干部姓名', 'name'],
  评价组编码: ['评价组编码', '评价组', '测评主体', 'rater group'],
  评价人: ['评价人', 'rater'],
  分数: ['分数', '得分', '评分', 'score'],
};

export function planRatings(input: { rows: Cell[][]; scheme: Scheme; engine: Engine; period: string; sha: string; english: boolean }): ImportPlan {
  const { rows, scheme, engine, period, english } = input;
  const T = (zh: string, en: string) => (english ? en : zh);
  const errors: CellError[] = [];
  const header = (rows[0] ?? []).map((h) => (h === null ? null : String(h).trim()));
  const err = (r: number, c: number, value: Cell, reason: string) => errors.push({ row: r + 1, column: columnLetter(c), header: header[c] ?? null, value, reason });
  const col = {} as Record<(typeof RATING_HEADERS)[number], number>;
  for (const h of RATING_HEADERS) {
    col[h] = header.findIndex((x) => x !== null && ALIASES[h].includes(x.toLowerCase()));
    if (col[h] < 0 && h !== '姓名') err(0, header.length, null, T(`缺少“${h}”列。请使用下载的模板。`, `The "${h}" column is missing; use the downloaded template.`));
  }
  const cadres = new Map(scheme.cadres.map((c) => [c.id, c]));
  const groups = new Map<string, string>();
  for (const g of scheme.raterGroups) {
    groups.set(g.id, g.id);
    groups.set(g.name, g.id);
  }
  const subs: Submission[] = [];
  const seen = new Map<string, number>();
  let cells = 0;
  if (!errors.length) {
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r]!;
      const at = (h: (typeof RATING_HEADERS)[number]) => (col[h] >= 0 ? row[col[h]] ?? null : null);
      const scoreCell = at('分数');
      if (scoreCell === null) continue;
      cells++;
      const cadreCell = at('干部编码');
      const cadre = cadreCell === null ? undefined : cadres.get(String(cadreCell));
      if (!cadre) {
        err(r, col.干部编码, cadreCell, T(`干部编码「${cadreCell ?? ''}」不存在。`, `No cadre with code "${cadreCell ?? ''}".`));
        continue;
      }
      const name = at('姓名');
      if (name !== null && String(name) !== cadre.name) {
        err(r, col.姓名, name, T(`姓名与编码不符：${cadre.id} 是「${cadre.name}」。`, `Name does not match the code: ${cadre.id} is "${cadre.name}".`));
        continue;
      }
      const groupCell = at('评价组编码');
      const raterGroup = groupCell === null ? undefined : groups.get(String(groupCell));
      if (!raterGroup) {
        err(r, col.评价组编码, groupCell, T(`评价组「${groupCell ?? ''}」不存在（可填：${scheme.raterGroups.map((g) => g.id).join('、')}）。`, `Unknown rater group "${groupCell ?? ''}".`));
        continue;
      }
      const raterCell = at('评价人');
      const rater = raterCell === null ? '' : String(raterCell).trim().slice(0, 100);
      if (!rater) {
        err(r, col.评价人, raterCell, T('缺少评价人（可填匿名编号）。', 'The rater is missing (an anonymous number will do).'));
        continue;
      }
      const score = parseNumber(scoreCell);
      if (score === null || score < 0 || score > 100) {
        err(r, col.分数, scoreCell, T('分数应为 0–100 之间的数字。', 'The score must be a number from 0 to 100.'));
        continue;
      }
      const who = `${cadre.id}|${raterGroup}|${rater}`;
      if (seen.has(who)) {
        err(r, col.评价人, raterCell, T(`同一评价人对该干部重复评分（另见第 ${seen.get(who)! + 1} 行）。`, `The same rater rated this cadre twice (see row ${seen.get(who)! + 1}).`));
        continue;
      }
      seen.set(who, r);
      const body = { type: 'rating:recorded' as const, data: { period, cadre: cadre.id, raterGroup, rater, score } };
      const p = engine.checkEvent(body);
      if (p) {
        err(r, col.分数, scoreCell, english ? p.en : p.zh);
        continue;
      }
      const cell = crypto.createHash('sha256').update(who).digest('hex').slice(0, 32);
      subs.push({ key: `import:${input.sha}:ratings:${period}:${cell}`, body });
    }
  }
  if (errors.length) throw new ImportErrors(errors);
  return { subs, unchanged: 0, cells };
}
