/** The published JSON Schema of the race scheme, generated from the zod schema the code validates with. */
import { z } from 'zod';
import { SchemeSchema } from '../../shared/scheme.ts';

/** Where `npm run schema` writes it (relative to the repository root). */
export const SCHEMA_FILE = 'shared/scheme.schema.json';

/**
 * The JSON Schema text for schemes as written (`io: 'input'`: fields with defaults are optional),
 * pretty-printed with a trailing newline so the committed file diffs cleanly.
 */
export function schemeJsonSchemaText(): string {
  const schema = z.toJSONSchema(SchemeSchema, { io: 'input', target: 'draft-2020-12' });
  const doc = {
    $schema: schema.$schema,
    $id: 'https://saima.example/scheme.schema.json',
    title: '赛马方案 Race scheme',
    description: 'Generated from shared/scheme.ts by `npm run schema`; do not edit by hand.',
    ...schema,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
