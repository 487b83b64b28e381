import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coachContent, shippedContent } from '../helpers/content.js';
import { createLlmEngine, type EngineOutcome } from '../../server/phrase/llm-engine.js';
import type { CoachEngine, PhraseInput, PhrasePart } from '../../server/phrase/engine.js';
import type { CoachPlan } from '../../server/domain/coach-plan.js';
import type { HistoryItem } from '../../server/domain/schemas.js';
import { boundModel } from '../../server/llm/bounded-model.js';
import { CircuitBreaker } from '../../server/llm/circuit-breaker.js';
import { createOpenAIModel } from '../../server/llm/openai-model.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { startFakeOpenAI, type FakeBehaviour, type FakeOpenAI } from '../fakes/fake-openai-server.js';

/**
 * Every fault the issue lists, against a real HTTP server speaking the OpenAI wire format and the
 * real SDK: each ends in a sane reply within the deadline, and nothing the guard rejects is shown.
 * Time bounds are generous on purpose: they tell "bounded" from "minutes", not fast from slow.
 */
let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

const plan: CoachPlan = {
  step: 'create_partnership',
  moves: [
    { kind: 'complex_reflection', label: 'names the need for delegation', text: 'It sounds like letting go of the reports feels risky.' },
    { kind: 'open_question', questionId: 'partnership.success.1', text: 'What would tell you it is working?' },
  ],
};
const reflectionOnly: CoachPlan = { step: 'create_partnership', moves: [plan.moves[0]!] };
const offlineText = (which: CoachPlan = plan) => which.moves.map((move) => move.text).join(' ');
const clientText = "I can't let go of the weekly reports, and honestly I'm exhausted by the end of every week.";

function input(which: CoachPlan = plan, text = clientText): PhraseInput {
  const state: SessionState = { ...initialState('coach'), step: 'create_partnership' };
  const recent: HistoryItem[] = [
    { seq: 1, role: 'coach', text: 'What brings you here today?', step: 'create_partnership', at: '2025-01-01T00:00:00.000Z' },
    { seq: 2, role: 'client', text, step: 'create_partnership', at: '2025-01-01T00:00:01.000Z' },
  ];
  return { state, recent, message: { text, seq: 2 }, plan: which };
}

const fallbackEngine: CoachEngine = {
  name: 'offline-test',
  async *phrase(phraseInput) {
    const text = offlineText(phraseInput.plan);
    yield { type: 'text-delta', text };
    yield { type: 'finish', text, moves: phraseInput.plan.moves.map((move) => ({ kind: move.kind })), engine: 'offline-test' };
  },
};

function engine(options: { turnDeadlineMs?: number; firstTokenTimeoutMs?: number; breaker?: CircuitBreaker } = {}) {
  const outcomes: EngineOutcome[] = [];
  const model = createOpenAIModel({ baseURL: fake.baseURL, model: 'fake-coach', timeoutMs: 60_000, idleTimeoutMs: 500 });
  const bounded = boundModel(model, { firstTokenTimeoutMs: options.firstTokenTimeoutMs ?? 1_000, ...(options.breaker ? { breaker: options.breaker } : {}) });
  const coach = createLlmEngine({
    model: bounded,
    fallback: fallbackEngine,
    templates: shippedContent.templates,
    steps: coachContent.steps,
    screen: coachContent.safety.screen,
    turnDeadlineMs: options.turnDeadlineMs ?? 2_000,
    onOutcome: (outcome) => void outcomes.push(outcome),
  });
  return { coach, outcomes, bounded };
}

async function run(coach: CoachEngine, phraseInput: PhraseInput = input()): Promise<{ parts: PhrasePart[]; shown: string; final: Extract<PhrasePart, { type: 'finish' }>; ms: number }> {
  const started = performance.now();
  const parts: PhrasePart[] = [];
  for await (const part of coach.phrase(phraseInput)) parts.push(part);
  const final = parts.at(-1);
  if (final?.type !== 'finish') throw new Error('the turn ended without a reply');
  const shown = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
  return { parts, shown, final, ms: performance.now() - started };
}

