/** The demo county's ~200 cadres: town leaders, department heads and deputies with responsibilities. */
import type { SchemeInput } from '../../shared/scheme.ts';
import { DEPARTMENTS, ECO_TOWNS, STRONG_TOWNS, personName } from './names.ts';
import type { Rng } from './random.ts';

type CadreInput = NonNullable<SchemeInput['cadres']>[number];

const TOWN_TRACKS = ['rural', 'project', 'enterprise', 'governance'];
const DEPT_TRACKS = ['enterprise', 'governance'];
const TOWN_DEPUTIES = ['党委副书记', '人大主席', '副镇长', '副镇长', '党委委员、武装部长', '党委委员、组织委员'];

export function buildCadres(rng: Rng): CadreInput[] {
  const taken = new Set<string>();
  const out: CadreInput[] = [];
  const add = (c: Omit<CadreInput, 'id' | 'name'>) => out.push({ id: `c${String(out.length + 1).padStart(3, '0')}`, name: personName(rng, taken), ...c });
  const all = (unit: string, tracks: string[]) => tracks.map((track) => ({ track, unit, share: 1 }));

  for (const [unit, name] of [...STRONG_TOWNS, ...ECO_TOWNS]) {
    const xiang = name.endsWith('乡');
    add({ unit, group: 'town-secretary', title: `${name}党委书记`, responsibilities: all(unit, TOWN_TRACKS) });
    add({ unit, group: 'town-head', title: `${name}党委副书记、${xiang ? '乡长' : '镇长'}`, responsibilities: all(unit, TOWN_TRACKS) });
    TOWN_DEPUTIES.forEach((title, k) => {
      const main = TOWN_TRACKS[k % 4]!;
      // The first two deputies also help on a second track, with a smaller share.
      const responsibilities = [{ track: main, unit, share: 1 }];
      if (k < 2) responsibilities.push({ track: TOWN_TRACKS[(k + 2) % 4]!, unit, share: 0.5 });
      add({ unit, group: 'deputy', title: `${name}${title.replace('副镇长', xiang ? '副乡长' : '副镇长')}`, responsibilities });
    });
  }

  const towns = [...STRONG_TOWNS, ...ECO_TOWNS].map(([id]) => id);
  DEPARTMENTS.forEach(([unit, name], d) => {
    const head = name.endsWith('委员会') ? '主任' : name.includes('分局') ? '分局长' : '局长';
    add({ unit, group: 'dept-head', title: `${name}党组书记、${head}`, responsibilities: all(unit, DEPT_TRACKS) });
    for (let k = 0; k < 4; k++) {
      const responsibilities = [{ track: DEPT_TRACKS[k % 2]!, unit, share: 1 }];
      // 挂点联系: one deputy of each of the first departments also follows a town's projects.
      if (k === 0 && d < towns.length) responsibilities.push({ track: 'project', unit: towns[d]!, share: 0.5 });
      add({ unit, group: 'deputy', title: `${name}副${head}`, responsibilities });
    }
  });
  return out;
}
