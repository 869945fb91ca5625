/**
 * Scheme validation (方案校验): the zod schema first (shape, ranges), then the rules a schema
 * cannot express — unique ids, references, full marks adding up per group, tier tables in order.
 * Every problem carries a JSON path and a Chinese and an English message a person can act on.
 * The checks live in ./validate-scheme/; this file is the public entry point.
 */
import { SchemeSchema } from './scheme.ts';
import type { Scheme } from './scheme.ts';
import type { Problem } from './engine/types.ts';
import { unknownFields } from './validate-scheme/unknown-fields.ts';
import { fromZodIssue } from './validate-scheme/from-zod-issue.ts';
import { checkSemantics } from './validate-scheme/check-semantics.ts';

export { formatPath } from './validate-scheme/paths.ts';
export { fromZodIssue } from './validate-scheme/from-zod-issue.ts';
export { METHOD_ZH } from './validate-scheme/check-methods.ts';
export { effectiveIndicators } from './validate-scheme/effective-indicators.ts';
export type { EffectiveIndicator } from './validate-scheme/effective-indicators.ts';

/**
 * Validates a scheme as written (JSON, defaults may be omitted). `scheme` is the parsed scheme
 * with defaults filled in, or null when there is any problem: a scheme with problems must not
 * be scored. `warnings` name fields the scheme does not know (they are ignored), usually typos.
 */
export function validateScheme(input: unknown): { scheme: Scheme | null; problems: Problem[]; warnings: Problem[] } {
  const warnings: Problem[] = [];
  unknownFields(SchemeSchema, input, [], warnings);
  const parsed = SchemeSchema.safeParse(input);
  if (!parsed.success) return { scheme: null, problems: parsed.error.issues.map((i) => fromZodIssue(i, input)), warnings };
  const problems = checkSemantics(parsed.data);
  return { scheme: problems.length ? null : parsed.data, problems, warnings };
}
