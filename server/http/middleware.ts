/** Request middleware: who is calling (cookie, bearer or `?token=`), and errors as JSON. */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { z } from 'zod';
import { ANONYMOUS, type Principal } from '../auth/roles.ts';
import type { UserService } from '../services/user-service.ts';
import type { TokenService } from '../services/token-service.ts';
import { AppError, errorBody, errors, prefersEnglish } from './errors.ts';

export const SESSION_COOKIE = 'saima_sid';

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The bearer token of a request: `Authorization: Bearer …`, or a display token in `?token=`. */
export function bearerOf(req: Request): string | null {
  const auth = req.get('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S{1,200})$/i.exec(auth);
    return m ? m[1]! : '';
  }
  const q = req.query.token;
  return typeof q === 'string' && q.startsWith('sd_') ? q : null;
}

export function principalMiddleware(users: UserService, tokens: TokenService): RequestHandler {
  return async (req, res, next) => {
    try {
      const bearer = bearerOf(req);
      let p: Principal | null = null;
      if (bearer !== null) {
        p = await tokens.resolve(bearer);
        if (!p) throw errors.badToken();
      } else {
        const sid = readCookie(req.get('cookie'), SESSION_COOKIE);
        if (sid && sid.length <= 200) p = await users.resolveSession(sid);
      }
      res.locals.principal = p ?? ANONYMOUS;
      next();
    } catch (e) {
      next(e);
    }
  };
}

export const principalOf = (req: Request): Principal => (req.res?.locals.principal as Principal | undefined) ?? ANONYMOUS;

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** Maps every error to `{ code, message }`; only unexpected ones are 500 (and logged). */
export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const english = prefersEnglish(req.get('accept-language'));
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (err instanceof z.ZodError) e = validationError(err);
    else {
      const b = err as BodyParserError;
      const status = b?.status ?? b?.statusCode;
      if (b?.type === 'entity.too.large') e = errors.tooLarge();
      else if (b?.type === 'entity.parse.failed') e = errors.invalidJson();
      else if (b?.type === 'encoding.unsupported' || b?.type === 'charset.unsupported') e = errors.unsupportedType();
      else if (typeof status === 'number' && status >= 400 && status < 500) e = new AppError(status, 'bad_request', { zh: '请求格式不正确。', en: 'Malformed request.' });
      else {
        log(`unhandled error on ${req.method} ${req.path} (request ${String((req as { id?: unknown }).id ?? '-')})`, err);
        e = errors.internal();
      }
    }
    if (res.headersSent) return;
    // The request log's id (request-log.ts), so a person reporting an error can quote it.
    const requestId = (req as { id?: unknown }).id;
    res.status(e.status).json({ ...errorBody(e, english), ...(typeof requestId === 'string' ? { requestId } : {}) });
  };
}

function validationError(err: z.ZodError): AppError {
  const issues = err.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const where = issues.map((i) => i.path || '(body)').join(', ');
  return new AppError(400, 'invalid_request', { zh: `请求参数不正确：${where}`, en: `Invalid request: ${where}` }, { issues });
}
