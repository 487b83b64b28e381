import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import type { UtteranceClassifier } from './classify/classifier.js';
import { createModelLabeler, type UtteranceLabeler } from './classify/model-labeler.js';
import type { CoachContent } from './policy/coach-content.js';
import { createLlmEngine } from './phrase/llm-engine.js';
import { offlineEngine } from './phrase/offline-engine.js';
import type { CoachEngine } from './phrase/engine.js';
import { createOpenAIModel } from './llm/openai-model.js';
import type { PromptTemplates } from './llm/prompt-templates.js';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import { errorHandler } from './http/error-handler.js';
import { opsRoutes } from './http/ops-routes.js';
import { sessionRoutes } from './http/session-routes.js';
import { clientRoutes } from './http/client-routes.js';
import { ShareLinks } from './app/share-links.js';
import { loadDateWords } from './content/load-calendar.js';
import { personaRoutes } from './http/persona-routes.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { boundModel } from './llm/bounded-model.js';
import { loadContent, type Content } from './content/load-content.js';
import { SessionService } from './app/service.js';
import { startRetentionPurge } from './app/retention.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { attachWebSocket } from './ws/socket-server.js';
import { AddressRateLimiter } from './limits/address-limits.js';

/** How long a shutdown waits for running turns before it frees their sessions anyway. */
const SHUTDOWN_DRAIN_MS = 3_000;

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export interface RapportServer {
  server: Server;
  store: Store;
  sessions: SessionService;
  /** Starts listening; resolves with the address to open. */
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Deletes sessions idle past the retention now (it also runs at start-up and every hour); resolves with how many. */
  purgeIdleSessions(): Promise<number>;
  /** Stops accepting, closes sockets and the store. */
  close(): Promise<void>;
}

/**
 * Builds the whole server from a configuration without listening, so tests and main.ts share one
 * wiring. The store is opened and migrated before anything is served. Content (content/) is read and
 * validated once, here, unless the caller passes its own: a broken file stops the start.
 */
export async function createServer(config: Config, logger: Logger, content: Content = loadContent()): Promise<RapportServer> {
  const store = await openStore(config.databaseUrl);
  await store.migrate();
  const metrics = createMetrics();
  const engines = createEngines(config, logger, content, metrics);
  metrics.readModelHealthWith(() => engines.engine.health?.() ?? null);
  const sessions = new SessionService({
    store,
    engine: engines.engine,
    fallbackEngine: engines.fallback,
    ...(engines.labeler ? { labeler: engines.labeler } : {}),
    logger,
    coach: content.coach,
    personas: content.personas,
    demoAnnotations: content.demoAnnotations,
    classifier: content.classifier,
    metrics: {
      turnSeconds: (engine, seconds) => metrics.turnSeconds.observe({ engine }, seconds),
      fallback: () => metrics.fallbacks.inc(),
    },
  });

  const app = express();
  app.disable('x-powered-by');
  // The same hop count clientAddress() uses, so req.ip and the limits agree.
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);
  const sessionStarts = new AddressRateLimiter(config.sessionStartsPerMinute, Date.now, () => metrics.refusals.inc({ reason: 'session_starts' }));
  const addressMessages = new AddressRateLimiter(config.messagesPerMinutePerAddress, Date.now, () => metrics.refusals.inc({ reason: 'messages' }));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'connect-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          // Rapport is often opened over plain HTTP on a LAN address; upgrading its requests to
          // https there would leave a blank page. TLS, where used, is terminated in front of it.
          'upgrade-insecure-requests': null,
        },
      },
      // Ignored (and reported as a console error) by browsers on plain-HTTP origins other than localhost.
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
    }),
  );
  app.use(express.json({ limit: '64kb' }));
  app.use(
    opsRoutes({
      registry: metrics.registry,
      settings: { retentionDays: config.retentionDays },
      readiness: [{ name: 'store', check: () => store.ping() }],
      ...(engines.engine.health ? { modelHealth: () => engines.engine.health!() } : {}),
    }),
  );
  app.use(sessionRoutes(sessions, { sessionStarts, trustProxy: config.trustProxy }));
  app.use(clientRoutes({ sessions, shareLinks: new ShareLinks(store, config.shareLinkHours), dateWords: loadDateWords(), logger }));
  app.use(personaRoutes(sessions.personaCatalog, config.trainerKey));
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'no such route')));
  if (existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('The page is not built yet: run `npm run build:web` (npm start does it for you).');
    });
  }
  app.use(errorHandler(logger));

  const server = createHttpServer(app);
  const sockets = attachWebSocket(server, {
    sessions,
    logger,
    rateLimitPerMinute: config.rateLimitPerMinute,
    sessionStarts,
    addressMessages,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    connectionsPerAddress: config.connectionsPerAddress,
    onRefused: (reason) => metrics.refusals.inc({ reason }),
    onFrame: (type) => metrics.frames.inc({ type }),
    onAutoplay: (delta) => (delta > 0 ? metrics.demoAutoplays.inc() : metrics.demoAutoplays.dec()),
  });
  metrics.countSocketsWith(sockets.clients);
  const retention = startRetentionPurge({ store, days: config.retentionDays, logger, onPurged: (count) => metrics.purged.inc(count) });

  return {
    server,
    store,
    sessions,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const actualPort = typeof address === 'object' && address ? address.port : port;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve({ url: `http://${shownHost}:${actualPort}`, port: actualPort });
        });
      });
    },
    purgeIdleSessions: () => retention.runNow(),
    async close() {
      retention.stop();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Closing the sockets aborted their turns: give them a moment to store what they have, then
      // the store releases any lease still held, so another process resumes those sessions at once.
      await sessions.drain(SHUTDOWN_DRAIN_MS);
      await store.close();
    },
  };
}

