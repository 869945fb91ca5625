/** What the semantic checks share: the scheme, its lookups and the sink for problems. */
import type { Scheme, Track, Unit } from '../scheme.ts';
import type { Path } from './paths.ts';

/** Records a problem at `path` with its Chinese and English message. */
export type Add = (code: string, path: Path, zh: string, en: string) => void;

export interface SchemeContext {
  s: Scheme;
  add: Add;
  units: Map<string, Unit>;
  tracks: Map<string, Track>;
  /** A unit's name, or its id when no unit has it. */
  unitName: (id: string) => string;
}

/** "赛道「乡村振兴」分组「生态镇组」指标「村集体经济收入增速」" and its English, for the start of messages. */
export function where(track: string, group?: string | string[], indicator?: string): { zh: string; en: string } {
  const groups = group === undefined ? [] : Array.isArray(group) ? group : [group];
  const zh = `赛道「${track}」${groups.length ? `分组「${groups.join('」「')}」` : ''}${indicator ? `指标「${indicator}」` : ''}`;
  const en = [`Track ${track}`, groups.length ? `${groups.length > 1 ? 'groups' : 'group'} ${groups.join(', ')}` : '', indicator ? `indicator ${indicator}` : ''].filter(Boolean).join(', ');
  return { zh, en };
}
