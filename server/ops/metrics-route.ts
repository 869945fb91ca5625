/**
 * `GET /metrics` for Prometheus: open to `Authorization: Bearer <SAIMA_METRICS_TOKEN>` or to an
 * admin (session cookie or admin API token); anyone else gets the usual JSON 401/403.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { isAdmin } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { principalOf } from '../http/middleware.ts';
import type { Metrics } from './metrics.ts';

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** True when the request carries the metrics token. */
export function hasMetricsToken(req: Request, token: string | null): boolean {
  const m = token ? /^Bearer\s+(\S{1,200})$/i.exec(req.get('authorization') ?? '') : null;
  return !!m && sameSecret(m[1]!, token!);
}

/** Runs after principalMiddleware unless the request carries the metrics token. */
export function metricsHandler(metrics: Metrics): RequestHandler {
  return async (req, res) => {
    if (!res.locals.metricsToken) {
      const p = principalOf(req);
      if (p.role === 'public') throw errors.unauthenticated();
      if (!isAdmin(p)) throw errors.forbidden();
    }
    const { contentType, body } = await metrics.render();
    res.set('Cache-Control', 'no-store').type(contentType).send(body);
  };
}
