import { shippedContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import type { UtteranceClassifier } from '../../server/classify/classifier.js';
import { createLlmClassifier, type StructuredCompletionModel } from '../../server/classify/llm-classifier.js';

const inputs = [
  { text: 'What brings you here today?', previousClient: '' },
  { text: 'You feel stuck.', previousClient: 'I feel stuck at work.' },
  { text: 'Mm-hmm.', previousClient: 'And then I left.' },
];

/** A fallback that is easy to recognise in assertions. */
const fallback: UtteranceClassifier = { classify: () => ({ label: 'input', confidence: 0.5 }) };

function fakeModel(answer: (request: { user: string; signal?: AbortSignal }) => Promise<unknown>): StructuredCompletionModel & { calls: number } {
  const model = {
    calls: 0,
    complete(options: { system: string; user: string; schemaName: string; jsonSchema: object; signal?: AbortSignal }) {
      model.calls += 1;
      return answer(options);
    },
  };
  return model;
}

describe('LLM classifier', () => {
  it('uses valid structured answers, in input order whatever the answer order', async () => {
    const model = fakeModel(async () => ({
      labels: [
        { index: 2, label: 'other' },
        { index: 0, label: 'question_open' },
        { index: 1, label: 'reflection_complex' },
      ],
    }));
    const results = await createLlmClassifier({ model, fallback }).classifyMany(inputs);
    expect(results.map((result) => result.label)).toEqual(['question_open', 'reflection_complex', 'other']);
    expect(results.every((result) => result.source === 'llm')).toBe(true);
  });

  it('accepts an answer given as a JSON string and sends the utterances in the prompt', async () => {
    let prompt = '';
    const model = fakeModel(async ({ user }) => {
      prompt = user;
      return JSON.stringify({ labels: [0, 1, 2].map((index) => ({ index, label: 'other' })) });
    });
    const results = await createLlmClassifier({ model, fallback }).classifyMany(inputs);
    expect(results.map((result) => result.source)).toEqual(['llm', 'llm', 'llm']);
    expect(prompt).toContain('I feel stuck at work.');
  });

  it.each([
    ['a thrown error', async () => Promise.reject(new Error('HTTP 500'))],
    ['malformed JSON', async () => '{"labels": [}'],
    ['an unknown label', async () => ({ labels: [0, 1, 2].map((index) => ({ index, label: 'affirmation' })) })],
    ['a missing label', async () => ({ labels: [{ index: 0, label: 'other' }, { index: 1, label: 'other' }] })],
    ['an index out of range', async () => ({ labels: [0, 1, 7].map((index) => ({ index, label: 'other' })) })],
  ])('falls back to the offline classifier on %s', async (_, answer) => {
    const reasons: string[] = [];
    const results = await createLlmClassifier({ model: fakeModel(answer), fallback, onFallback: (reason) => reasons.push(reason) }).classifyMany(inputs);
    expect(results).toHaveLength(3);
    expect(results.every((result) => result.source === 'offline' && result.label === 'input')).toBe(true);
    expect(reasons).toHaveLength(1);
  });

  it('falls back on timeout even when the model ignores the abort signal', async () => {
    const model = fakeModel(() => new Promise(() => undefined));
    const started = Date.now();
    const results = await createLlmClassifier({ model, fallback, timeoutMs: 50 }).classifyMany(inputs);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(results.map((result) => result.source)).toEqual(['offline', 'offline', 'offline']);
  });

  it('splits into batches, and a failed batch does not spoil the others', async () => {
    const model = fakeModel(async ({ user }) => {
      if (user.includes('Mm-hmm.')) throw new Error('bad batch');
      const count = Number(/Label these (\d+)/.exec(user)?.[1]);
      return { labels: Array.from({ length: count }, (_, index) => ({ index, label: 'question_open' })) };
    });
    const results = await createLlmClassifier({ model, fallback, batchSize: 2 }).classifyMany(inputs);
    expect(model.calls).toBe(2);
    expect(results.map((result) => result.source)).toEqual(['llm', 'llm', 'offline']);
  });

  it('falls back to the shipped offline model it is given', async () => {
    const results = await createLlmClassifier({ model: fakeModel(async () => null), fallback: shippedContent.classifier }).classifyMany(inputs);
    expect(results[0]).toMatchObject({ label: 'question_open', source: 'offline' });
  });
});