const text = (...chunks: string[]): FakeBehaviour => ({ kind: 'text', chunks });

describe('the model composes, the guard checks before the client sees', () => {
  it('shows a good reply as the model wrote it', async () => {
    fake.script(text("Letting go of those reports sounds like it costs you a lot. ", 'What would tell you that handing them over is working?'));
    const { shown, final } = await run(engine().coach);
    expect(final).toMatchObject({ engine: 'openai', text: 'Letting go of those reports sounds like it costs you a lot. What would tell you that handing them over is working?' });
    expect(final.fallback).toBeUndefined();
    expect(shown).toBe(final.text);
  });

  const junk: [string, FakeBehaviour, string][] = [
    ['"As an AI…" with a numbered list and a code block', text('As an AI language model, I think you should delegate more.\n', '1. Hand over the report\n', '```python\nprint(1)\n```'), 'as_an_ai'],
    ['a list', text('Here is what I hear:\n', '- the reports\n', '- the exhaustion\n'), 'list'],
    ['two questions', text('That sounds heavy. ', 'What drains you most? ', 'And what would help?'), 'too_many_questions'],
    ['unasked advice', text('That sounds exhausting. ', 'You should delegate the reports to your team. ', 'What would help?'), 'advice'],
    ['a refusal', text("I'm sorry, but I can't help with that."), 'refusal'],
    ['the wrong language', text("Il semble que c'est difficile pour vous de lâcher les rapports. ", 'Qu’est-ce qui vous aiderait ?'), 'other_language'],
    ['a verbose reply', text(...Array.from({ length: 14 }, () => 'It sounds like the reports carry a great deal of weight for you every single week. ')), 'too_long'],
    ['a reply cut at the token limit', { kind: 'text', chunks: ['It sounds like letting go ', 'of the reports feels'], finishReason: 'length' }, 'cut_at_limit'],
  ];

  it.each(junk)('never shows %s: regenerated once, then the offline reply', async (_name, behaviour, rule) => {
    fake.script(behaviour, behaviour);
    const { coach, outcomes } = engine();
    const { shown, final } = await run(coach);
    expect(final).toMatchObject({ text: offlineText(), fallback: true });
    expect(outcomes).toEqual([{ type: 'rejected', rule }, { type: 'rejected', rule }, { type: 'fallback', reason: 'rejected' }]);
    // Whatever reached the screen passed every rule: no junk word was ever shown.
    expect(shown).not.toMatch(/As an AI|```|^\s*[-\d]|You should|sorry|semble|Qu’est/m);
    expect(fake.completionRequests()).toHaveLength(2);
    // The second request says which rule the first reply broke.
    expect(JSON.stringify(fake.completionRequests()[1]!.body.messages)).toContain(rule.replace(/_/g, ' '));
  });

  it('uses the regenerated reply when the second one passes', async () => {
    fake.script(text('1. Delegate.'), text('Those reports sound like a weight you carry alone. ', 'What would tell you it is getting lighter?'));
    const { coach, outcomes } = engine();
    const { final } = await run(coach);
    expect(final).toMatchObject({ engine: 'openai', text: 'Those reports sound like a weight you carry alone. What would tell you it is getting lighter?' });
    expect(outcomes).toEqual([{ type: 'rejected', rule: 'list' }, { type: 'model' }]);
  });

  it('rejects a question in a turn the plan gave none', async () => {
    fake.script(text('It sounds heavy. ', 'What else?'), text('It sounds heavy.'));
    const { final } = await run(engine().coach, input(reflectionOnly));
    expect(final).toMatchObject({ engine: 'openai', text: 'It sounds heavy.' });
  });

  it('takes back the sentences shown when a later one breaks a rule, and the final reply replaces them', async () => {
    fake.script(text('That sounds like a lot to carry. ', 'I recommend you talk to your manager.'), text('No.\n- list'));
    const { parts, shown, final } = await run(engine().coach);
    expect(shown).toBe('That sounds like a lot to carry. ');
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'error', 'finish']);
    expect(final).toMatchObject({ text: offlineText(), fallback: true });
  });

  it('lets a turn with a planned information move share a suggestion', async () => {
    const informing: CoachPlan = { step: 'create_partnership', moves: [{ kind: 'information', label: 'answers a request for ideas', text: 'Some people try handing over one report first.' }] };
    fake.script(text('Some people find it helps to try handing over just one report first.'));
    const { final } = await run(engine().coach, input(informing));
    expect(final.engine).toBe('openai');
  });

  it('accepts a reply in the client language when the client writes in it', async () => {
    fake.script(text("J'entends que ces rapports vous pèsent beaucoup. ", 'Qu’est-ce qui vous dirait que ça va mieux ?'));
    const french = "Je n'arrive pas à lâcher les rapports de la semaine et je suis épuisé à la fin de chaque semaine.";
    const { final } = await run(engine().coach, input(plan, french));
    expect(final).toMatchObject({ engine: 'openai' });
  });
});

describe('every wait is bounded', () => {
  it('answers offline within the deadline when the server never answers (not even headers)', async () => {
    fake.script({ kind: 'never' }, { kind: 'never' }, { kind: 'never' });
    const { coach } = engine({ turnDeadlineMs: 2_000, firstTokenTimeoutMs: 10_000 });
    const { final, ms } = await run(coach);
    expect(final).toMatchObject({ text: offlineText(), fallback: true });
    expect(ms).toBeLessThan(10_000);
  });

  it('answers offline when the first token is slower than its timeout, and stops that request', async () => {
    fake.script({ kind: 'text', chunks: ['Too late.'], firstDelayMs: 5_000 }, { kind: 'text', chunks: ['Too late.'], firstDelayMs: 5_000 });
    const { coach, outcomes } = engine({ turnDeadlineMs: 20_000, firstTokenTimeoutMs: 300 });
    const { final, ms } = await run(coach);
    expect(final).toMatchObject({ fallback: true });
    expect(ms).toBeLessThan(5_000);
    expect(outcomes.at(-1)).toEqual({ type: 'fallback', reason: 'deadline' });
    await Promise.all(fake.completionRequests().map((request) => request.done));
    expect(fake.completionRequests().every((request) => request.closedByClient)).toBe(true);
  });

  it('answers offline at once on a long Retry-After, and stops calling that server until then', async () => {
    fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    const breaker = new CircuitBreaker();
    const { coach, outcomes, bounded } = engine({ turnDeadlineMs: 25_000, breaker });
    const first = await run(coach);
    expect(first.final).toMatchObject({ fallback: true });
    expect(first.ms).toBeLessThan(3_000);
    expect(bounded.health()).toMatchObject({ state: 'open', lastError: 'rate_limited' });
    expect(Date.parse(bounded.health().openUntil!) - Date.now()).toBeGreaterThan(3_500_000);
    const second = await run(coach);
    expect(second.final).toMatchObject({ fallback: true });
    expect(fake.completionRequests()).toHaveLength(1);
    expect(outcomes.at(-1)).toEqual({ type: 'fallback', reason: 'circuit_open' });
  });

  it('honours a short Retry-After that fits in the deadline, then answers with the model', async () => {
    fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, text('That sounds like a lot.', ' What would help?'));
    const { final } = await run(engine({ turnDeadlineMs: 10_000 }).coach);
    expect(final).toMatchObject({ engine: 'openai', text: 'That sounds like a lot. What would help?' });
  });

  it('aborts a stream that stalls after a sentence and replaces what was shown', async () => {
    fake.script({ kind: 'stall', chunks: ['That sounds like a lot to carry. ', 'What would'] });
    const { parts, final, ms } = await run(engine({ turnDeadlineMs: 20_000 }).coach);
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'error', 'finish']);
    expect(final).toMatchObject({ fallback: true });
    expect(ms).toBeLessThan(10_000);
  });

  it('survives a dropped connection: one retry, then offline', async () => {
    fake.script({ kind: 'drop' }, { kind: 'drop' });
    const { final } = await run(engine().coach);
    expect(final).toMatchObject({ text: offlineText(), fallback: true });
    expect(fake.completionRequests()).toHaveLength(2);
  });
});
