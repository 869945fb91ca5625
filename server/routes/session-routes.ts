/** Sign-in, sign-out, the current user with its CSRF token, own password change. */
import { z } from 'zod';
import { route, type RouteDef } from '../http/route.ts';
import { SESSION_COOKIE } from '../http/middleware.ts';
import { errors } from '../http/errors.ts';
import type { RouteDeps } from './deps.ts';

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const PasswordChange = z.object({ current: z.string().min(1).max(200), next: z.string().min(8).max(200) });
const Me = z.object({
  user: z.object({ id: z.string().nullable(), role: z.string(), displayName: z.string(), unit: z.string().nullable(), department: z.string().nullable() }),
  csrfToken: z.string().nullable(),
});

export function sessionRoutes({ users, secureCookies }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/session/login',
      summary: 'Sign in with username and password; sets an HttpOnly session cookie',
      tag: 'session',
      who: 'anyone (rate-limited)',
      allow: () => true,
      noCsrf: true,
      body: Login,
      response: Me,
      async handler({ body, req, res }) {
        const { token, csrf, user } = await users.login(body.username, body.password, req.ip ?? 'unknown');
        res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/', maxAge: 7 * 24 * 3600_000 });
        return { user: { id: user.id, role: user.role, displayName: user.displayName, unit: user.unit, department: user.department }, csrfToken: csrf };
      },
    }),
    route({
      method: 'post',
      path: '/api/session/logout',
      summary: 'Sign out: ends the session and disconnects its sockets',
      tag: 'session',
      who: 'signed-in users',
      allow: (p) => p.via === 'cookie',
      async handler({ principal, res }) {
        await users.logout(principal);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    }),
    route({
      method: 'get',
      path: '/api/session/me',
      summary: 'The current caller (role, unit, department) and the CSRF token for state-changing requests',
      tag: 'session',
      who: 'anyone (public callers get role "public")',
      allow: () => true,
      response: Me,
      handler: ({ principal: p }) => ({
        user: { id: p.userId, role: p.role, displayName: p.displayName, unit: p.unit, department: p.department },
        csrfToken: p.csrf,
      }),
    }),
    route({
      method: 'post',
      path: '/api/session/password',
      summary: 'Change your own password (ends all your sessions)',
      tag: 'session',
      who: 'signed-in users',
      allow: (p) => p.via === 'cookie',
      body: PasswordChange,
      async handler({ principal, body, res }) {
        if (!principal.userId) throw errors.forbidden();
        await users.changeOwnPassword(principal, body.current, body.next);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    }),
  ];
}
