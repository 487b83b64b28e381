/**
 * What a stranger on the network meets: another site's page cannot open a socket, and one address
 * cannot create sessions or hold sockets without end. Real server, real sockets, a real SQLite file.
 */
import { request as httpRequest } from 'node:http';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { useServersAndClients } from '../helpers/lifecycle.js';
import type { RunningServer } from '../helpers/test-server.js';

const { server, client } = useServersAndClients();

/** Opens a socket with the given headers: the upgrade's HTTP status and headers, and the socket when it opened. */
async function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter?: string; socket?: WebSocket }> {
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, ...(response.headers['retry-after'] ? { retryAfter: String(response.headers['retry-after']) } : {}) });
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

function sessionCount(app: RunningServer): number {
  const database = new Database(app.databaseUrl.slice('sqlite:'.length), { readonly: true });
  try {
    return (database.prepare('select count(*) as count from sessions').get() as { count: number }).count;
  } finally {
    database.close();
  }
}

const createSession = (app: RunningServer, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ mode: 'coach' }) });

describe('Origin of the WebSocket upgrade', () => {
  it("accepts the page's own origin and ALLOWED_ORIGINS, refuses any other site with 403 before a session exists", async () => {
    const app = await server({ ALLOWED_ORIGINS: 'https://coach.example.org' });
    const host = new URL(app.url).host;
    for (const origin of ['https://evil.example', 'http://localhost:1', 'null', `https://${host}.evil.example`]) {
      const refused = await upgrade(app.wsUrl, { origin });
      expect(refused.status, origin).toBe(403);
    }
    expect(sessionCount(app)).toBe(0);

    for (const origin of [app.url, 'https://coach.example.org']) {
      const accepted = await upgrade(app.wsUrl, { origin });
      expect(accepted.status, origin).toBe(101);
      accepted.socket!.send(JSON.stringify({ type: 'session.start', mode: 'coach' }));
      await new Promise<void>((resolve) => accepted.socket!.once('message', () => resolve()));
      accepted.socket!.close();
    }
    expect(sessionCount(app)).toBe(2);
    expect(await (await fetch(`${app.url}/metrics`)).text()).toContain('rapport_refused_total{reason="origin"} 4');
  });
});

describe('limits per address', () => {
  it('answers a flood of POST /api/sessions with 429 and Retry-After, counting WebSocket starts in the same budget', async () => {
    const app = await server({ SESSION_STARTS_PER_MINUTE: '5' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 30; index += 1) {
      const response = await createSession(app);
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter ??= response.headers.get('retry-after');
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      }
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(sessionCount(app)).toBe(5);

    const connection = await client(app.wsUrl);
    connection.send({ type: 'session.start', mode: 'coach' });
    const error = await connection.next('error');
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect(error.retryAfter).toBeGreaterThanOrEqual(1);
    expect(sessionCount(app)).toBe(5);
    expect(await (await fetch(`${app.url}/metrics`)).text()).toContain('rapport_refused_total{reason="session_starts"} 26');
  });

  it('believes X-Forwarded-For only with TRUST_PROXY, and then only the entry our proxy wrote', async () => {
    const direct = await server({ SESSION_STARTS_PER_MINUTE: '2' });
    // Without a trusted proxy, a forged header does not buy a fresh budget.
    const forged: number[] = [];
    for (let index = 0; index < 4; index += 1) forged.push((await createSession(direct, { 'x-forwarded-for': `10.0.0.${index}` })).status);
    expect(forged).toEqual([201, 201, 429, 429]);

    const proxied = await server({ SESSION_STARTS_PER_MINUTE: '2', TRUST_PROXY: 'true' });
    const statuses: number[] = [];
    // Two clients behind one load balancer; the leftmost entries are whatever a client claimed.
    for (const forwarded of ['1.1.1.1, 203.0.113.7', '2.2.2.2, 203.0.113.7', '203.0.113.7', '198.51.100.9', '198.51.100.9']) {
      statuses.push((await createSession(proxied, { 'x-forwarded-for': forwarded })).status);
    }
    expect(statuses).toEqual([201, 201, 429, 201, 201]);
  });

  it('counts messages per address over all its connections, answering rate_limited with retryAfter and storing nothing', async () => {
    const app = await server({ MESSAGES_PER_MINUTE_PER_ADDRESS: '3', RATE_LIMIT_PER_MINUTE: '100' });
    const first = await client(app.wsUrl);
    first.send({ type: 'session.start', mode: 'coach' });
    const ready = await first.next('session.ready');
    await first.next('state');
    const second = await client(app.wsUrl);
    second.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token });
    await second.next('session.ready');
    await first.say('a', 'I want to talk about delegating.');
    await second.say('b', 'Mostly the weekly report.');
    await first.say('c', 'I have half an hour.');
    second.send({ type: 'user.message', id: 'd', text: 'One more thing.' });
    const refused = await second.next((frame) => frame.type === 'error' && frame.id === 'd');
    expect(refused).toMatchObject({ code: 'rate_limited' });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    const stored = await app.rapport.sessions.history(String(ready.sessionId));
    expect(stored.map((event) => event.clientMessageId).filter(Boolean)).toEqual(['a', 'b', 'c']);
    expect(await (await fetch(`${app.url}/metrics`)).text()).toContain('rapport_refused_total{reason="messages"} 1');
  });

  it('holds at most CONNECTIONS_PER_ADDRESS sockets open per address (429 + Retry-After), and frees a place when one closes', async () => {
    const app = await server({ CONNECTIONS_PER_ADDRESS: '3' });
    const open: Awaited<ReturnType<typeof upgrade>>[] = [];
    for (let index = 0; index < 3; index += 1) open.push(await upgrade(app.wsUrl));
    expect(open.map((result) => result.status)).toEqual([101, 101, 101]);
    const refused = await upgrade(app.wsUrl);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);

    await new Promise<void>((resolve) => {
      open[0]!.socket!.once('close', () => resolve());
      open[0]!.socket!.close();
    });
    await expect.poll(async () => {
      const again = await upgrade(app.wsUrl);
      again.socket?.close();
      return again.status;
    }, { timeout: 3000 }).toBe(101);
    for (const result of open.slice(1)) result.socket!.close();
  });

  it('gives back the place of an upgrade whose handshake fails', async () => {
    const app = await server({ CONNECTIONS_PER_ADDRESS: '2' });
    const { port } = new URL(app.url);
    for (let index = 0; index < 4; index += 1) {
      // An upgrade without Sec-WebSocket-Key: ws answers 400 and never opens a socket.
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port, path: '/ws', headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13' } });
        request.once('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.once('error', reject);
        request.end();
      });
      expect(status).toBe(400);
    }
    await expect.poll(async () => {
      const first = await upgrade(app.wsUrl);
      const second = await upgrade(app.wsUrl);
      first.socket?.close();
      second.socket?.close();
      return [first.status, second.status];
    }, { timeout: 3000 }).toEqual([101, 101]);
  });
});
