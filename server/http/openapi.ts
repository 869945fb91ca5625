/**
 * The OpenAPI 3.1 document, generated from the same route definitions (and zod schemas) that
 * validate requests (served at /api/openapi.json, rendered at /api/docs by api-docs.ts).
 */
import { z } from 'zod';
import type { RouteDef } from './route.ts';
import { errorComponents, errorResponsesOf, rolesOf, securityOf, securitySchemes } from './openapi-security.ts';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType | undefined, io: 'input' | 'output'): Json | undefined {
  if (!s) return undefined;
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
    return rest;
  } catch {
    return {};
  }
}

function parametersOf(s: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  const js = schemaOf(s, 'input') as { properties?: Record<string, Json>; required?: string[] } | undefined;
  return Object.entries(js?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (js?.required ?? []).includes(name),
    schema,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
  }));
}

const TAGS: Record<string, string> = {
  session: 'Signing in and out, the current user, password changes.',
  meta: 'Health and what the server is.',
  standings: 'Live, as-of and published standings, and the explanation of any score.',
  events: 'Submitting values, adjustments, vetoes and ratings; reading the event log.',
  scheme: 'The race scheme: indicators, tracks, groups, units, cadres.',
  data: 'The data grid and the history of any number.',
  import: 'XLSX/CSV imports of values and ratings (all or nothing).',
  workspace: 'A unit’s own workspace: its ranks, feedback and evidence files.',
  appeals: 'Data appeals and 容错 (error-tolerance) applications, and their decisions.',
  admin: 'Users, tokens, settings, publication and the audit log.',
  exports: 'XLSX, CSV and PDF exports of the results.',
};

function operationOf(r: RouteDef, p: string): Json {
  const roles = rolesOf(r);
  const op: Json = {
    summary: r.summary,
    description: `Who: ${r.who}${roles.length ? ` (roles: ${roles.join(', ')})` : ''}`,
    tags: [r.tag],
    operationId: `${r.method}${p.replace(/[^A-Za-z0-9]+/g, '_')}`,
    security: securityOf(r),
    parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
    responses: {
      [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: schemaOf(r.response, 'output') ?? {} } } },
      ...errorResponsesOf(r),
    },
  };
  if (r.raw) op.requestBody = { required: true, description: `The file's bytes (at most ${r.raw})`, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
  if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } };
  return op;
}

export function buildOpenApi(routes: RouteDef[]): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    (paths[p] ??= {})[r.method] = operationOf(r, p);
  }
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: TAGS[name] ?? name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Saima 赛马 API',
      version: '1',
      description:
        'JSON API of the Saima live race leaderboard. Cookie sessions send the X-CSRF-Token header (from GET /api/session/me) on POST/PUT/DELETE; API and display tokens go in Authorization: Bearer. Errors are { code, message } in Chinese, English with Accept-Language: en. Live updates use Socket.IO (see docs/api.md).',
      license: { name: 'Proprietary (no public license)', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'This server (the API is same-origin with the web client)' }],
    tags,
    components: { securitySchemes, ...errorComponents },
    paths,
  };
}
