import { afterEach, describe, expect, it } from 'vitest';
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
    expect(fake.completionRequests().some((request) => request.body.response_format !== undefined)).toBe(true);
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
    fake.script({ kind: 'hang' }, { kind: 'hang' });
    client.send({ type: 'user.message', id: 'left', text: 'My manager keeps changing priorities on me.' });
    await client.next('message.accepted');
    await expect.poll(() => fake!.completionRequests().filter((request) => request.behaviour === 'hang').length).toBe(2);
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
  });
});
