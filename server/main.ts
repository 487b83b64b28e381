import { createServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

/** The only place that reads the process environment and listens. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Rapport cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const rapport = await createServer(config, logger);
  const { url } = await rapport.listen();
  const engine = config.model ? `model "${config.model.model}" at ${config.model.baseURL ?? 'api.openai.com'}` : 'offline engine';
  const store = config.databaseUrl.startsWith('sqlite:') ? `SQLite (${config.databaseUrl.slice('sqlite:'.length)})` : 'PostgreSQL';
  console.log(`Rapport is serving at ${url}\n  coach: ${engine}\n  store: ${store}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    rapport.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  // A stray rejection (a client or a model server misbehaving in a path we did not foresee) is
  // logged, not allowed to take every other conversation down with it.
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: { message: (reason as Error)?.message, stack: (reason as Error)?.stack } }, 'unhandled rejection');
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`Rapport failed to start: ${(error as Error).message}`);
  process.exit(1);
});
