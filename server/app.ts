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
import { healthRoutes } from './routes/health-routes.ts';
import { createLogger, logFn, type Logger } from './ops/logger.ts';
import { requestLog } from './ops/request-log.ts';
import { createMetrics, socketsByKind } from './ops/metrics.ts';
import { hasMetricsToken, metricsHandler } from './ops/metrics-route.ts';
import { databaseBytes, logSeq } from './ops/probes.ts';
import { reportTimeZone } from './exports/time.ts';

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
  /** IANA zone of the times in reports (SAIMA_TZ); default Asia/Shanghai; an unknown zone is refused. */
  timeZone?: string;
  /** See LiveDeps.patchWindowMs (default 30 ms). */
  patchWindowMs?: number;
  /** Request lines and errors (default: errors only, to stdout). */
  logger?: Logger;
  /** Unexpected errors (default: to `logger`). */
  log?: (msg: string, err?: unknown) => void;
  /** Bearer token that may read /metrics besides admins. */
  metricsToken?: string | null;
  /** Express `trust proxy` (behind a reverse proxy: its hop count or addresses). */
  trustProxy?: boolean | number | string[];
}

/** Every API route, in documentation order. */
export function allRoutes(deps: RouteDeps): RouteDef[] {
  return [
    ...sessionRoutes(deps),
    ...metaRoutes(deps),
    ...healthRoutes(deps),
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
  // Refused before anything starts: an unknown zone would misdate every report.
  const timeZone = reportTimeZone(deps.timeZone);
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? createLogger({ level: 'error' });
  const log = deps.log ?? logFn(logger);
  const metrics = createMetrics();
  const { storage } = deps;
  const race = createRaceService({ storage, createEngine: deps.createEngine, now, checkScheme: deps.checkScheme, log, observe: metrics });
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
    timeZone,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(requestLog(logger));
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
  const principal = principalMiddleware(users, tokens);
  app.use('/api', principal);
  const metricsToken = deps.metricsToken ?? null;
  app.get(
    '/metrics',
    (req, res, next) => {
      res.locals.metricsToken = hasMetricsToken(req, metricsToken);
      return res.locals.metricsToken ? next() : principal(req, res, next);
    },
    metricsHandler(metrics),
  );
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
  live = createLiveServer(server, { race, users, tokens, origins: deps.origins ?? [], patchWindowMs: deps.patchWindowMs, log, sent: metrics.sent });
  const io = live.io;
  metrics.attach({
    version: () => race.version,
    sockets: () => socketsByKind(io.of('/').adapter.rooms, io.of('/').sockets.size),
    logSize: async () => ({ events: await logSeq(storage), bytes: await databaseBytes(storage).catch(() => null) }),
  });
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
    metrics,
    logger,
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
