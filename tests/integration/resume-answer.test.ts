/**
 * A message the store holds without a reply (its turn died with its process) is answered when the
 * session is resumed — once, however many connections, on however many server instances, resume
 * it at the same moment. Real servers, real sockets, a real SQLite file and a real PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useServersAndClients } from '../helpers/lifecycle.js';
import type { RunningServer } from '../helpers/test-server.js';
import type { Frame, TestClient } from '../helpers/ws-client.js';

const { server, client } = useServersAndClients();
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skipPostgres = process.env.RAPPORT_SKIP_PG === '1';
const database = `rapport_resume_${randomBytes(5).toString('hex')}`;
let admin: pg.Client | null = null;

beforeAll(async () => {
  if (skipPostgres) return;
  admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  await admin.query(`create database ${database}`);
});

afterAll(async () => {
  await admin?.query(`drop database if exists ${database} with (force)`);
  await admin?.end();
});

const LOST = { id: 'lost-1', text: 'Two of my senior people have stopped talking to each other and I do not know where to start.' };

/** A session whose last client message was stored but never answered, as a crash mid-turn leaves it. */
async function sessionWithLostReply(app: RunningServer): Promise<{ sessionId: string; token: string }> {
  const opener = await client(app.wsUrl);
  opener.send({ type: 'session.start', mode: 'coach' });
  const ready = await opener.next('session.ready');
  await opener.next('state');
  await opener.close();
  const sessionId = String(ready.sessionId);
  await app.rapport.store.appendMessage(sessionId, { role: 'client', text: LOST.text, step: 'clarify_agreement', clientMessageId: LOST.id });
  return { sessionId, token: String(ready.token) };
}

async function resume(url: string, session: { sessionId: string; token: string }): Promise<TestClient> {
  const connection = await client(url);
  connection.send({ type: 'session.resume', ...session, after: 0 });
  return connection;
}

const isReply = (frame: Frame) => frame.type === 'assistant.message' && frame.replyTo === LOST.id;

/** The reply reaches a resuming connection in its history (resumed after it was stored) or as a frame. */
async function replyReaches(connection: TestClient): Promise<void> {
  const ready = await connection.next('session.ready');
  expect((ready.history as { id?: string }[]).some((item) => item.id === LOST.id)).toBe(true);
  if ((ready.history as { replyTo?: string }[]).some((item) => item.replyTo === LOST.id)) return;
  await connection.next(isReply, 10_000);
}

async function repliesStored(app: RunningServer, sessionId: string): Promise<number> {
  const history = (await app.rapport.sessions.history(sessionId)).filter((event) => event.replyTo === LOST.id);
  return history.length;
}

describe('the reply lost in a crash', () => {
  it('is produced on resume, once, when three connections resume the session at once (SQLite)', async () => {
    const app = await server();
    const session = await sessionWithLostReply(app);
    const connections = await Promise.all([0, 1, 2].map(() => resume(app.wsUrl, session)));
    for (const connection of connections) await replyReaches(connection);
    expect(await repliesStored(app, session.sessionId)).toBe(1);
  });

  it.skipIf(skipPostgres)('is produced once when two server instances on one PostgreSQL database resume it at the same moment', async () => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const first = await server({ DATABASE_URL: url.toString() });
    const second = await server({ DATABASE_URL: url.toString() });
    const session = await sessionWithLostReply(first);
    const connections = await Promise.all([first, second, first, second].map((app) => resume(app.wsUrl, session)));
    for (const connection of connections) await replyReaches(connection);
    expect(await repliesStored(first, session.sessionId)).toBe(1);
    // And a resend of the message by a page that kept it: the stored reply comes back, nothing new is stored.
    const page = await resume(second.wsUrl, session);
    await page.next('session.ready');
    page.send({ type: 'user.message', ...LOST });
    await page.next(isReply, 10_000);
    expect(await repliesStored(second, session.sessionId)).toBe(1);
  });
});
