import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai-server.js';
import { startTestServer, type RunningServer } from '../helpers/test-server.js';
import { TestClient } from '../helpers/ws-client.js';

let fake: FakeOpenAI | null = null;
let app: RunningServer | null = null;
let clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients) await client.close();
  clients = [];
  await app?.stop();
  app?.cleanup();
  await fake?.close();
  app = null;
  fake = null;
});

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(app!.wsUrl);
  clients.push(client);
  return client;
}

describe('the whole server with an OpenAI-compatible model', () => {
  it('streams the model wording of the planned moves, sends the client words, and keeps the key on the server', async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-secret', defaultText: ['You would like ', 'to prepare well. ', 'What matters most?'] });
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-secret', COACH_MODEL: 'coach-test' });
    const client = await connect();
    client.send({ type: 'session.start', mode: 'coach' });
    const ready = await client.next('session.ready');
    expect(ready.engine).toBe('openai');
    const opening = await client.next('assistant.message');
    expect(opening.text).toBe('You would like to prepare well. What matters most?');
    expect(opening.fallback).toBeUndefined();

    const { reply } = await client.say('m1', 'I want to get better at delegating to my team.');
    const deltas = client.frames.filter((frame) => frame.type === 'assistant.delta' && frame.turn === reply.turn);
    // Shown a checked sentence at a time, never a half sentence.
    expect(deltas.map((frame) => frame.text)).toEqual(['You would like to prepare well. ', 'What matters most?']);
    expect((reply.moves as unknown[]).length).toBeGreaterThan(0);

    const streamed = fake.completionRequests().filter((request) => request.body.stream === true);
    const lastPrompt = JSON.stringify(streamed.at(-1)!.body.messages);
    expect(streamed.at(-1)!.body.model).toBe('coach-test');
    expect(lastPrompt).toContain('I want to get better at delegating to my team.');
    // The extraction is asked for once the first words are out; it has been by the end of the turn or soon after.
    await expect.poll(() => fake!.completionRequests().some((request) => request.body.response_format !== undefined)).toBe(true);
    expect(client.frames.map((frame) => JSON.stringify(frame)).join('')).not.toContain('sk-secret');
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it('answers with the offline engine and says so when the model refuses, and stays ready with the model state in the body', async () => {
    fake = await startFakeOpenAI({ apiKey: 'the-right-key' });
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'a-wrong-key' });
    const client = await connect();
    client.send({ type: 'session.start', mode: 'coach' });
    await client.next('session.ready');
    const opening = await client.next('assistant.message');
    expect(opening.fallback).toBe(true);
    const { reply } = await client.say('m1', 'I would like to prepare for my first coaching session.');
    expect(reply.fallback).toBe(true);
    expect(String(reply.text).length).toBeGreaterThan(20);
    // The offline engine answers every turn: a model outage must not take the node out of a load balancer.
    const readiness = await fetch(`${app.url}/readyz`);
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toMatchObject({ checks: { store: true }, model: { state: 'open', lastError: 'unavailable' } });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/rapport_engine_fallbacks_total [1-9]/);
    expect(metrics).toMatch(/rapport_model_fallbacks_total\{reason="model_failed"\} [1-9]/);
    // Three refused calls in a row (the opening, this message's extraction and its reply) open the breaker.
    expect(metrics).toMatch(/rapport_model_circuit_open 1/);
    expect(metrics).toMatch(/rapport_model_up 0/);
  });

  it('answers words of crisis with the reviewed text and its helplines, not a model paraphrase', async () => {
    fake = await startFakeOpenAI({ defaultText: ['A model wording that must not be used for this.'] });
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL });
    const client = await connect();
    client.send({ type: 'session.start', mode: 'coach' });
    await client.next('session.ready');
    await client.next('state');
    const streamedBefore = fake.completionRequests().filter((request) => request.body.stream === true).length;
    const { reply, state } = await client.say('c1', 'Some days I honestly want to die.');
    expect(reply.text).toMatch(/988|emergency|crisis line/);
    expect(reply.text).not.toContain('A model wording');
    expect(state.paused).toBe(true);
    expect(fake.completionRequests().filter((request) => request.body.stream === true).length).toBe(streamedBefore);
  });

  it('labels a rehearsal with the model for feedback, and with the offline classifier when the model answers badly', async () => {
    fake = await startFakeOpenAI({ defaultText: ['Well, it is complicated.'] });
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL });
    const client = await connect();
    client.send({ type: 'session.start', mode: 'rehearse' });
    const ready = await client.next('session.ready');
    await client.next((frame) => frame.type === 'assistant.message' && frame.role === 'client');
    await client.say('q1', 'What would you most like to change?');
    fake.script({ kind: 'json', body: { labels: [{ index: 0, label: 'question_closed' }] } });
    client.send({ type: 'feedback.request' });
    const labelled = await client.next('feedback');
    const modelLabels = (labelled.report as { turns: { label: string }[] }).turns.map((turn) => turn.label);
    expect(modelLabels).toEqual(['question_closed']);
    expect(fake.completionRequests().some((request) => JSON.stringify(request.body.messages).includes('What would you most like to change?'))).toBe(true);

    fake.script({ kind: 'json', body: { labels: [{ index: 0, label: 'not-a-label' }] } });
    const response = await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}/feedback`, { headers: { authorization: `Bearer ${String(ready.token)}` } });
    const offline = (await response.json()) as { turns: { label: string }[] };
    expect(offline.turns.map((turn) => turn.label)).toEqual(['question_open']);
  });

  it('stops the model request when the client leaves, and the turn still gets a stored reply', async () => {
    fake = await startFakeOpenAI();
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL });
    const client = await connect();
    client.send({ type: 'session.start', mode: 'coach' });
    const ready = await client.next('session.ready');
    await client.next('assistant.message');
    await client.next('state');
    fake.script({ kind: 'hang' });
    client.send({ type: 'user.message', id: 'left', text: 'My manager keeps changing priorities on me.' });
    await client.next('message.accepted');
    await expect.poll(() => fake!.completionRequests().filter((request) => request.behaviour === 'hang').length).toBe(1);
    const asked = fake.completionRequests().length;
    await client.close();
    const hung = fake.completionRequests().filter((request) => request.behaviour === 'hang');
    await Promise.all(hung.map((request) => request.done));
    expect(hung.every((request) => request.closedByClient)).toBe(true);

    const back = await connect();
    await expect
      .poll(async () => {
        back.send({ type: 'session.resume', sessionId: ready.sessionId, token: ready.token, after: 0 });
        const again = await back.next('session.ready');
        return (again.history as { role: string }[]).map((item) => item.role).join(',');
      })
      .toBe('coach,client,coach');
    // No words reached the departed client, so its message was never sent to be extracted either.
    expect(fake.completionRequests().slice(asked).some((request) => request.body.response_format !== undefined)).toBe(false);
  });

  it('answers at once on a 429 with Retry-After: 3600, stores and answers the next messages, and stays ready', async () => {
    fake = await startFakeOpenAI();
    fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL });
    const client = await connect();
    const started = performance.now();
    client.send({ type: 'session.start', mode: 'coach' });
    const ready = await client.next('session.ready');
    const opening = await client.next('assistant.message');
    expect(opening.fallback).toBe(true);
    const first = await client.say('m1', 'I want to get better at delegating to my team.');
    const second = await client.say('m2', 'Mostly the weekly report, I always end up doing it myself.');
    expect(first.reply.fallback).toBe(true);
    expect(second.reply.fallback).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    // The server asked for an hour: it is not called again before then.
    expect(fake.completionRequests()).toHaveLength(1);
    const history = (await app.rapport.sessions.snapshot(String(ready.sessionId))).history.map((item) => item.role);
    expect(history).toEqual(['coach', 'client', 'coach', 'client', 'coach']);
    const readiness = await fetch(`${app.url}/readyz`);
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toMatchObject({ model: { state: 'open', lastError: 'rate_limited' } });
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(/rapport_model_fallbacks_total\{reason="circuit_open"\} [1-9]/);
  });

  it('answers within the deadline when the model server never answers, and the session goes on', async () => {
    fake = await startFakeOpenAI();
    fake.script(...Array.from({ length: 6 }, () => ({ kind: 'never' as const })));
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL, MODEL_TURN_DEADLINE_MS: '2000' });
    const client = await connect();
    client.send({ type: 'session.start', mode: 'coach' });
    await client.next('session.ready');
    await client.next('assistant.message');
    await client.next('state');
    const started = performance.now();
    const { reply } = await client.say('m1', 'My manager keeps changing priorities on me.');
    expect(reply.fallback).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    const next = await client.say('m2', 'It happens every Monday.');
    expect(String(next.reply.text).length).toBeGreaterThan(10);
  });

  it('never sends junk to the page: not in the streamed pieces, not in the final message', async () => {
    fake = await startFakeOpenAI({ defaultText: ['As an AI language model, I think you should delegate more.\n', '1. Hand over the report\n', '```js\nx()\n```'] });
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL });
    const client = await connect();
    client.send({ type: 'session.start', mode: 'coach' });
    await client.next('session.ready');
    await client.next('assistant.message');
    const { reply } = await client.say('m1', 'I want to get better at delegating to my team.');
    expect(reply.fallback).toBe(true);
    const sent = client.frames.map((frame) => JSON.stringify(frame)).join('\n');
    expect(sent).not.toMatch(/As an AI|Hand over the report|```/);
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(/rapport_model_guard_rejections_total\{rule="as_an_ai"\} [1-9]/);
  });

  it('asks for the extraction only once the first words of the reply are out, so it never competes with the first token', async () => {
    fake = await startFakeOpenAI({ defaultText: ['That sounds like a lot to carry. ', 'What matters most to you?'], defaultFirstDelayMs: 300 });
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL });
    const client = await connect();
    client.send({ type: 'session.start', mode: 'coach' });
    await client.next('session.ready');
    await client.next('assistant.message');
    await client.next('state');
    const before = fake.completionRequests().length;
    const { reply } = await client.say('m1', 'I keep redoing the weekly numbers for my boss and never get to plan ahead.');
    expect(reply.fallback).toBeUndefined();
    const extraction = await vi.waitFor(() => {
      const found = fake!.completionRequests().slice(before).find((request) => request.body.response_format !== undefined);
      if (!found) throw new Error('no extraction request yet');
      return found;
    });
    const replyRequest = fake.completionRequests().slice(before).find((request) => request.body.stream === true)!;
    // The model's first chunk comes 300 ms after the reply was asked for: the extraction is sent after it, not beside the reply.
    expect(extraction.receivedAt - replyRequest.receivedAt).toBeGreaterThanOrEqual(290);
  });

  it('does not hold the reply for the extraction, merges it at the next turn, and never counts it as a turn', async () => {
    fake = await startFakeOpenAI({ defaultText: ['That sounds like a lot to carry.'] });
    app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL });
    const quote = 'the Thursday numbers';
    const messages = [`I keep redoing ${quote} for my boss and I never get to plan ahead.`, 'It takes most of my Friday too.'];
    const run = async (extraction: unknown): Promise<{ sessionId: string; extractionPendingAtReply: boolean }> => {
      const client = await connect();
      client.send({ type: 'session.start', mode: 'coach' });
      const ready = await client.next('session.ready');
      await client.next('assistant.message');
      await client.next('state');
      fake!.scriptJson({ kind: 'json', delayMs: 1_500, body: extraction });
      const before = fake!.completionRequests().length;
      await client.say('m1', messages[0]!);
      const request = await vi.waitFor(() => {
        const found = fake!.completionRequests().slice(before).find((item) => item.body.response_format !== undefined);
        if (!found) throw new Error('no extraction request yet');
        return found;
      });
      let settled = false;
      void request.done.then(() => (settled = true));
      await Promise.resolve();
      const extractionPendingAtReply = !settled;
      await request.done;
      await client.say('m2', messages[1]!);
      return { sessionId: String(ready.sessionId), extractionPendingAtReply };
    };
    const withNeed = await run({ needs: [{ category: 'strategic_thinking', summary: 'planning ahead', quote, confidence: 0.9 }, { category: 'feedback', summary: 'invented', quote: 'my boss hates me', confidence: 0.9 }] });
    const withNothing = await run({});
    expect(withNeed.extractionPendingAtReply).toBe(true);
    const state = await app.rapport.sessions.state(withNeed.sessionId);
    const control = await app.rapport.sessions.state(withNothing.sessionId);
    const evidence = state.needs.flatMap((need) => need.evidence);
    expect(evidence).toContain(quote);
    expect(evidence).not.toContain('my boss hates me'); // not in the message: dropped
    expect(state.needs.find((need) => need.evidence.includes(quote))?.confirmed).toBe(false);
    // The extraction is not a turn: the process stands where a session without it stands.
    expect(state.step).toBe(control.step);
    expect(state.turnsInStep).toBe(control.turnsInStep);
  });
});