function noCacheForHtml(res: express.Response, filePath: string): void {
  if (filePath.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

/**
 * Chooses the engine from the configuration: the offline engine unless a model is configured.
 * The offline engine is always there as the fallback when the model fails.
 */
function createEngines(
  config: Config,
  logger: Logger,
  content: { templates: PromptTemplates; classifier: UtteranceClassifier; coach: CoachContent },
  metrics: Metrics,
): { engine: CoachEngine; fallback: CoachEngine; labeler?: UtteranceLabeler } {
  if (!config.model) return { engine: offlineEngine, fallback: offlineEngine };
  const model = createOpenAIModel({
    ...(config.model.baseURL ? { baseURL: config.model.baseURL } : {}),
    ...(config.model.apiKey ? { apiKey: config.model.apiKey } : {}),
    model: config.model.model,
    // No attempt outlives the turn, whatever the SDK's own timeout would allow.
    timeoutMs: Math.min(config.model.timeoutMs, config.model.turnDeadlineMs),
    idleTimeoutMs: config.model.idleTimeoutMs,
    streamDeadlineMs: config.model.turnDeadlineMs,
    maxRetries: 0,
  });
  const bounded = boundModel(model, { firstTokenTimeoutMs: config.model.firstTokenTimeoutMs });
  return {
    engine: createLlmEngine({
      model: bounded,
      fallback: offlineEngine,
      logger,
      templates: content.templates,
      steps: content.coach.steps,
      screen: content.coach.safety.screen,
      turnDeadlineMs: config.model.turnDeadlineMs,
      onOutcome: (outcome) => {
        if (outcome.type === 'rejected') metrics.guardRejections.inc({ rule: outcome.rule });
        if (outcome.type === 'fallback') metrics.modelFallbacks.inc({ reason: outcome.reason });
      },
    }),
    fallback: offlineEngine,
    labeler: createModelLabeler(model, content.classifier, (reason) => logger.warn({ reason }, 'model labelling failed; the offline classifier labels the batch')),
  };
}
