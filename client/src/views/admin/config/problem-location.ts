/**
 * Where a scheme problem lives in the editor: its JSON path (`tracks[0].indicators[2].fullMarks`,
 * as `validateScheme` writes it) → the editor section, the track / indicator / group to select,
 * and the field paths to look for in the page (`data-path` attributes), most specific first.
 */
export type Section = 'season' | 'tracks' | 'units' | 'groups' | 'grades' | 'people' | 'json';

export interface Location {
  section: Section;
  track?: number;
  indicator?: number;
  group?: number;
  unit?: number;
  /** Candidate `data-path` values, longest first. */
  candidates: string[];
}

/** `tracks[0].indicators[2]["x y"].a` → ['tracks', 0, 'indicators', 2, 'x y', 'a']. */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined && m[3] !== '$') out.push(m[3]);
  }
  return out;
}

/** The inverse of `parsePath`, in `formatPath`'s notation (shared/validate-scheme.ts). */
export function joinPath(parts: ReadonlyArray<string | number>): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += (out ? '.' : '') + p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out || '$';
}

const SECTION_OF: Record<string, Section> = {
  name: 'season',
  schemaVersion: 'season',
  season: 'season',
  tracks: 'tracks',
  units: 'units',
  groups: 'groups',
  grades: 'grades',
  rules: 'grades',
  cadreGroups: 'people',
  raterGroups: 'people',
};

export function locate(path: string): Location {
  const parts = parsePath(path);
  const head = typeof parts[0] === 'string' ? parts[0] : '';
  const loc: Location = { section: SECTION_OF[head] ?? 'json', candidates: [] };
  if (head === 'tracks' && typeof parts[1] === 'number') {
    loc.track = parts[1];
    if (parts[2] === 'indicators' && typeof parts[3] === 'number') loc.indicator = parts[3];
  }
  if (head === 'groups' && typeof parts[1] === 'number') loc.group = parts[1];
  if (head === 'units' && typeof parts[1] === 'number') loc.unit = parts[1];
  for (let n = parts.length; n > 0; n--) loc.candidates.push(joinPath(parts.slice(0, n)));
  return loc;
}
