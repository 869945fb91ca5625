/**
 * The scheme editor's pure helpers: problem paths map to the section and field to jump to (and
 * round-trip the engine's own path notation), JSONC files parse, every method's starting
 * parameters pass validation, and what-if boards sort overall-first with names from the scheme.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinPath, locate, parsePath } from '../../client/src/views/admin/config/problem-location.ts';
import { parseSchemeText, stripLineComments } from '../../client/src/views/admin/config/scheme-file.ts';
import { defaultMethod, METHOD_KINDS, methodSummary } from '../../client/src/views/admin/config/method-defaults.ts';
import { boardParts, namesOf, sortBoards } from '../../client/src/views/admin/config/what-if-view.ts';
import type { BoardChange } from '../../client/src/views/admin/config/what-if.ts';
import { formatPath, validateScheme } from '../../shared/validate-scheme.ts';
import { SchemeSchema } from '../../shared/scheme.ts';
import { makeDemoCounty } from '../../server/demo/county.ts';

describe('problem locations', () => {
  it.each([
    ['tracks[0].indicators[2].method.tiers[1].points', { section: 'tracks', track: 0, indicator: 2 }],
    ['tracks[3].weight', { section: 'tracks', track: 3 }],
    ['groups[1].overrides.rural.fullMarks.R01', { section: 'groups', group: 1 }],
    ['season.periods[4].weight', { section: 'season' }],
    ['name', { section: 'season' }],
    ['grades[0].quota', { section: 'grades' }],
    ['rules.light.redShare', { section: 'grades' }],
    ['raterGroups[2].weight', { section: 'people' }],
    ['units[5].id', { section: 'units', unit: 5 }],
    ['cadres[2].unit', { section: 'json' }],
    ['$', { section: 'json' }],
  ])('%s', (path, want) => {
    const loc = locate(path);
    expect({ section: loc.section, track: loc.track, indicator: loc.indicator, group: loc.group, unit: loc.unit }).toEqual({ track: undefined, indicator: undefined, group: undefined, unit: undefined, ...want });
    if (path !== '$') expect(loc.candidates[0]).toBe(path);
  });

  it('round-trips the engine path notation, quoted keys included', () => {
    for (const parts of [['tracks', 0, 'indicators', 12, 'targets', 'chengguan'], ['groups', 2, 'overrides', 'a-b', 'methods', 'x.y', 'points', '优'], ['season']] as Array<Array<string | number>>) {
      const s = formatPath(parts);
      expect(parsePath(s)).toEqual(parts);
      expect(joinPath(parts)).toBe(s);
    }
  });

  it('lists shorter paths as fallbacks for the jump', () => {
    expect(locate('tracks[1].indicators[0].method.step').candidates).toEqual([
      'tracks[1].indicators[0].method.step',
      'tracks[1].indicators[0].method',
      'tracks[1].indicators[0]',
      'tracks[1].indicators',
      'tracks[1]',
      'tracks',
    ]);
  });
});

describe('scheme files', () => {
  it('reads the JSONC example, comments and URLs in strings intact', () => {
    const text = readFileSync('examples/county.scheme.jsonc', 'utf8');
    const { value, error } = parseSchemeText(text);
    expect(error).toBeNull();
    expect(validateScheme(value).problems).toEqual([]);
    expect(JSON.parse(stripLineComments('{"a": "http://x//y", // c\n "b": "\\"//"}'))).toEqual({ a: 'http://x//y', b: '"//' });
  });

  it('reports invalid JSON', () => {
    expect(parseSchemeText('{"a": ').error).toBeTruthy();
  });
});

describe('method defaults', () => {
  it.each(METHOD_KINDS)('%s starts valid and within full marks', (kind) => {
    const county = makeDemoCounty({ seed: 3, year: 2026, throughMonth: 2 });
    const s = structuredClone(county.scheme);
    const ind = s.tracks[0]!.indicators[0]!;
    ind.method = defaultMethod(kind, ind.fullMarks);
    // completion needs a target and growth a baseline: the editor shows those fields beside the method
    ind.target = 100;
    ind.baseline = 100;
    // the demo may override this indicator per group; drop those to test the default alone
    for (const g of s.groups) if (g.overrides) delete g.overrides[s.tracks[0]!.id];
    expect(SchemeSchema.safeParse(s).success).toBe(true);
    expect(validateScheme(s).problems).toEqual([]);
    expect(methodSummary(ind.method)).not.toBe('');
  });
});

describe('what-if view', () => {
  it('sorts overall boards first, latest period first, and names them', () => {
    const { scheme } = makeDemoCounty({ seed: 3, year: 2026, throughMonth: 2 });
    const names = namesOf(scheme);
    const [p1, p2] = scheme.season.periods;
    const g = scheme.groups[0]!;
    const tr = scheme.tracks[0]!;
    const b = (key: string, ref: BoardChange['ref']): BoardChange => ({ key, ref, status: 'changed', rows: [] });
    const boards = [
      b('c', { kind: 'cadre', period: p2!.id, cadreGroup: scheme.cadreGroups[0]!.id }),
      b('t1', { kind: 'track', period: p1!.id, track: tr.id, group: g.id }),
      b('o1', { kind: 'overall', period: p1!.id, track: null, group: g.id }),
      b('o2', { kind: 'overall', period: p2!.id, track: null, group: g.id }),
      b('s', { kind: 'season', period: null, track: tr.id, group: g.id }),
    ];
    expect(sortBoards(boards, names).map((x) => x.key)).toEqual(['o2', 'o1', 't1', 's', 'c']);
    expect(boardParts(boards[1]!.ref, names)).toEqual([p1!.name, tr.name, g.name]);
    expect(boardParts(boards[0]!.ref, names)).toEqual([p2!.name, scheme.cadreGroups[0]!.name]);
  });
});
