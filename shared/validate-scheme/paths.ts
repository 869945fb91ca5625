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

/** "赛道「项目建设」指标「新开工项目数」" — the named items along the path, read from the raw input. */
export function locate(input: unknown, path: Path): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  let cur: unknown = input;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (cur === null || typeof cur !== 'object') break;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
    const list = LISTS[String(path[i - 1] ?? '')];
    if (typeof key === 'number' && list) {
      const o = (cur && typeof cur === 'object' ? cur : {}) as Record<string, unknown>;
      const label = [o.name, o.id, o.code].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
      zh.push(label ? `${list[0]}「${label}」` : `第 ${key + 1} 个${list[0]}`);
      en.push(label ? `${list[1]} ${label}` : `${list[1]} #${key + 1}`);
    }
  }
  return { zh: zh.join(''), en: en.join(', ') };
}
