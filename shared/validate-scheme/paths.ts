/**
 * Paths into a scheme as written: their notation in problems, the value found at one, and the
 * named items along one (赛道「项目建设」指标「新开工项目数」) that messages start with.
 */

export type Path = ReadonlyArray<PropertyKey>;

/** `tracks[0].indicators[2].fullMarks`; record keys that are not plain names are quoted. */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(p))) out += (out ? '.' : '') + String(p);
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '$';
}

/** The value at `path` in the raw input, or undefined where the path leaves it. */
export function valueAt(input: unknown, path: Path): unknown {
  let cur = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k as string];
  }
  return cur;
}

const LISTS: Record<string, [string, string]> = {
  periods: ['考核期', 'period'],
  tracks: ['赛道', 'track'],
  indicators: ['指标', 'indicator'],
  groups: ['分组', 'group'],
  units: ['单位', 'unit'],
  cadres: ['干部', 'cadre'],
  cadreGroups: ['干部分组', 'cadre group'],
  raterGroups: ['测评主体', 'rater group'],
  grades: ['等次', 'grade band'],
  tiers: ['档次', 'tier'],
  responsibilities: ['责任', 'responsibility'],
};

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const nameOf = (o: Obj): string | undefined => [o.name, o.id, o.code].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;

/**
 * "赛道「项目建设」指标「新开工项目数」" — the named items along the path, read from the raw input.
 * Inside a group's overrides the record keys are named too: the track by its id, the indicator
 * by its code (`groups[1].overrides.rural.methods.R01` → 分组「生态镇组」赛道「乡村振兴」指标「…」).
 */
export function locate(input: unknown, path: Path): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  const tracks = Array.isArray(asObj(input).tracks) ? (asObj(input).tracks as unknown[]).map(asObj) : [];
  let track: Obj | undefined;
  const named = (kind: [string, string], label: string) => {
    zh.push(`${kind[0]}「${label}」`);
    en.push(`${kind[1]} ${label}`);
  };
  const indicator = (code: string) => {
    const i = (Array.isArray(track?.indicators) ? (track.indicators as unknown[]) : []).map(asObj).find((x) => x.code === code);
    named(LISTS.indicators!, (i && nameOf(i)) ?? code);
  };
  let cur: unknown = input;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (cur === null || typeof cur !== 'object') break;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
    const parent = String(path[i - 1] ?? '');
    const inOverride = path[i - 3] === 'overrides';
    const list = LISTS[parent];
    if (parent === 'overrides' && typeof key === 'string') {
      track = tracks.find((t) => t.id === key);
      named(LISTS.tracks!, (track && nameOf(track)) ?? key);
    } else if (inOverride && (parent === 'fullMarks' || parent === 'methods') && typeof key === 'string') indicator(key);
    else if (inOverride && parent === 'indicators' && typeof cur === 'string') indicator(cur);
    else if (typeof key === 'number' && list) {
      const label = nameOf(asObj(cur));
      zh.push(label ? `${list[0]}「${label}」` : `第 ${key + 1} 个${list[0]}`);
      en.push(label ? `${list[1]} ${label}` : `${list[1]} #${key + 1}`);
    }
  }
  return { zh: zh.join(''), en: en.join(', ') };
}
