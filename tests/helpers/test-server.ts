import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type RapportServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/logger.js';

export interface RunningServer {
  rapport: RapportServer;
  url: string;
  wsUrl: string;
  databaseUrl: string;
  directory: string;
  /** Stops the server; the database file stays until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): void;
}

/**
 * Starts the real server on port 0 with a fresh SQLite file (or the given database), exactly as
 * main.ts wires it, so tests speak to the same HTTP and WebSocket stack a user does.
 */
export async function startTestServer(env: Record<string, string> = {}, directory?: string, logger?: Logger): Promise<RunningServer> {
  const folder = directory ?? mkdtempSync(path.join(tmpdir(), 'rapport-test-'));
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${path.join(folder, 'coach.db')}`;
  // Tests start many sessions from 127.0.0.1 in a minute: the per-address budget is raised unless a test sets its own.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SESSION_STARTS_PER_MINUTE: '1000', MESSAGES_PER_MINUTE_PER_ADDRESS: '10000', ...env, DATABASE_URL: databaseUrl });
  const rapport = await createServer(config, logger ?? createLogger(config.logLevel));
  const { port } = await rapport.listen(0, '127.0.0.1');
  let stopped = false;
  return {
    rapport,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    databaseUrl,
    directory: folder,
    async stop() {
      if (stopped) return;
      stopped = true;
      await rapport.close();
    },
    cleanup() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
