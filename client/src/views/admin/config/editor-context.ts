/**
 * What every section of the scheme editor needs besides its slice of the draft: whether it is
 * read-only (leaders), the validation messages by path (shown on the field), and the scheme's
 * units for pickers. Provided by SchemePage, injected by the sections.
 */
import { inject, type ComputedRef, type InjectionKey } from 'vue';

export interface EditorContext {
  readonly: ComputedRef<boolean>;
  /** The messages of the problems at exactly this path, joined; undefined when none. */
  errorAt(path: string): string | undefined;
  /** True when some problem lies at or under this path. */
  hasErrorUnder(path: string): boolean;
  units: ComputedRef<Array<{ id: string; name: string }>>;
}

export const EDITOR: InjectionKey<EditorContext> = Symbol('scheme-editor');

export function useEditor(): EditorContext {
  const ctx = inject(EDITOR);
  if (!ctx) throw new Error('scheme editor context missing');
  return ctx;
}

/** Moves an item one place up (−1) or down (+1) in place. */
export function move<T>(items: T[], i: number, d: -1 | 1): void {
  const j = i + d;
  if (j < 0 || j >= items.length) return;
  const [x] = items.splice(i, 1);
  items.splice(j, 0, x!);
}

/** A code not used yet: `prefix1`, `prefix2`, … */
export function freshId(prefix: string, used: Iterable<string>): string {
  const taken = new Set(used);
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** A deep copy of plain data that may sit behind Vue proxies (structuredClone refuses proxies). */
export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
