import { afterEach } from 'vitest';
import { startTestServer, type RunningServer } from './test-server.js';
import { TestClient } from './ws-client.js';

/**
 * Servers and socket clients for one test file, all closed (and their temp folders removed)
 * after each test, so no test leaks a port, a socket or a database into the next.
 */
export function useServersAndClients(): {
  server: (env?: Record<string, string>, directory?: string) => Promise<RunningServer>;
  client: (url: string) => Promise<TestClient>;
} {
  let running: RunningServer[] = [];
  let clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients) await client.close();
    for (const server of running) {
      await server.stop();
      server.cleanup();
    }
    running = [];
    clients = [];
  });

  return {
    async server(env = {}, directory) {
      const started = await startTestServer(env, directory);
      running.push(started);
      return started;
    },
    async client(url) {
      const connected = await TestClient.connect(url);
      clients.push(connected);
      return connected;
    },
  };
}
