import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type RunningServer } from '../helpers/test-server.js';
import { TestClient } from '../helpers/ws-client.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skip = process.env.RAPPORT_SKIP_PG === '1';
const database = `rapport_servers_${randomBytes(5).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
})();

let admin: pg.Client;
const servers: RunningServer[] = [];

beforeAll(async () => {
  if (skip) return;
  admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL not reachable at ${new URL(adminUrl).host} (${(error as Error).message}): start it or set TEST_DATABASE_URL (or RAPPORT_SKIP_PG=1 to skip)`);
  }
  await admin.query(`create database ${database}`);
});

afterAll(async () => {
  if (skip) return;
  for (const server of servers) {
    await server.stop();
    server.cleanup();
  }
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
});

describe.skipIf(skip)('two server instances on one PostgreSQL database (behind a load balancer)', () => {
  it('a session started on one instance resumes and goes on on the other, and a delete on either is seen by both', async () => {
    const first = await startTestServer({ DATABASE_URL: databaseUrl });
    const second = await startTestServer({ DATABASE_URL: databaseUrl });
    servers.push(first, second);

    const onFirst = await TestClient.connect(first.wsUrl);
    onFirst.send({ type: 'session.start', mode: 'coach' });
    const ready = await onFirst.next('session.ready');
    await onFirst.next('state');
    const turn = await onFirst.say('one', 'I would like to prepare for coaching about handling conflict in my team.');
    await onFirst.close();

    const onSecond = await TestClient.connect(second.wsUrl);
    onSecond.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token, after: 0 });
    const resumed = await onSecond.next('session.ready');
    const history = resumed.history as { seq: number; role: string }[];
    expect(history.map((item) => item.role)).toEqual(['coach', 'client', 'coach']);
    expect(history.at(-1)!.seq).toBe(turn.reply.seq);
    const next = await onSecond.say('two', 'Two of my senior people have stopped talking to each other.');
    expect(next.accepted.seq).toBeGreaterThan(turn.state.seq as number);

    // A resend to the other instance is still stored once.
    const again = await TestClient.connect(first.wsUrl);
    again.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token, after: 0 });
    await again.next('session.ready');
    again.send({ type: 'user.message', id: 'two', text: 'Two of my senior people have stopped talking to each other.' });
    expect(await again.next('message.accepted')).toMatchObject({ seq: next.accepted.seq });

    const headers = { authorization: `Bearer ${String(ready.token)}` };
    const deleted = await fetch(`${second.url}/api/sessions/${String(ready.sessionId)}`, { method: 'DELETE', headers });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${first.url}/api/sessions/${String(ready.sessionId)}`, { headers })).status).toBe(404);
    const direct = new pg.Client({ connectionString: databaseUrl });
    await direct.connect();
    const counts = await direct.query<{ sessions: string; events: string }>('select (select count(*) from sessions) as sessions, (select count(*) from events) as events');
    await direct.end();
    expect(counts.rows[0]).toEqual({ sessions: '0', events: '0' });
    await onSecond.close();
    await again.close();
  });

  it('two tabs of one session on two instances take turns: a message waits for the other instance\'s reply', async () => {
    const [first, second] = servers.length >= 2 ? servers : [await startTestServer({ DATABASE_URL: databaseUrl }), await startTestServer({ DATABASE_URL: databaseUrl })];
    if (servers.length < 2) servers.push(first!, second!);
    const tabA = await TestClient.connect(first!.wsUrl);
    tabA.send({ type: 'session.start', mode: 'coach' });
    const ready = await tabA.next('session.ready');
    await tabA.next('state');
    const tabB = await TestClient.connect(second!.wsUrl);
    tabB.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token, after: 0 });
    await tabB.next('session.ready');

    await Promise.all([
      tabA.say('from-a', 'I want to get better at giving feedback to my team.'),
      tabB.say('from-b', 'Two of my leads have stopped talking to each other.'),
    ]);

    const check = await TestClient.connect(first!.wsUrl);
    check.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token, after: 0 });
    const checked = await check.next('session.ready');
    const history = checked.history as { seq: number; role: string; replyTo?: string }[];
    // Each client message is followed by its own reply: the two turns never interleave.
    expect(history.map((item) => item.role)).toEqual(['coach', 'client', 'coach', 'client', 'coach']);
    expect(new Set([history[2]?.replyTo, history[4]?.replyTo])).toEqual(new Set(['from-a', 'from-b']));
    // The other instance reads the same session back: the same history and the same state.
    const response = await fetch(`${second!.url}/api/sessions/${String(ready.sessionId)}`, { headers: { authorization: `Bearer ${String(ready.token)}` } });
    expect(response.status).toBe(200);
    const snapshot = (await response.json()) as { history: unknown[]; state: { step: string } };
    expect(snapshot.history).toEqual(history);
    expect(snapshot.state).toEqual(checked.state);
    await Promise.all([tabA.close(), tabB.close(), check.close()]);
  });
});
