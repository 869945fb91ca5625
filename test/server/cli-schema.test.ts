import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, schemeJsonSchemaText } from '../../server/cli/scheme-json-schema.ts';

describe('published JSON Schema', () => {
  it('equals a fresh generation from shared/scheme.ts (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(new URL(`../../${SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(committed).toBe(schemeJsonSchemaText());
  });

  it('describes the scheme fields people write', () => {
    const doc = JSON.parse(schemeJsonSchemaText()) as { required: string[]; properties: Record<string, unknown> };
    expect(doc.required).toEqual(expect.arrayContaining(['name', 'season', 'tracks', 'groups', 'units']));
    // io: 'input' — fields with defaults are optional in what people write.
    expect(doc.required).not.toContain('grades');
    expect(Object.keys(doc.properties)).toEqual(expect.arrayContaining(['cadres', 'raterGroups', 'rules']));
  });
});
