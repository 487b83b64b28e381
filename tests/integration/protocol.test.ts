import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useServersAndClients } from '../helpers/lifecycle.js';
import type { RunningServer } from '../helpers/test-server.js';
import type { Frame, TestClient } from '../helpers/ws-client.js';

const lifecycle = useServersAndClients();
const client = lifecycle.client;
const server = (directory?: string): Promise<RunningServer> => lifecycle.server({}, directory);

async function startSession(url: string): Promise<{ client: TestClient; ready: Frame; opening: Frame }> {
  const connection = await client(url);
  connection.send({ type: 'session.start', mode: 'coach' });
  const ready = await connection.next('session.ready');
  const opening = await connection.next('assistant.message');
  await connection.next('state');
  return { client: connection, ready, opening };
}

function bearer(token: unknown) {
  return { authorization: `Bearer ${String(token)}` };
}

describe('protocol v1 over a real socket', () => {
  it('starts a session, opens with a coach message, and answers a client message with deltas, the reply and the state', async () => {
    const app = await server();
    const { client: connection, ready, opening } = await startSession(app.wsUrl);
    expect(ready).toMatchObject({ mode: 'coach', step: 'clarify_agreement', history: [] });
    expect(String(ready.sessionId)).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(ready.token).length).toBeGreaterThanOrEqual(40);
    expect(ready.steps).toEqual(['clarify_agreement', 'create_partnership', 'construct_plan', 'collaborate_challenge', 'complete']);
    expect(opening).toMatchObject({ role: 'coach', step: 'clarify_agreement' });
    expect((opening.moves as unknown[]).length).toBeGreaterThan(0);

    const { accepted, reply, state } = await connection.say('m1', 'I want to get ready for my first coaching session about delegating more.');
    expect(accepted.seq).toBeGreaterThan(opening.seq as number);
    expect(reply.seq).toBeGreaterThan(accepted.seq as number);
    expect(String(reply.text).length).toBeGreaterThan(10);
    const deltas = connection.frames.filter((frame) => frame.type === 'assistant.delta' && frame.turn === reply.turn);
    expect(deltas.map((frame) => frame.text).join('')).toBe(reply.text);
    expect(state.seq).toBeGreaterThan(reply.seq as number);
    expect(state).toHaveProperty('needs');
    expect(state).toHaveProperty('missing');
  });

  it('stores a resent user.message once and sends the same reply again', async () => {
    const app = await server();
    const { client: connection, ready } = await startSession(app.wsUrl);
    const first = await connection.say('same-id', 'My team keeps coming to me for every decision.');
    connection.send({ type: 'user.message', id: 'same-id', text: 'My team keeps coming to me for every decision.' });
    const again = await connection.next((frame) => frame.type === 'message.accepted' && frame.id === 'same-id');
    const replyAgain = await connection.next((frame) => frame.type === 'assistant.message' && frame.replyTo === 'same-id');
    expect(again.seq).toBe(first.accepted.seq);
    expect(replyAgain.seq).toBe(first.reply.seq);
    expect(replyAgain.text).toBe(first.reply.text);

    const response = await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}`, { headers: bearer(ready.token) });
    const body = (await response.json()) as { history: { role: string; text: string }[] };
    expect(body.history.filter((item) => item.role === 'client')).toHaveLength(1);
    expect(body.history.filter((item) => item.role === 'coach')).toHaveLength(2);
  });

  it('answers every bad frame with an error frame and keeps the connection usable', async () => {
    const app = await server();
    const connection = await client(app.wsUrl);
    const cases: [unknown, string, RegExp][] = [
      ['not json', 'bad_request', /not valid JSON/],
      [JSON.stringify([1, 2]), 'bad_request', /JSON object/],
      [{ text: 'no type' }, 'bad_request', /type/],
      [{ type: 'session.explode' }, 'bad_request', /unknown frame type "session.explode"/],
      [{ type: 'session.start' }, 'bad_request', /mode/],
      [{ type: 'session.start', mode: 'therapy' }, 'bad_request', /mode/],
      [{ type: 'user.message', id: 'x1', text: 'hello' }, 'bad_request', /start or resume a session first/],
      [{ type: 'ping', extra: true }, 'bad_request', /extra/],
      ['x'.repeat(40_000), 'too_large', /larger than/],
    ];
    for (const [frame, code, message] of cases) {
      connection.send(frame);
      const error = await connection.next('error');
      expect(error.code, JSON.stringify(frame).slice(0, 60)).toBe(code);
      expect(String(error.message)).toMatch(message);
    }
    connection.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await connection.next('error')).toMatchObject({ code: 'bad_request' });
    connection.send({ type: 'ping' });
    await connection.next('pong');
  });

  it('refuses over-long and empty text with a clear error naming the message, and stores nothing', async () => {
    const app = await server();
    const { client: connection, ready } = await startSession(app.wsUrl);
    connection.send({ type: 'user.message', id: 'long', text: 'a'.repeat(4001) });
    expect(await connection.next('error')).toMatchObject({ code: 'too_large', id: 'long', message: expect.stringMatching(/4000/) });
    connection.send({ type: 'user.message', id: 'blank', text: '   ' });
    expect(await connection.next('error')).toMatchObject({ code: 'bad_request', id: 'blank' });
    const response = await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}`, { headers: bearer(ready.token) });
    const body = (await response.json()) as { history: { role: string }[] };
    expect(body.history.filter((item) => item.role === 'client')).toHaveLength(0);
  });

  it('resumes after a server restart on a new connection with nothing lost or doubled', async () => {
    const first = await server();
    const { client: connection, ready } = await startSession(first.wsUrl);
    await connection.say('a', 'I would like to think about how I give feedback to my team.');
    const second = await connection.say('b', 'Yes, that works for me, let us go on.');
    await connection.close();
    await first.stop();

    const restarted = await server(first.directory);
    const resumed = await client(restarted.wsUrl);
    resumed.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token, after: 0 });
    const again = await resumed.next('session.ready');
    expect(again).not.toHaveProperty('token');
    const history = again.history as { seq: number; role: string; text: string }[];
    expect(history.map((item) => item.role)).toEqual(['coach', 'client', 'coach', 'client', 'coach']);
    expect(new Set(history.map((item) => item.seq)).size).toBe(history.length);
    expect(history.at(-1)!.seq).toBe(second.reply.seq);
    expect(history.filter((item) => item.role === 'client').map((item) => (item as { id?: string }).id)).toEqual(['a', 'b']);
    expect((history.at(-1) as { replyTo?: string }).replyTo).toBe('b');

    const partial = await client(restarted.wsUrl);
    partial.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token, after: second.accepted.seq });
    const tail = await partial.next('session.ready');
    expect((tail.history as { seq: number }[]).map((item) => item.seq)).toEqual([second.reply.seq]);

    const followUp = await partial.say('c', 'The hardest part is letting go of the details.');
    expect(followUp.accepted.seq).toBeGreaterThan(second.reply.seq as number);
  });

  it('answers a wrong token exactly like an unknown session', async () => {
    const app = await server();
    const { ready } = await startSession(app.wsUrl);
    const other = await client(app.wsUrl);
    other.send({ type: 'session.resume', sessionId: ready.sessionId, token: 'wrong-token' });
    const wrongToken = await other.next('error');
    other.send({ type: 'session.resume', sessionId: '00000000-0000-0000-0000-000000000000', token: 'wrong-token' });
    const unknown = await other.next('error');
    expect(wrongToken).toEqual(unknown);
    expect(wrongToken.code).toBe('not_found');
  });

  it('drafts the statement on request, accepts an edit and a confirmation', async () => {
    const app = await server();
    const { client: connection } = await startSession(app.wsUrl);
    await connection.say('p1', 'I want to prepare for coaching on delegating to my team.');
    connection.send({ type: 'statement.request' });
    const drafted = await connection.next((frame) => frame.type === 'state' && frame.statement !== null);
    expect(drafted.statement).toMatchObject({ status: 'draft' });
    connection.send({ type: 'statement.edit', statement: { goals: ['Hand over the weekly report'] } });
    const edited = await connection.next('state');
    expect(edited.statement).toMatchObject({ goals: ['Hand over the weekly report'], status: 'draft' });
    connection.send({ type: 'statement.edit', statement: { goals: 'not a list' } });
    expect(await connection.next('error')).toMatchObject({ code: 'bad_request' });
    connection.send({ type: 'statement.confirm' });
    const confirmed = await connection.next((frame) => frame.type === 'state' && (frame.statement as { status?: string })?.status === 'confirmed');
    expect(confirmed.statement).toMatchObject({ goals: ['Hand over the weekly report'] });
  });

  it('refuses a step.goto past unmet criteria with a coach message saying what is missing', async () => {
    const app = await server();
    const { client: connection } = await startSession(app.wsUrl);
    connection.send({ type: 'step.goto', step: 'construct_plan' });
    const message = await connection.next('assistant.message');
    const state = await connection.next('state');
    expect(state.step).toBe('clarify_agreement');
    expect(message.step).toBe('clarify_agreement');
    expect((state.missing as string[]).length).toBeGreaterThan(0);
    expect(String(message.text).length).toBeGreaterThan(10);
  });
});

