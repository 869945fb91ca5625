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
