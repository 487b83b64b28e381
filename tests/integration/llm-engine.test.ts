import { coachContent, shippedContent } from '../helpers/content.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlmEngine } from '../../server/phrase/llm-engine.js';
import type { CoachEngine, PhraseInput, PhrasePart } from '../../server/phrase/engine.js';
import type { CoachPlan } from '../../server/domain/coach-plan.js';
import type { HistoryItem } from '../../server/domain/schemas.js';
import { ModelError, type ModelStreamPart } from '../../server/llm/model.js';
import { createOpenAIModel, type OpenAIModelOptions } from '../../server/llm/openai-model.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai-server.js';

/**
 * The adapter and the engine against a real HTTP server speaking the OpenAI wire format: the
 * real SDK's retries, timeouts, SSE parsing and aborts are exercised, nothing is mocked.
 */
let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI();
});

afterEach(async () => {
  await fake.close();
});

function model(overrides: Partial<OpenAIModelOptions> = {}) {
  return createOpenAIModel({ baseURL: fake.baseURL, model: 'fake-coach', timeoutMs: 3_000, idleTimeoutMs: 300, ...overrides });
}

async function collect<T>(parts: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

const messages = [
  { role: 'system' as const, content: 'You are a coach.' },
  { role: 'user' as const, content: 'Hello' },
];

const plan: CoachPlan = {
  step: 'create_partnership',
  moves: [
    { kind: 'complex_reflection', label: 'names the need for delegation', text: 'It sounds like letting go of the reports feels risky.' },
    { kind: 'open_question', questionId: 'cp-3', text: 'What would it look like if your team owned them?' },
  ],
};

const clientText = "I can't let go of the weekly reports, and honestly I'm exhausted. I'd rather learn by DOING things.";

function phraseInput(): PhraseInput {
  const state: SessionState = { ...initialState('coach'), step: 'create_partnership' };
  const recent: HistoryItem[] = [
    { seq: 1, role: 'coach', text: 'What brings you here today?', step: 'create_partnership', at: '2025-01-01T00:00:00.000Z' },
    { seq: 2, role: 'client', text: clientText, step: 'create_partnership', at: '2025-01-01T00:00:01.000Z' },
  ];
  return { state, recent, message: { text: clientText, seq: 2 }, plan };
}

/** Stands in for the offline engine: says the plan's own text. */
const fallbackEngine: CoachEngine = {
  name: 'offline-test',
  async *phrase(input) {
    const text = input.plan.moves.map((move) => move.text).join(' ');
    yield { type: 'text-delta', text };
    yield { type: 'finish', text, moves: input.plan.moves.map((move) => ({ kind: move.kind })), engine: 'offline-test' };
  },
};

function deltas(parts: (ModelStreamPart | PhrasePart)[]): string {
  return parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
}

describe('openai model adapter', () => {
  it('streams text deltas in order, then a finish', async () => {
    fake.script({ kind: 'text', chunks: ['It sounds ', 'like a lot', ' to carry.'], delayMs: 5 });
    const parts = await collect(model().stream({ messages, maxTokens: 50, temperature: 0.2 }));
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => (part as { text: string }).text)).toEqual([
      'It sounds ',
      'like a lot',
      ' to carry.',
    ]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' });
    const [request] = fake.completionRequests();
    expect(request?.body).toMatchObject({ model: 'fake-coach', stream: true, max_tokens: 50, temperature: 0.2, messages });
    // Local servers need no key: a placeholder is sent.
    expect(request?.headers.authorization).toBe('Bearer not-needed');
  });

  it('reports a length finish with the raw reason kept', async () => {
    fake.script({ kind: 'text', chunks: ['Cut'], finishReason: 'length' });
    const parts = await collect(model().stream({ messages }));
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length', rawFinishReason: 'length' });
  });

  it('asks for a json_schema object and validates it', async () => {
    fake.script({ kind: 'json', body: { mood: 'hopeful', score: 7 } });
    const schema = z.object({ mood: z.string(), score: z.number().nullish() });
    await expect(model().object({ messages, schema, schemaName: 'mood' })).resolves.toEqual({ mood: 'hopeful', score: 7 });
    const body = fake.completionRequests()[0]?.body;
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'mood', strict: false, schema: { type: 'object' } });
    expect(body.response_format.json_schema.schema.$schema).toBeUndefined();
  });

  it('falls back to json_object with the schema in the prompt when json_schema is rejected, and remembers', async () => {
    const fallbackModel = model();
    const schema = z.object({ mood: z.string() });
    fake.script({ kind: 'reject_json_schema' }, { kind: 'json', body: { mood: 'calm' } });
    await expect(fallbackModel.object({ messages, schema, schemaName: 'mood' })).resolves.toEqual({ mood: 'calm' });
    const [rejected, retried] = fake.completionRequests();
    expect(rejected?.body.response_format.type).toBe('json_schema');
    expect(retried?.body.response_format).toEqual({ type: 'json_object' });
    expect(retried?.body.messages[0].content).toContain('JSON Schema');
    expect(retried?.body.messages[0].content).toContain('"mood"');

    fake.script({ kind: 'json', body: { mood: 'steady' } });
    await expect(fallbackModel.object({ messages, schema, schemaName: 'mood' })).resolves.toEqual({ mood: 'steady' });
    expect(fake.completionRequests()).toHaveLength(3);
    expect(fake.completionRequests()[2]?.body.response_format).toEqual({ type: 'json_object' });
  });

  it('reads fenced JSON wrapped in prose', async () => {
    fake.script({ kind: 'json', body: 'Sure! Here it is:\n```json\n{ "mood": "curious {really}", "score": null }\n```\nAnything else?' });
    const schema = z.object({ mood: z.string(), score: z.number().nullish() });
    await expect(model().object({ messages, schema, schemaName: 'mood' })).resolves.toEqual({ mood: 'curious {really}', score: null });
  });

  it('rejects JSON that does not match the schema as bad_response', async () => {
    fake.script({ kind: 'json', body: { feeling: 'x' } });
    const error = await model()
      .object({ messages, schema: z.object({ mood: z.string() }), schemaName: 'mood' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'bad_response', retryable: true });
  });

  it('lets the SDK retry 429 and 500 before the stream starts when asked to, then succeeds', async () => {
    fake.script({ kind: 'status', status: 429 }, { kind: 'status', status: 500 }, { kind: 'text', chunks: ['Third time.'] });
    const parts = await collect(model({ maxRetries: 2 }).stream({ messages }));
    expect(deltas(parts)).toBe('Third time.');
    expect(fake.completionRequests().map((request) => request.behaviour)).toEqual(['status', 'status', 'text']);
  });

  it('by default never sleeps for a Retry-After: the 429 comes back at once with the wait the server named', async () => {
    fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    const started = performance.now();
    const parts = await collect(model().stream({ messages }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'rate_limited', retryAfterMs: 3_600_000 }) }]);
    expect(fake.completionRequests()).toHaveLength(1);
  });

  it('maps exhausted retries to a retryable error part', async () => {
    fake.script({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const parts = await collect(model({ maxRetries: 1 }).stream({ messages }));
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ type: 'error', error: { code: 'unavailable', retryable: true, status: 503 } });
    expect(fake.completionRequests()).toHaveLength(2);
  });

  it('maps 401 to a non-retryable error without retrying or echoing the server message', async () => {
    fake.script({ kind: 'status', status: 401, body: { error: { message: 'Incorrect API key provided: sk-abc***xyz' } } });
    const parts = await collect(model({ apiKey: 'sk-wrong' }).stream({ messages }));
    expect(parts[0]).toMatchObject({ type: 'error', error: { code: 'unavailable', retryable: false, status: 401 } });
    expect(parts[0]?.type === 'error' && parts[0].error.message).not.toContain('sk-');
    expect(fake.completionRequests()).toHaveLength(1);
  });

  it('turns a stream cut halfway into a retryable error part after the text so far', async () => {
    fake.script({ kind: 'cut', chunks: ['One ', 'two ', 'three ', 'four'], after: 2 });
    const parts = await collect(model().stream({ messages }));
    expect(deltas(parts)).toBe('One two ');
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'unavailable', retryable: true } });
  });

  it('times out a body that stalls after the headers (idle timeout) and closes the connection', async () => {
    fake.script({ kind: 'hang' });
    const started = performance.now();
    const parts = await collect(model({ idleTimeoutMs: 300 }).stream({ messages }));
    const elapsed = performance.now() - started;
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'timeout', retryable: true }) }]);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3_000); // the SDK's own timeout (3 s here) never fires: headers came
    const [request] = fake.completionRequests();
    await request?.done;
    expect(request?.closedByClient).toBe(true);
  });

  it('ends a stream that trickles empty chunks forever at its overall deadline', async () => {
    fake.script({ kind: 'text', chunks: Array.from({ length: 200 }, () => ''), delayMs: 20 });
    const started = performance.now();
    const parts = await collect(model({ idleTimeoutMs: 300, streamDeadlineMs: 500 }).stream({ messages }));
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'timeout' } });
    expect(performance.now() - started).toBeLessThan(2_000);
    const [request] = fake.completionRequests();
    await request?.done;
    expect(request?.closedByClient).toBe(true);
  });

  it('times out a non-streamed answer that stalls after the headers', async () => {
    fake.script({ kind: 'hang' });
    const error = await model({ timeoutMs: 200, maxRetries: 1 })
      .object({ messages, schema: z.object({ mood: z.string() }), schemaName: 'mood' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('stops the request when the caller aborts: the server sees the connection close', async () => {
    fake.script({ kind: 'text', chunks: Array.from({ length: 40 }, (_, index) => `Sentence ${index}. `), delayMs: 30 });
    const controller = new AbortController();
    const parts: ModelStreamPart[] = [];
    for await (const part of model().stream({ messages, signal: controller.signal })) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'aborted', retryable: false } });
    const [request] = fake.completionRequests();
    await request?.done;
    expect(request?.closedByClient).toBe(true);
  });

  it('closes the connection when the consumer stops reading early', async () => {
    fake.script({ kind: 'text', chunks: Array.from({ length: 40 }, (_, index) => `Sentence ${index}. `), delayMs: 30 });
    for await (const part of model().stream({ messages })) {
      if (part.type === 'text-delta') break;
    }
    const [request] = fake.completionRequests();
    await request?.done;
    expect(request?.closedByClient).toBe(true);
  });

  it('answers with defaults when nothing is scripted (for whole-server tests)', async () => {
    const parts = await collect(model().stream({ messages }));
    expect(deltas(parts)).toContain('What would you most like');
    await expect(model().object({ messages, schema: z.object({ mood: z.string().nullish() }), schemaName: 'mood' })).resolves.toEqual({});
    expect(fake.completionRequests().map((request) => request.behaviour)).toEqual(['default', 'default']);
  });

  it('pings the models list', async () => {
    await expect(model().ping()).resolves.toBe(true);
    expect(fake.requests.at(-1)?.path).toBe('/v1/models');
    fake.setAvailable(false);
    await expect(model().ping()).resolves.toBe(false);
  });

  it('sends the real key when one is given and fails readiness on a wrong one', async () => {
    const guarded = await startFakeOpenAI({ apiKey: 'sk-right' });
    try {
      const right = createOpenAIModel({ baseURL: guarded.baseURL, apiKey: 'sk-right', model: 'fake-coach' });
      const wrong = createOpenAIModel({ baseURL: guarded.baseURL, apiKey: 'sk-wrong', model: 'fake-coach' });
      await expect(right.ping()).resolves.toBe(true);
      await expect(wrong.ping()).resolves.toBe(false);
    } finally {
      await guarded.close();
    }
  });
});

