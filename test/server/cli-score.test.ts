import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runScore } from '../../server/cli/score.ts';
import type { Report } from '../../server/cli/report.ts';
import fc from 'fast-check';
import { stripJsonComments, parseJsonc } from '../../server/cli/jsonc.ts';
import { jsonValueOffsets, lineOfPath } from '../../server/cli/json-locate.ts';
import { readEvents } from '../../server/cli/read-events.ts';
import { demoFiles } from '../../server/cli/export-demo.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCHEME = join(root, 'examples/county.scheme.jsonc');
const EVENTS = join(root, 'examples/county.events.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'saima-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const run = promisify(execFile);
/** Spawns the real command the way `npm run score` does. */
async function spawnScore(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/cli/score.ts'), ...args], { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run score (spawned)', () => {
  it('scores the example files and prints standings as JSON', async () => {
    const r = await spawnScore([SCHEME, EVENTS]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.version).toBe(readFileSync(EVENTS, 'utf8').trim().split('\n').length);
    const m01 = report.periods.find((p) => p.period === 'm01')!;
    expect(m01.published).not.toBeNull();
    const board = m01.tracks.find((t) => t.track === 'project')!.groups.find((g) => g.group === 'strong')!;
    expect(board.rows.map((row) => row.rank)).toEqual([...board.rows.map((row) => row.rank)].sort((a, b) => a - b));
    for (const row of board.rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['unit', 'name', 'score', 'rank', 'change', 'grade', 'flag', 'light', 'list', 'warning', 'vetoed', 'explanation']));
      const ex = row.explanation as { total: number; parts: Array<{ points: number }> };
      expect(ex.total).toBe(row.score);
      expect(Math.round(ex.parts.reduce((a, p) => a + p.points, 0) * 1e4) / 1e4).toBe(row.score);
    }
    expect(report.periods.find((p) => p.period === 'm02')!.overall.length).toBe(2);
    expect(report.seasonTotals.tracks.length).toBe(2);
    expect(report.cadres.length).toBeGreaterThan(0);
  });

  it('prints help', async () => {
    const r = await spawnScore(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法 / usage');
  });

  it('fails with line-numbered errors and no stack trace on a broken events file', async () => {
    const events = file('bad.jsonl', [
      '{"type":"value:recorded","data":{"period":"m01","unit":"chengguan","indicator":"P01","value":90}}',
      '{"type":"value:recorded","data":{"period":"m01","unit":"chengguan","indicator":"P01"',
      '{"type":"value:recorded","data":{"period":"m01","unit":"chengguan","indicator":"P01","value":[1]}}',
      '{"type":"value:teleported","data":{}}',
      '{"type":"value:recorded","data":{"period":"m09","unit":"nowhere","indicator":"P01","value":1}}',
    ].join('\n'));
    const r = await spawnScore([SCHEME, events]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('第 2 行:不是有效的 JSON');
    expect(r.stderr).toMatch(/第 3 行\(value:recorded\) data\.value:/);
    expect(r.stderr).toContain('第 4 行');
    expect(r.stderr).toContain('value:teleported');
    expect(r.stderr).toMatch(/第 5 行\(value:recorded\)/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it('fails with JSON paths on an invalid scheme', async () => {
    const text = readFileSync(SCHEME, 'utf8').replace('"fullMarks": 30,\n          "method": { "kind": "completion"', '"fullMarks": 25,\n          "method": { "kind": "completion"');
    const r = await spawnScore([file('bad.scheme.jsonc', text), EVENTS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/第 \d+ 行 tracks\[0\]\.indicators:赛道「项目建设」分组「经济强镇组」：各指标满分合计 95，应为 100/);
    expect(r.stderr).toContain('[full_marks_sum]');
  });
});

describe('runScore (in process)', () => {
  it('reports a JSON syntax error in the scheme with its line and column', () => {
    const r = runScore(['s.jsonc'], () => '{\n  // comment\n  "name": "x"\n  "season": {}\n}');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('s.jsonc 第 4 行第 3 列:JSON 格式错误');
  });

  it('warns about unknown scheme fields with their line but still scores', () => {
    const text = readFileSync(SCHEME, 'utf8').replace('"bonusCap": 5,', '"bonusCap": 5, "bonuscapp": 3,');
    const r = runScore([file('typo.scheme.jsonc', text), EVENTS, '--no-explain']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/第 \d+ 行 tracks\[0\]\.bonuscapp:赛道「项目建设」:不认识的字段「bonuscapp」,已忽略;是不是「bonusCap」?/);
  });

  it('names a missing file and rejects bad usage', () => {
    expect(runScore([join(dir, 'nope.json')]).stderr).toContain('找不到文件');
    expect(runScore([]).code).toBe(2);
    expect(runScore([SCHEME, '--frobnicate']).code).toBe(2);
    expect(runScore([SCHEME, '--as-of', 'x']).code).toBe(2);
  });

  it('scores the scheme alone (no events) and honours --as-of and --keep-going', () => {
    const empty = runScore([SCHEME, '--compact']);
    expect(empty.code).toBe(0);
    expect((JSON.parse(empty.stdout) as Report).version).toBe(0);
    const asOf = JSON.parse(runScore([SCHEME, EVENTS, '--as-of', '10', '--no-explain']).stdout) as Report;
    expect(asOf.version).toBe(10);
    const kept = runScore([SCHEME, file('mixed.jsonl', '{"type":"value:recorded","data":{"period":"m01","unit":"linhe","indicator":"P01","value":95}}\nnot json\n'), '--keep-going']);
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain('已跳过 1 行');
    expect((JSON.parse(kept.stdout) as Report).version).toBe(1);
  });

  it('checks a scheme inside the events file like the scheme file', () => {
    const scheme = parseJsonc(readFileSync(SCHEME, 'utf8'));
    if (!scheme.ok) throw new Error('example scheme does not parse');
    const changed = structuredClone(scheme.value) as { tracks: Array<{ indicators: Array<{ fullMarks: number }> }> };
    changed.tracks[1]!.indicators[0]!.fullMarks = 20;
    const r = runScore([SCHEME, file('change.jsonl', `${JSON.stringify({ type: 'scheme:changed', data: { scheme: changed } })}\n`)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/第 1 行\(scheme:changed\) data\.scheme\.tracks\[1\]\.indicators:赛道「基层治理」分组「经济强镇组」：各指标满分合计 90，应为 100/);
  });

  it('rejects an event the engine refuses (a duplicate adjustment id) with its line', () => {
    const adj = '{"type":"adjustment:recorded","data":{"id":"a1","period":"m01","unit":"linhe","track":"project","kind":"bonus","points":1,"reason":"表彰"}}';
    const r = runScore([SCHEME, file('dup.jsonl', `${adj}\n\n${adj}\n`)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/第 3 行\(adjustment:recorded\)/);
  });
});

describe('demo county as files', () => {
  it('scores the exported demo county without a single rejected event', () => {
    const files = demoFiles({ seed: 3, year: 2026, throughMonth: 2 });
    const r = runScore(['demo.scheme.json', 'demo.events.jsonl', '--no-explain', '--compact'], (p) => (p.endsWith('.jsonl') ? files.events : files.scheme));
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.version).toBe(files.events.trim().split('\n').length);
    expect(report.periods.map((p) => p.period)).toEqual(['m01', 'm02']);
    expect(report.periods[0]!.tracks.map((t) => t.groups.length)).toEqual([2, 2, 3, 3]);
    expect(report.cadres.filter((c) => c.period === 'm02').reduce((a, c) => a + c.rows.length, 0)).toBe(196);
    // Every rank is a valid competition rank.
    const tables = [...report.periods.flatMap((p) => [...p.tracks.flatMap((t) => t.groups), ...p.overall]), ...report.cadres];
    for (const t of tables)
      for (const [i, row] of t.rows.entries()) {
        expect(row.rank).toBeGreaterThanOrEqual(1);
        expect(row.rank).toBeLessThanOrEqual(i + 1);
      }
  });
});

describe('events file', () => {
  it('fills seq, at and actor, keeps given ones and checks their order', () => {
    const body = '{"type":"period:published","data":{"period":"m01"}}';
    const { events, problems } = readEvents([`{"seq":5,"at":"2026-02-01T00:00:00Z","actor":"admin",${body.slice(1)}`, body, `{"seq":3,${body.slice(1)}`].join('\n'));
    expect(events.map((e) => [e.line, e.event.seq, e.event.at, e.event.actor])).toEqual([
      [1, 5, '2026-02-01T00:00:00Z', 'admin'],
      [2, 6, '2026-02-01T00:00:00Z', 'cli'],
    ]);
    expect(problems).toMatchObject([{ line: 3, code: 'seq_order' }]);
  });
});

describe('JSONC', () => {
  it('blanks comments and trailing commas but not string contents, keeping positions', () => {
    const src = '{ "a": "// no", /* c\n */ "b": [1, 2,], }';
    const out = stripJsonComments(src);
    expect(out.length).toBe(src.length);
    expect(out.split('\n').length).toBe(2);
    expect(JSON.parse(out)).toEqual({ a: '// no', b: [1, 2] });
    expect(parseJsonc('{"s": "a \\" /* b"}')).toMatchObject({ ok: true, value: { s: 'a " /* b' } });
  });
});

describe('JSONC properties', () => {
  it('any JSON value survives stripping, also with comments between tokens', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('', ' // c\n', ' /* "x" */ ', '\n'), (v, comment) => {
        const text = JSON.stringify(v, null, 1);
        expect(JSON.parse(stripJsonComments(text))).toEqual(JSON.parse(text));
        const commented = text.replace(/\n/g, `${comment}\n`);
        const r = parseJsonc(commented);
        expect(r.ok && r.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('events file properties', () => {
  it('any text gives events or line problems, never a throw', () => {
    const line = fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ type: 'value:recorded', data: v, seq: v })));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const { events, problems } = readEvents(lines.join('\n'));
        for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(1);
        expect(events.length + problems.length).toBeLessThanOrEqual(lines.length + problems.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('JSON path → line', () => {
  it('finds the line of a value or of its nearest ancestor', () => {
    const text = '{\n  "a": [\n    { "b": 1 },\n    {\n      "c": "x"\n    }\n  ]\n}';
    const offsets = jsonValueOffsets(text);
    expect(lineOfPath(text, offsets, 'a[1].c')).toBe(5);
    expect(lineOfPath(text, offsets, 'a[0].b')).toBe(3);
    expect(lineOfPath(text, offsets, 'a[1].missing')).toBe(4);
    expect(lineOfPath(text, offsets, '$')).toBe(1);
  });
});
