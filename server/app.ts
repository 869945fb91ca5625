/**
 * `createApp(deps)` builds the whole server — storage-backed services, the Express API, static
 * SPA, Socket.IO — and never listens; `server/index.ts` does that.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Problem } from '../shared/engine/types.ts';
import type { Scheme } from '../shared/scheme.ts';
import type { Storage } from './storage/storage.ts';
import { createRaceService, type EngineFactory } from './services/race-service.ts';
import { createUserService } from './services/user-service.ts';
import { createTokenService } from './services/token-service.ts';
import { createLiveServer, type LiveServer } from './live/socket-server.ts';
import { errorHandler, principalMiddleware, principalOf } from './http/middleware.ts';
import { mountRoutes, type RouteDef } from './http/route.ts';
import { buildOpenApi } from './http/openapi.ts';
import { apiDocsRouter } from './http/api-docs.ts';
import { errors } from './http/errors.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { metaRoutes } from './routes/meta-routes.ts';
import { schemeRoutes } from './routes/scheme-routes.ts';
import { eventRoutes } from './routes/event-routes.ts';
import { standingsRoutes } from './routes/standings-routes.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { appealRoutes } from './routes/appeal-routes.ts';
import { createAppealService } from './services/appeal-service.ts';
import { createEvidenceService } from './services/evidence-service.ts';
import { createFeedbackService } from './services/feedback-service.ts';
import { createWorkspaceService } from './services/workspace-service.ts';
import { workspaceRoutes } from './routes/workspace-routes.ts';
import { dataRoutes } from './routes/data-routes.ts';
import { importRoutes } from './routes/import-routes.ts';
import { exportRoutes } from './routes/export-routes.ts';
import { publishRoutes } from './routes/publish-routes.ts';
import type { RouteDeps } from './routes/deps.ts';
import { createScreenFeed } from './services/screen-source.ts';
import { attachScreenFeed } from './services/screen-socket.ts';

export interface AppDeps {
  storage: Storage;
  createEngine: EngineFactory;
  /** Extra scheme validation (validateScheme). */
  checkScheme?: (scheme: Scheme) => Problem[];
  now?: () => Date;
  /** Allowed browser origins besides the server's own host. */
  origins?: string[];
  /** The built SPA (dist/client); not served when missing. */
  staticDir?: string;
  secureCookies?: boolean;
  /**
   * Express's `trust proxy` behind a reverse proxy (e.g. `loopback`, a hop count, addresses), so
   * that the client address (sign-in rate limits, audit) and protocol come from X-Forwarded-*.
   */
  trustProxy?: boolean | number | string;
  /** See LiveDeps.patchWindowMs (default 30 ms). */
  patchWindowMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

/** Every API route, in documentation order. */
export function allRoutes(deps: RouteDeps): RouteDef[] {
  return [
    ...sessionRoutes(deps),
    ...metaRoutes(deps),
    ...schemeRoutes(deps),
    ...eventRoutes(deps),
    ...standingsRoutes(deps),
    ...publishRoutes(deps),
    ...workspaceRoutes(deps),
    ...appealRoutes(deps),
    ...dataRoutes(deps),
    ...importRoutes(deps),
    ...exportRoutes(deps),
    ...adminRoutes(deps),
  ];
}

export async function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((msg: string, err?: unknown) => console.error(`[saima] ${msg}`, err ?? ''));
  const { storage } = deps;
  const race = createRaceService({ storage, createEngine: deps.createEngine, now, checkScheme: deps.checkScheme, log });
  await race.load();
  // The live server exists only after the HTTP server; these hooks reach it once it does.
  let live: LiveServer | null = null;
  const users = createUserService(storage, now, (id, reason) => {
    tokens.forgetUser(id);
    live?.endUser(id, reason);
  });
  const tokens = createTokenService(storage, now, (id) => live?.endToken(id));
  const evidence = createEvidenceService(storage, now);
  const feedback = createFeedbackService(storage, now);
  const appeals = createAppealService({ storage, now, race, evidence, notify: (id, unit) => live?.notifyAppeal(id, unit) });
  await appeals.recover();
  const workspace = createWorkspaceService({ storage, race, feedback, appeals });
  // What wall displays see (settings.screenSource), synchronously, for the socket server.
  const screen = createScreenFeed(race, tokens);
  await screen.load();
  const routes = allRoutes({
    storage,
    race,
    users,
    tokens,
    appeals,
    evidence,
    feedback,
    workspace,
    createEngine: deps.createEngine,
    secureCookies: deps.secureCookies ?? false,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // ECharts tooltips and Element Plus set style attributes; no script is ever inline.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use('/api', principalMiddleware(users, tokens));
  const api = express.Router();
  mountRoutes(api, routes, principalOf);
  const openapi = buildOpenApi(routes);
  api.get('/api/openapi.json', (_req, res) => void res.json(openapi));
  api.use(apiDocsRouter());
  api.all('/api/{*rest}', () => {
    throw errors.notFound();
  });
  app.use(api);
  if (deps.staticDir && fs.existsSync(path.join(deps.staticDir, 'index.html'))) {
    const dir = path.resolve(deps.staticDir);
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    app.get('/{*spa}', (_req, res) => void res.sendFile(path.join(dir, 'index.html')));
  }
  app.use(errorHandler(log));

  const server = http.createServer(app);
  server.requestTimeout = 120_000;
  // Every TCP connection, upgraded WebSockets included, so that closing can cut what clients hold.
  const connections = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    connections.add(s);
    s.once('close', () => connections.delete(s));
  });
  live = createLiveServer(server, { race, users, tokens, origins: deps.origins ?? [], patchWindowMs: deps.patchWindowMs, log });
  // Display sockets follow settings.screenSource (published snapshot or live), in front of the live handlers.
  const detachScreen = attachScreenFeed(live.io as unknown as Parameters<typeof attachScreenFeed>[0], screen, () => race.version);

  return {
    app,
    server,
    live,
    storage,
    race,
    users,
    tokens,
    appeals,
    feedback,
    routes,
    screen,
    /**
     * Closes sockets and the HTTP server; the caller closes the storage. Stops accepting first,
     * lets Socket.IO send its goodbyes, then cuts whatever is still open after `graceMs`: a
     * WebSocket whose peer does not answer the close frame would otherwise hold a restart for 30 s
     * (ws's close timeout), and a client that keeps a keep-alive connection busy for ever.
     */
    async close(graceMs = 1000): Promise<void> {
      detachScreen();
      screen.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const cut = setTimeout(() => {
        for (const s of connections) s.destroy();
      }, graceMs);
      try {
        await live?.close();
        server.closeIdleConnections();
        await closed;
      } finally {
        clearTimeout(cut);
      }
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;
