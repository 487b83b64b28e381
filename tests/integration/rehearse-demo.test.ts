import { shippedContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { FeedbackReportSchema, type FeedbackReport } from '../../server/domain/schemas.js';
import { useServersAndClients } from '../helpers/lifecycle.js';
import type { RunningServer } from '../helpers/test-server.js';
import type { Frame, TestClient } from '../helpers/ws-client.js';

const { client, server } = useServersAndClients();

const bearer = (token: unknown) => ({ authorization: `Bearer ${String(token)}` });
const priya = shippedContent.personas.get('new-manager-delegation')!;

async function startRehearsal(url: string, persona?: string) {
  const connection = await client(url);
  connection.send({ type: 'session.start', mode: 'rehearse', ...(persona ? { persona } : {}) });
  const ready = await connection.next('session.ready');
  const opening = await connection.next('assistant.message');
  await connection.next('state');
  return { connection, ready, opening };
}

async function startDemo(url: string, persona?: string) {
  const connection = await client(url);
  connection.send({ type: 'session.start', mode: 'demo', ...(persona ? { persona } : {}) });
  const ready = await connection.next('session.ready');
  const opening = await connection.next('assistant.message');
  await connection.next('state');
  return { connection, ready, opening };
}

async function requestFeedback(connection: TestClient): Promise<FeedbackReport> {
  connection.send({ type: 'feedback.request' });
  const frame = await connection.next('feedback');
  expect(frame.seq).toEqual(expect.any(Number));
  return FeedbackReportSchema.parse(frame.report);
}

const goodListener = [
  "What's been going on for you since the promotion?",
  "You end up checking every number and redoing the work yourself, even when you've handed it over.",
  'It sounds like letting go feels risky, as if a mistake would prove you were not ready.',
  "What's it like leading people who used to be your peers?",
  "You're not sure your former friends take you seriously now.",
  'What else is going on at home with the late nights?',
];
const poorListener = [
  'Do you delegate?',
  "I'd suggest making a delegation checklist and sticking to it.",
  'Is your team good?',
  'Do you trust them?',
  'My advice would be to block your calendar after six.',
  'Do you work late?',
];

describe('rehearse mode over a real socket', () => {
  it('opens as the client, answers the person as the client, and reports the listening', async () => {
    const app = await server();
    const { connection, ready, opening } = await startRehearsal(app.wsUrl, priya.id);
    expect(ready).toMatchObject({ mode: 'rehearse', persona: priya.id, history: [] });
    expect(opening).toMatchObject({ role: 'client', text: priya.opening, moves: [] });
    const deltas = connection.frames.filter((frame) => frame.type === 'assistant.delta' && frame.turn === opening.turn);
    expect(deltas.map((frame) => frame.text).join('')).toBe(priya.opening);

    const replies: Frame[] = [];
    for (const [index, text] of goodListener.entries()) {
      const { accepted, reply, state } = await connection.say(`g${index}`, text);
      expect(reply).toMatchObject({ role: 'client', moves: [], replyTo: `g${index}` });
      expect(reply.seq).toBeGreaterThan(accepted.seq as number);
      expect(state.needs).toEqual([]);
      replies.push(reply);
    }
    expect(new Set(replies.map((reply) => reply.text)).size).toBe(replies.length);
    expect(replies[0]!.text).toBe(priya.needs[0]!.reveals[0]);

    const report = await requestFeedback(connection);
    expect(report.counts.question_open + report.counts.question_closed + report.counts.reflection_complex + report.counts.reflection_simple + report.counts.input + report.counts.other).toBe(goodListener.length);
    expect(report.needsDiscovered.length).toBeGreaterThanOrEqual(2);
    expect(report.turns.map((turn) => turn.text)).toEqual(goodListener);
    expect(report.thresholds).toMatchObject({ percentOpenQuestions: 70, reflectionToQuestionRatio: 1, percentComplexReflections: 40 });

    // The same report over HTTP (the frame's is also persisted as a feedback event).
    const response = await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}/feedback`, { headers: bearer(ready.token) });
    expect(response.status).toBe(200);
    expect(FeedbackReportSchema.parse(await response.json())).toEqual(report);
  });

  it('a good listener discovers more needs than a poor one, who gets open rewrites and reflections to try', async () => {
    const app = await server();
    const good = await startRehearsal(app.wsUrl);
    for (const [index, text] of goodListener.entries()) await good.connection.say(`g${index}`, text);
    const poor = await startRehearsal(app.wsUrl);
    const poorReplies: string[] = [];
    for (const [index, text] of poorListener.entries()) poorReplies.push(String((await poor.connection.say(`p${index}`, text)).reply.text));
    expect(poorReplies.some((reply) => priya.resistance.includes(reply))).toBe(true);
    expect(poorReplies.some((reply) => priya.needs.some((need) => need.reveals.includes(reply)))).toBe(false);

    const goodReport = await requestFeedback(good.connection);
    const poorReport = await requestFeedback(poor.connection);
    expect(goodReport.needsDiscovered.length).toBeGreaterThan(poorReport.needsDiscovered.length);
    expect(poorReport.needsMissed).toHaveLength(priya.needs.length);
    expect(poorReport.counts.question_closed).toBeGreaterThanOrEqual(3);
    expect(poorReport.percentOpenQuestions).toBeLessThan(poorReport.thresholds.percentOpenQuestions!);
    const rewrite = poorReport.suggestions.find((suggestion) => suggestion.said === 'Do you trust them?');
    expect(rewrite?.tryInstead).toBe('What would help you trust them more?');
    expect(poorReport.suggestions.some((suggestion) => suggestion.tryInstead.startsWith('It sounds like '))).toBe(true);
    expect(goodReport.suggestions.length).toBeLessThan(poorReport.suggestions.length);
  });

  it('stores a resent message once and answers it with the same client line', async () => {
    const app = await server();
    const { connection, ready } = await startRehearsal(app.wsUrl);
    const first = await connection.say('same', 'What brings you here today?');
    connection.send({ type: 'user.message', id: 'same', text: 'What brings you here today?' });
    const again = await connection.next((frame) => frame.type === 'message.accepted' && frame.id === 'same');
    const replyAgain = await connection.next((frame) => frame.type === 'assistant.message' && frame.replyTo === 'same');
    expect(again.seq).toBe(first.accepted.seq);
    expect(replyAgain).toMatchObject({ seq: first.reply.seq, text: first.reply.text, role: 'client' });

    const resumed = await client(app.wsUrl);
    resumed.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token });
    const history = (await resumed.next('session.ready')).history as { role: string; text: string; id?: string }[];
    expect(history.map((item) => item.role)).toEqual(['client', 'coach', 'client']);
    expect(history[1]).toMatchObject({ id: 'same', text: 'What brings you here today?' });
    const transcript = await (await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}/transcript.md`, { headers: bearer(ready.token) })).text();
    expect(transcript).toContain(`**Client:** ${priya.opening}`);
    expect(transcript).toContain("**Coach:** ");
  });

  it('refuses an unknown persona naming the available ones, and frames of other modes', async () => {
    const app = await server();
    const connection = await client(app.wsUrl);
    connection.send({ type: 'session.start', mode: 'rehearse', persona: 'nobody' });
    const error = await connection.next('error');
    expect(error).toMatchObject({ code: 'bad_request' });
    for (const persona of shippedContent.personas.personas) expect(String(error.message)).toContain(persona.id);
    const posted = await fetch(`${app.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'demo', persona: 'nobody' }) });
    expect(posted.status).toBe(400);

    const { connection: rehearsal } = await startRehearsal(app.wsUrl);
    for (const frame of [{ type: 'demo.next' }, { type: 'demo.auto', on: true }]) {
      rehearsal.send(frame);
      expect(await rehearsal.next('error')).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/belongs to demo sessions/) });
    }
    rehearsal.send({ type: 'statement.request' });
    expect(await rehearsal.next('error')).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/belongs to coach sessions/) });

    const coach = await client(app.wsUrl);
    coach.send({ type: 'session.start', mode: 'coach' });
    await coach.next('session.ready');
    coach.send({ type: 'feedback.request' });
    expect(await coach.next('error')).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/belongs to rehearse and demo sessions/) });
    coach.send({ type: 'demo.next' });
    expect(await coach.next('error')).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/demo/) });
  });
});

describe('personas and feedback over HTTP', () => {
  it('lists personas without their hidden needs', async () => {
    const app = await server();
    const response = await fetch(`${app.url}/api/personas`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const personas = JSON.parse(text) as Record<string, unknown>[];
    expect(personas.length).toBeGreaterThanOrEqual(8);
    for (const persona of personas) expect(Object.keys(persona).sort()).toEqual(['brief', 'difficulty', 'id', 'name', 'setting', 'source']);
    for (const word of ['reveals', 'cues', 'needs', 'closedAnswers', 'resistance']) expect(text).not.toContain(word);
    for (const need of shippedContent.personas.personas.flatMap((persona) => persona.needs)) expect(text).not.toContain(need.summary);
  });

  it('answers feedback only with the token, and 409 for a coach session', async () => {
    const app = await server();
    const create = async (mode: string) =>
      (await (await fetch(`${app.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode }) })).json()) as {
        sessionId: string;
        token: string;
      };
    const rehearsal = await create('rehearse');
    const base = `${app.url}/api/sessions/${rehearsal.sessionId}/feedback`;
    expect((await fetch(base)).status).toBe(404);
    expect((await fetch(base, { headers: bearer('wrong') })).status).toBe(404);
    const okay = await fetch(base, { headers: bearer(rehearsal.token) });
    expect(okay.status).toBe(200);
    expect(FeedbackReportSchema.parse(await okay.json())).toMatchObject({ needsDiscovered: [], needsTotal: priya.needs.length });

    const coach = await create('coach');
    const conflict = await fetch(`${app.url}/api/sessions/${coach.sessionId}/feedback`, { headers: bearer(coach.token) });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ error: { code: 'conflict', message: 'feedback is for rehearse and demo sessions' } });
  });
});

