/**
 * Route definitions: each route declares its schemas, who may call it and a handler that returns
 * the reply's data. The same list mounts the Express routes and generates the OpenAPI document,
 * so the documentation cannot drift from what is validated.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { Principal } from '../auth/roles.ts';
import { errors } from './errors.ts';
import { assertSafeJson } from './safe-json.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface Ctx<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: Principal;
  /** The request body as bytes, for routes declared with `raw`. */
  raw: Buffer;
  req: Request;
  res: Response;
}

export interface RouteDef<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  method: Method;
  /** Express-style path, e.g. `/api/units/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it, for the reference (the check itself is `allow`). */
  who: string;
  allow: (p: Principal) => boolean;
  body?: B;
  query?: Q;
  params?: P;
  /** JSON body size limit (default 256 KB). */
  limit?: string;
  /**
   * Raw body (file uploads): the body is read as bytes up to this size and handed to the handler
   * as a Buffer in `ctx.raw`, parsed after the role check like JSON bodies; `body` is then unused.
   */
  raw?: string;
  status?: number;
  /** Cookie sessions need no CSRF token here (sign-in has no session yet). */
  noCsrf?: boolean;
  /** Response schema, for the reference only. */
  response?: z.ZodType;
  handler: (ctx: Ctx<z.output<B>, z.output<Q>, z.output<P>>) => unknown;
}

/** Identity function that keeps the schema types flowing into the handler. */
export function route<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(def: RouteDef<B, Q, P>): RouteDef {
  return def as unknown as RouteDef;
}

const MUTATING = new Set(['post', 'put', 'delete']);

/** Mounts the routes on a router: CSRF and role check → body parse → guard → validate → handler → JSON. */
export function mountRoutes(router: Router, routes: RouteDef[], principalOf: (req: Request) => Principal): void {
  for (const def of routes) {
    const parsers = !MUTATING.has(def.method)
      ? []
      : def.raw
        ? [express.raw({ type: () => true, limit: def.raw })]
        : [express.json({ limit: def.limit ?? '256kb', strict: true })];
    // Who may call is decided before any body is read: nobody else makes the server parse 64 MB.
    const guard = (req: Request, _res: Response, next: NextFunction) => {
      const principal = principalOf(req);
      if (MUTATING.has(def.method) && !def.noCsrf && principal.via === 'cookie') {
        const sent = req.get('x-csrf-token');
        if (!sent || sent !== principal.csrf) throw errors.csrf();
      }
      if (!def.allow(principal)) throw principal.role === 'public' ? errors.unauthenticated() : errors.forbidden();
      next();
    };
    router[def.method](def.path, guard, ...parsers, async (req: Request, res: Response) => {
      const principal = principalOf(req);
      if (MUTATING.has(def.method) && def.body) {
        if (req.body === undefined && req.get('content-type') && !req.is('application/json')) throw errors.unsupportedType();
        assertSafeJson(req.body);
      }
      const body = def.body ? def.body.parse(req.body ?? {}) : undefined;
      const query = def.query ? def.query.parse(plainQuery(req.query)) : undefined;
      const params = def.params ? def.params.parse({ ...req.params }) : undefined;
      const raw = def.raw && Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const data = await def.handler({ body, query, params, principal, raw, req, res });
      if (res.headersSent) return;
      res.status(def.status ?? 200).json(data ?? null);
    });
  }
}

/** Express parses `a[b]=1` into nested objects; only flat string parameters are accepted. */
function plainQuery(q: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries((q ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string' && k !== '__proto__') out[k] = v;
    else throw errors.badRequest(`查询参数 ${k} 格式不正确。`, `Query parameter ${k} is malformed.`);
  }
  return { ...out };
}
