/**
 * `npm run schema`: regenerates shared/scheme.schema.json from the zod scheme. A test fails when
 * the committed file differs from a fresh generation, so run this after changing shared/scheme.ts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE, schemeJsonSchemaText } from './scheme-json-schema.ts';

const out = fileURLToPath(new URL(`../../${SCHEMA_FILE}`, import.meta.url));
writeFileSync(out, schemeJsonSchemaText());
console.log(`wrote ${SCHEMA_FILE}`);