describe('review fixes', () => {
  it('a goto to the current step answers with a coach message, and a second confirm is not an error', async () => {
    const app = await server();
    const { client: connection } = await startSession(app.wsUrl);
    connection.send({ type: 'step.goto', step: 'clarify_agreement' });
    const message = await connection.next('assistant.message');
    expect(String(message.text)).toMatch(/already at/);
    await connection.next('state');
    await connection.say('d1', 'I want to prepare for coaching on delegating to my team.');
    connection.send({ type: 'statement.request' });
    await connection.next((frame) => frame.type === 'state' && frame.statement !== null);
    connection.send({ type: 'statement.confirm' });
    await connection.next((frame) => frame.type === 'state' && (frame.statement as { status?: string })?.status === 'confirmed');
    const before = connection.frames.length;
    connection.send({ type: 'statement.confirm' });
    const after = await connection.next((frame) => frame.type === 'state' || frame.type === 'error');
    expect(after.type).toBe('state');
    expect(connection.frames.slice(before).some((frame) => frame.type === 'error')).toBe(false);
  });

  it('rate-limits a flood of commands, not only messages', async () => {
    const app = await lifecycle.server({ RATE_LIMIT_PER_MINUTE: '2' });
    const { client: connection } = await startSession(app.wsUrl);
    for (let index = 0; index < 20; index++) connection.send({ type: 'statement.request' });
    const limited = await connection.next((frame) => frame.type === 'error' && frame.code === 'rate_limited');
    expect(String(limited.message)).toMatch(/too many/);
    connection.send({ type: 'ping' });
    await connection.next('pong');
  });

  it('a resume mid-turn is ready at once and then gets the reply, once (in the history or right after)', async () => {
    const app = await server();
    const { client: first, ready } = await startSession(app.wsUrl);
    first.send({ type: 'user.message', id: 'slow', text: 'My team brings me every decision and I end up redoing their work.' });
    const second = await client(app.wsUrl);
    second.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token, after: 0 });
    const resumed = await second.next('session.ready');
    const history = resumed.history as { role: string; replyTo?: string }[];
    const asked = history.some((item) => item.role === 'client');
    const answeredInHistory = history.filter((item) => item.replyTo === 'slow').length;
    if (asked && answeredInHistory === 0) await second.next((frame) => frame.type === 'assistant.message' && frame.replyTo === 'slow');
    await first.next((frame) => frame.type === 'assistant.message' && frame.replyTo === 'slow');
    const after = await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}`, { headers: bearer(String(ready.token)) });
    const stored = ((await after.json()) as { history: { replyTo?: string }[] }).history;
    expect(stored.filter((item) => item.replyTo === 'slow')).toHaveLength(1);
    expect(answeredInHistory).toBeLessThanOrEqual(1);
  });
});

describe('REST routes', () => {
  it('create with the token, refuse without it, export, and delete everything', async () => {
    const app = await server();
    const created = await fetch(`${app.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'coach' }),
    });
    expect(created.status).toBe(201);
    const { sessionId, token } = (await created.json()) as { sessionId: string; token: string };

    const connection = await client(app.wsUrl);
    connection.send({ type: 'session.resume', sessionId, token });
    await connection.next('session.ready');
    await connection.next('assistant.message');
    await connection.say('r1', 'I keep saying yes to every request and my own work slips.');

    const base = `${app.url}/api/sessions/${sessionId}`;
    const okay = await fetch(base, { headers: bearer(token) });
    expect(okay.status).toBe(200);
    expect(await okay.json()).toMatchObject({ sessionId, mode: 'coach', step: expect.any(String) });
    for (const headers of [{}, bearer('nope'), { authorization: 'Basic abc' }]) {
      const refused = await fetch(base, { headers });
      expect(refused.status).toBe(404);
    }
    const unknown = await fetch(`${app.url}/api/sessions/unknown`, { headers: bearer(token) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(await (await fetch(base, { headers: bearer('nope') })).json());

    const transcript = await fetch(`${base}/transcript.md`, { headers: bearer(token) });
    expect(transcript.headers.get('content-type')).toMatch(/markdown/);
    const transcriptText = await transcript.text();
    expect(transcriptText).toContain('I keep saying yes to every request');
    expect(transcriptText).toMatch(/moves: /);
    const statement = await fetch(`${base}/statement.md`, { headers: bearer(token) });
    expect(await statement.text()).toMatch(/^# Partnership statement/);

    expect((await fetch(base, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(base, { method: 'DELETE', headers: bearer(token) })).status).toBe(204);
    expect((await fetch(base, { headers: bearer(token) })).status).toBe(404);
    await app.stop();
    const file = new Database(app.databaseUrl.slice('sqlite:'.length), { readonly: true });
    const sessions = file.prepare('select count(*) as n from sessions').get() as { n: number };
    const events = file.prepare('select count(*) as n from events').get() as { n: number };
    file.close();
    expect(sessions.n).toBe(0);
    expect(events.n).toBe(0);
    // Not only unlinked: no copy of the words is left in the database file or its WAL.
    const databasePath = app.databaseUrl.slice('sqlite:'.length);
    for (const file of [databasePath, `${databasePath}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes('I keep saying yes to every request')).toBe(false);
    }
  });

  it('validates bodies and answers health, readiness, metrics and schemas', async () => {
    const app = await server();
    const bad = await fetch(`${app.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mode":"nope"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request' } });
    const broken = await fetch(`${app.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mode":' });
    expect(broken.status).toBe(400);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/readyz`)).json()).toEqual({ status: 'ready', checks: { store: true } });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('rapport_frames_total');
    const schema = (await (await fetch(`${app.url}/api/schema`)).json()) as Record<string, unknown>;
    expect(Object.keys(schema)).toEqual(expect.arrayContaining(['clientFrame', 'statement', 'need']));
    const page = await fetch(`${app.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});