describe('llm engine', () => {
  it('streams the model wording of the plan and finishes with the plan moves', async () => {
    fake.script({ kind: 'text', chunks: ['  Letting go feels risky. ', 'What would team ownership look like?'] });
    const engine = createLlmEngine({ model: model(), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen });
    const parts = await collect(engine.phrase(phraseInput()));
    expect(deltas(parts)).toBe('Letting go feels risky. What would team ownership look like?');
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      text: 'Letting go feels risky. What would team ownership look like?',
      moves: [{ kind: 'complex_reflection', label: 'names the need for delegation' }, { kind: 'open_question' }],
      engine: 'openai',
    });
    const prompt = JSON.stringify(fake.completionRequests()[0]?.body.messages);
    expect(prompt).toContain('complex_reflection, open_question');
    // The model composes its own reply: it gets the intents, not the offline wording.
    expect(prompt).toContain('names the need for delegation');
    expect(prompt).not.toContain('What would it look like if your team owned them?');
  });

  it('answers the whole turn with the fallback engine when the model fails before any text (401)', async () => {
    fake.script({ kind: 'status', status: 401 });
    const warnings: Record<string, unknown>[] = [];
    const engine = createLlmEngine({ model: model(), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen, logger: { warn: (details) => void warnings.push(details) } });
    const parts = await collect(engine.phrase(phraseInput()));
    const offlineText = plan.moves.map((move) => move.text).join(' ');
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    expect(deltas(parts)).toBe(offlineText);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', text: offlineText, engine: 'offline-test', fallback: true });
    expect(warnings[0]).toMatchObject({ reason: 'model_failed', code: 'unavailable', status: 401, shownAny: false });
    expect(JSON.stringify(warnings)).not.toContain('weekly reports'); // never conversation text in logs
  });

  it('shows nothing of a stream cut mid-sentence: the fallback answers the whole turn', async () => {
    fake.script({ kind: 'cut', chunks: ['Letting go ', 'feels ', 'risky.'], after: 2 });
    const engine = createLlmEngine({ model: model(), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen });
    const parts = await collect(engine.phrase(phraseInput()));
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'finish']);
    expect(deltas(parts)).toBe(plan.moves.map((move) => move.text).join(' '));
    expect(parts[1]).toMatchObject({ type: 'finish', fallback: true });
  });

  it('survives a stream cut after a sentence was shown: an error part, then the fallback reply complete', async () => {
    fake.script({ kind: 'cut', chunks: ['Letting go feels risky. ', 'What would ', 'it take?'], after: 2 });
    const engine = createLlmEngine({ model: model(), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen });
    const parts = await collect(engine.phrase(phraseInput()));
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'error', 'finish']);
    expect(deltas(parts)).toBe('Letting go feels risky. ');
    expect(parts[2]).toMatchObject({ type: 'finish', text: plan.moves.map((move) => move.text).join(' '), fallback: true });
  });

  it('falls back when the model stalls (idle timeout), well before the SDK timeout', async () => {
    fake.script({ kind: 'hang' }, { kind: 'hang' });
    const engine = createLlmEngine({ model: model({ idleTimeoutMs: 300, timeoutMs: 10_000 }), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen });
    const started = performance.now();
    const parts = await collect(engine.phrase(phraseInput()));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', fallback: true });
  });

  it('stops spending tokens when the caller aborts, and ends without a finish', async () => {
    fake.script({ kind: 'text', chunks: Array.from({ length: 40 }, (_, index) => `Sentence ${index}. `), delayMs: 30 });
    const engine = createLlmEngine({ model: model(), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen });
    const controller = new AbortController();
    const parts: PhrasePart[] = [];
    for await (const part of engine.phrase(phraseInput(), controller.signal)) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(parts.at(-1)).toMatchObject({ type: 'error', retryable: false, error: { code: 'aborted' } });
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    const [request] = fake.completionRequests();
    await request?.done;
    expect(request?.closedByClient).toBe(true);
  });

  it('refine keeps only quotes that occur in the client message, in the client own words', async () => {
    fake.script({
      kind: 'json',
      body: {
        needs: [
          { category: 'delegation', summary: 'letting go of the reports', quote: "i can't let go of the weekly reports.", confidence: 0.9 },
          { category: 'confidence', summary: 'invented', quote: 'I am afraid my boss hates me', confidence: 0.8 },
          { category: 'not-a-category', summary: 'tired', quote: "I'm exhausted", confidence: 7 },
          { category: 'feedback' },
        ],
        constraints: [{ kind: 'time', summary: 'no time', quote: 'I have no time at all' }],
        goals: [{ text: 'hand over the reports', quote: 'hand over the reports by May' }],
        successSignals: null,
        experiment: { text: 'learn by doing', quote: '"learn by DOING things"' },
        learningPreference: 'action',
      },
    });
    const engine = createLlmEngine({ model: model(), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen });
    const { message, recent, state } = phraseInput();
    const refined = await engine.refine?.({ state, recent, message: message! });
    expect(refined).toEqual({
      seq: 2,
      needs: [
        { category: 'delegation', summary: 'letting go of the reports', quote: "I can't let go of the weekly reports", confidence: 0.9 },
        { category: 'other', summary: 'tired', quote: "I'm exhausted", confidence: 1 },
      ],
      constraints: [],
      goals: [],
      successSignals: [],
      experiment: { text: 'learn by doing', quote: 'learn by DOING things', seq: 2 },
      learningPreference: 'action',
    });
    const body = fake.completionRequests()[0]?.body;
    expect(body.response_format.json_schema.name).toBe('client_message_understanding');
    expect(body.messages[1].content).toContain(clientText);
  });

  it('refine answers null when the model fails', async () => {
    fake.script({ kind: 'json', body: 'no json here' }, { kind: 'json', body: 'still none' });
    const engine = createLlmEngine({ model: model(), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen });
    const { message, recent, state } = phraseInput();
    await expect(engine.refine?.({ state, recent, message: message! })).resolves.toBeNull();
  });

  it('is ready whether or not the model answers, and reports the model state beside it', async () => {
    fake.setAvailable(false);
    const engine = createLlmEngine({ model: model(), fallback: fallbackEngine, templates: shippedContent.templates, steps: coachContent.steps, screen: coachContent.safety.screen });
    await collect(engine.phrase(phraseInput()));
    await expect(engine.ready?.()).resolves.toBe(true);
    expect(engine.health?.()).toMatchObject({ model: 'fake-coach', state: 'failing', lastError: 'unavailable' });
  });
});
