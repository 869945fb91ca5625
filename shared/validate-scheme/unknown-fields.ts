/**
 * Unknown fields (warnings): zod drops them silently, so a typo ("deductioncap") would just be
 * ignored. Walks the schema beside the raw input and suggests the closest known name.
 */
import type { Path } from './paths.ts';
import { formatPath, locate } from './paths.ts';
import type { Problem } from '../engine/types.ts';

interface ZodDef {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  element?: { _zod: { def: ZodDef } };
  valueType?: { _zod: { def: ZodDef } };
  innerType?: { _zod: { def: ZodDef } };
  in?: { _zod: { def: ZodDef } };
  options?: Array<{ _zod: { def: ZodDef } }>;
  discriminator?: string;
  values?: unknown[];
}

/** Adds an `unknown_field` warning to `out` for every field of `input` that `schema` does not know. */
export function unknownFields(schema: { _zod: { def: ZodDef } }, input: unknown, path: Path, out: Problem[], root: unknown = input): void {
  const def = schema._zod.def;
  if (input === null || typeof input !== 'object') return;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      if (def.innerType) unknownFields(def.innerType, input, path, out, root);
      return;
    case 'pipe':
      if (def.in) unknownFields(def.in, input, path, out, root);
      return;
    case 'array':
      if (Array.isArray(input) && def.element) input.forEach((v, i) => unknownFields(def.element!, v, [...path, i], out, root));
      return;
    case 'record':
      if (def.valueType) for (const [k, v] of Object.entries(input)) unknownFields(def.valueType, v, [...path, k], out, root);
      return;
    case 'union': {
      const d = def.discriminator;
      const tag = d ? (input as Record<string, unknown>)[d] : undefined;
      const option = d ? def.options?.find((o) => o._zod.def.shape?.[d]?._zod.def.values?.includes(tag)) : undefined;
      if (option) unknownFields(option, input, path, out, root);
      return;
    }
    case 'object': {
      if (Array.isArray(input) || !def.shape) return;
      const known = Object.keys(def.shape);
      for (const [k, v] of Object.entries(input)) {
        const field = Object.hasOwn(def.shape, k) ? def.shape[k] : undefined;
        if (field) unknownFields(field, v, [...path, k], out, root);
        else if (!k.startsWith('$') && !k.startsWith('//')) {
          const guess = closest(k, known);
          const where = locate(root, path);
          out.push({
            code: 'unknown_field',
            path: formatPath([...path, k]),
            zh: `${where.zh ? where.zh + ':' : ''}不认识的字段「${k}」,已忽略${guess ? `;是不是「${guess}」?` : ''}`,
            en: `${where.en ? where.en + ': ' : ''}unknown field "${k}" is ignored${guess ? `; did you mean "${guess}"?` : ''}`,
          });
        }
      }
      return;
    }
  }
}

/** The known name closest to `k` (case-insensitive, at most 2 edits away), if any. */
function closest(k: string, known: string[]): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const c of known) {
    const d = c.toLowerCase() === k.toLowerCase() ? 0 : editDistance(k.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
