/**
 * One JSON line per request (pino-http): request id, method, scrubbed URL, status, duration, and
 * who called (user, role). The id is taken from a well-formed incoming `X-Request-Id` (a proxy's)
 * or made here, returned in the `X-Request-Id` header and put in every error body.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Principal } from '../auth/roles.ts';
import { scrubUrl, type Logger } from './logger.ts';

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && INCOMING_ID.test(sent) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customProps(_req, res) {
      // Called at the start (nobody known yet: no fields) and at the end of the request.
      const p = (res as unknown as Response).locals?.principal as Principal | undefined;
      if (!p) return {};
      return p.role === 'public' ? { role: 'public' } : { user: p.actor, role: p.role };
    },
    serializers: {
      // The client's address as Express sees it (X-Forwarded-For when the proxy is trusted).
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; raw?: Request }) => ({ id: req.id, method: req.method, url: scrubUrl(req.url), remoteAddress: req.raw?.ip ?? req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${scrubUrl((req as Request).originalUrl ?? req.url ?? '')} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${scrubUrl((req as Request).originalUrl ?? req.url ?? '')} ${res.statusCode}`,
  }) as unknown as RequestHandler;
}

/** The id pino-http gave the request. */
export const requestIdOf = (req: Request): string | undefined => (req as Request & { id?: unknown }).id as string | undefined;