/** Reads the auto-play gauge from /metrics. */
async function activeAutoplays(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^rapport_demo_autoplay_active (\d+)/m.exec(text)?.[1] ?? NaN);
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('demo mode over a real socket', () => {
  it('opens with the coach and plays one annotated exchange per demo.next', async () => {
    const app = await server();
    const { connection, ready, opening } = await startDemo(app.wsUrl, 'senior-engineer-peer-conflict');
    expect(ready).toMatchObject({ mode: 'demo', persona: 'senior-engineer-peer-conflict' });
    expect(opening).toMatchObject({ role: 'coach' });
    connection.send({ type: 'user.message', id: 'x', text: 'hello' });
    expect(await connection.next('error')).toMatchObject({ code: 'bad_request', id: 'x', message: expect.stringMatching(/belongs to coach and rehearse sessions/) });

    for (let exchange = 1; exchange <= 3; exchange++) {
      connection.send({ type: 'demo.next' });
      const line = await connection.next('assistant.message');
      const coach = await connection.next('assistant.message');
      const state = await connection.next('state');
      const status = await connection.next('demo.status');
      expect(line).toMatchObject({ role: 'client', moves: [] });
      expect(coach).toMatchObject({ role: 'coach' });
      expect(coach.seq).toBe((line.seq as number) + 1);
      expect(state.seq).toBe((coach.seq as number) + 1);
      const moves = coach.moves as { kind: string; label?: string; note?: string }[];
      expect(moves.length).toBeGreaterThan(0);
      for (const move of moves) expect(move.note).toMatch(/^[A-Z][a-z]+( [a-z]+)?: /);
      expect(status).toMatchObject({ auto: false, done: false, exchanges: exchange });
    }

    const resumed = await client(app.wsUrl);
    resumed.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token });
    const history = (await resumed.next('session.ready')).history as { role: string }[];
    expect(history.map((item) => item.role)).toEqual(['coach', 'client', 'coach', 'client', 'coach', 'client', 'coach']);
  });

  it('plays on by itself until turned off, and nothing plays after the acknowledgement', async () => {
    const app = await server();
    const { connection } = await startDemo(app.wsUrl);
    connection.send({ type: 'demo.auto', on: true, delayMs: 200 });
    await connection.next((frame) => frame.type === 'demo.status' && frame.auto === true && (frame.exchanges as number) >= 2);
    connection.send({ type: 'demo.auto', on: false });
    const off = await connection.next((frame) => frame.type === 'demo.status' && frame.auto === false);
    const lastSeq = Math.max(...connection.frames.flatMap((frame) => (typeof frame.seq === 'number' ? [frame.seq] : [])));
    const exchanges = off.exchanges as number;
    connection.send({ type: 'demo.next' });
    const line = await connection.next('assistant.message');
    expect(line).toMatchObject({ role: 'client', seq: lastSeq + 1 });
    expect(await connection.next('demo.status')).toMatchObject({ auto: false, exchanges: exchanges + 1 });
  });

  it('plays to the close by itself, then stops; feedback credits the statement made together', async () => {
    const app = await server();
    const { connection, ready } = await startDemo(app.wsUrl, 'nurse-manager-overload');
    connection.send({ type: 'demo.auto', on: true, delayMs: 200 });
    const done = await connection.next((frame) => frame.type === 'demo.status' && frame.done === true, 30_000);
    expect(done).toMatchObject({ auto: false, reason: 'done' });
    const states = connection.frames.filter((frame) => frame.type === 'state');
    expect(states.at(-1)).toMatchObject({ step: 'complete' });
    connection.send({ type: 'demo.next' });
    expect(await connection.next('error')).toMatchObject({ code: 'conflict' });
    connection.send({ type: 'demo.auto', on: true });
    expect(await connection.next('error')).toMatchObject({ code: 'conflict' });
    expect(await activeAutoplays(app.url)).toBe(0);

    const report = FeedbackReportSchema.parse(
      await (await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}/feedback`, { headers: bearer(ready.token) })).json(),
    );
    expect(report.statementCoCreated).toBe(true);
    expect(report.turns.length).toBeGreaterThan(5);
  }, 40_000);

  it('stops playing when the socket closes', async () => {
    const app = await server();
    const { connection, ready } = await startDemo(app.wsUrl);
    connection.send({ type: 'demo.auto', on: true, delayMs: 200 });
    await connection.next((frame) => frame.type === 'demo.status' && frame.auto === true && (frame.exchanges as number) >= 1);
    expect(await activeAutoplays(app.url)).toBe(1);
    await connection.close();
    await until(async () => (await activeAutoplays(app.url)) === 0);

    const snapshot = async () =>
      ((await (await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}`, { headers: bearer(ready.token) })).json()) as { history: unknown[] }).history.length;
    const before = await snapshot();
    const resumed = await client(app.wsUrl);
    resumed.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token });
    await resumed.next('session.ready');
    resumed.send({ type: 'demo.next' });
    await resumed.next('demo.status');
    expect(await snapshot()).toBe(before + 2);
  });
});
