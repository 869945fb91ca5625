/**
 * The OpenAPI 3.1 document, generated from the same route definitions (and zod schemas) that
 * validate requests, and a readable HTML reference rendered from it without scripts.
 */
import { z } from 'zod';
import type { RouteDef } from './route.ts';

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

const ErrorSchema = { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] };

export function buildOpenApi(routes: RouteDef[]): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const op: Json = {
      summary: r.summary,
      description: `Who: ${r.who}`,
      tags: [r.tag],
      operationId: `${r.method}${p.replace(/[^A-Za-z0-9]+/g, '_')}`,
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      responses: {
        [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: schemaOf(r.response, 'output') ?? {} } } },
        '4XX': { description: 'The caller’s mistake: { code, message } (Chinese; English with Accept-Language: en)', content: { 'application/json': { schema: ErrorSchema } } },
      },
    };
    if (r.raw) op.requestBody = { required: true, description: `The file's bytes (at most ${r.raw})`, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } };
    (paths[p] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Saima 赛马 API',
      version: '1',
      description:
        'JSON API of the Saima live race leaderboard. Cookie sessions need the X-CSRF-Token header (from GET /api/session/me) on POST/PUT/DELETE; tokens go in Authorization: Bearer.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'saima_sid' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain HTML reference: one section per tag, each route with its schemas. */
export function renderDocs(routes: RouteDef[]): string {
  const doc = buildOpenApi(routes) as { paths: Record<string, Record<string, Json>> };
  const byTag = new Map<string, string[]>();
  for (const r of routes) {
    const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const op = doc.paths[p]![r.method]!;
    const pre = (title: string, v: unknown) =>
      v && (!Array.isArray(v) || v.length) ? `<details><summary>${title}</summary><pre>${esc(JSON.stringify(v, null, 2))}</pre></details>` : '';
    const html = `<article><h3><code class="m ${r.method}">${r.method.toUpperCase()}</code> <code>${esc(r.path)}</code></h3>
<p>${esc(r.summary)}</p><p class="who">Who: ${esc(r.who)}</p>
${pre('Parameters', op.parameters)}${pre('Request body', (op.requestBody as Json | undefined)?.content)}${pre('Response', op.responses)}</article>`;
    byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), html]);
  }
  const sections = [...byTag].map(([tag, items]) => `<section><h2 id="${esc(tag)}">${esc(tag)}</h2>${items.join('\n')}</section>`).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Saima 赛马 API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:.1em .3em;border-radius:3px}.m{color:#fff}.get{background:#2b7}.post{background:#27b}.put{background:#b72}.delete{background:#b33}
article{border-top:1px solid #ddd;padding:.5rem 0}.who{color:#555}pre{background:#f7f7f7;padding:.5rem;overflow:auto;font-size:13px}</style></head>
<body><h1>Saima 赛马 API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>{ code, message }</code>,
Chinese by default, English with <code>Accept-Language: en</code>. Cookie sessions send <code>X-CSRF-Token</code> on POST/PUT/DELETE.
Live updates: Socket.IO, see docs/api.md.</p>
<nav>${[...byTag.keys()].map((t) => `<a href="#${esc(t)}">${esc(t)}</a>`).join(' · ')}</nav>${sections}</body></html>`;
}
