/**
 * LLM-backed utterance classifier. The model is injected through a minimal interface so any
 * structured-output adapter (or a test fake) can be used. Every answer is validated; on any failure
 * (error, timeout, malformed JSON, missing or unknown labels) the batch is labelled by the offline
 * classifier instead, so callers always get one label per utterance.
 */
import { z } from 'zod';
import { UTTERANCE_LABELS, type UtteranceLabel } from '../domain/schemas.js';
import type { ClassifierInput, UtteranceClassifier } from './classifier.js';

export interface StructuredCompletionModel {
  complete(options: { system: string; user: string; schemaName: string; jsonSchema: object; signal?: AbortSignal }): Promise<unknown>;
}

export interface LlmClassification {
  label: UtteranceLabel;
  confidence: number;
  source: 'llm' | 'offline';
}

export interface LlmClassifierOptions {
  model: StructuredCompletionModel;
  /** Used whenever the model's answer cannot be used: the offline classifier. */
  fallback: UtteranceClassifier;
  timeoutMs?: number;
  /** Utterances per request; smaller batches keep one bad answer from costing many labels. */
  batchSize?: number;
  /** Told why a batch fell back (for logs and metrics); must not throw. */
  onFallback?: (reason: string) => void;
}

export interface LlmUtteranceClassifier {
  classifyMany(inputs: readonly ClassifierInput[], signal?: AbortSignal): Promise<LlmClassification[]>;
}

/** The model gives no probability; this fixed value marks LLM labels as "fairly sure". */
export const LLM_CONFIDENCE = 0.8;

export const LLM_SCHEMA_NAME = 'utterance_labels';

export const LLM_SYSTEM_PROMPT = `You code coaching and counselling conversations with Motivational Interviewing categories.
For each numbered coach utterance, given the client's previous utterance, choose exactly one label:
- question_open: a question that invites an elaborate answer (what, how, why, tell me about...).
- question_closed: a question that can be answered with yes/no or a short fact (do you, is it, how many...).
- reflection_simple: restates or slightly rephrases what the client said, adding little or nothing.
- reflection_complex: reflects with added meaning: an implied feeling, a guess at what is unsaid, a metaphor, or both sides of ambivalence.
- input: the coach gives information, advice, suggestions, options, feedback on facts, or negotiates a plan.
- other: greetings, thanks, affirmations, structuring remarks, back-channels and fillers ("mm-hmm", "okay").
When an utterance contains several behaviours, label the main one (usually the last question or reflection).
Answer with one entry per utterance, using its index.`;

export const LLM_JSON_SCHEMA = {
  type: 'object',
  properties: {
    labels: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          label: { type: 'string', enum: [...UTTERANCE_LABELS] },
        },
        required: ['index', 'label'],
        additionalProperties: false,
      },
    },
  },
  required: ['labels'],
  additionalProperties: false,
} as const;

/** The zod twin of {@link LLM_JSON_SCHEMA}: every answer is checked against it. */
export const LLM_ANSWER_SCHEMA = z.object({
  labels: z.array(z.object({ index: z.number().int(), label: z.enum(UTTERANCE_LABELS) })),
});

function buildUserMessage(batch: readonly ClassifierInput[]): string {
  const items = batch.map((input, index) => ({ index, previous_client: input.previousClient ?? '', coach: input.text }));
  return `Label these ${batch.length} coach utterances:\n${JSON.stringify(items, null, 1)}`;
}

/** Accepts an already-parsed object or a JSON string (adapters differ); throws on anything unusable. */
function readAnswer(raw: unknown, expected: number): UtteranceLabel[] {
  const document: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const answer = LLM_ANSWER_SCHEMA.parse(document);
  const labels = new Array<UtteranceLabel | undefined>(expected);
  for (const entry of answer.labels) {
    if (entry.index < 0 || entry.index >= expected) throw new Error(`label index ${entry.index} out of range`);
    if (labels[entry.index] !== undefined) throw new Error(`label index ${entry.index} given twice`);
    labels[entry.index] = entry.label;
  }
  const missing = labels.findIndex((label) => label === undefined);
  if (missing >= 0 || labels.length !== expected) throw new Error(`no label for utterance ${missing}`);
  return labels as UtteranceLabel[];
}

/** Rejects after `timeoutMs` and aborts the request, whether or not the model honours the signal. */
async function withTimeout<T>(run: (signal: AbortSignal) => Promise<T>, timeoutMs: number, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const abortFromOuter = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener('abort', abortFromOuter, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error('timeout'));
      reject(new Error(`model did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const aborted = new Promise<never>((_, reject) => {
    if (controller.signal.aborted) reject(new Error('aborted'));
    controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
  try {
    return await Promise.race([run(controller.signal), timeout, aborted]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abortFromOuter);
  }
}

export function createLlmClassifier(options: LlmClassifierOptions): LlmUtteranceClassifier {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const batchSize = Math.max(1, options.batchSize ?? 20);
  const fallbackFor = (batch: readonly ClassifierInput[], reason: string): LlmClassification[] => {
    options.onFallback?.(reason);
    return batch.map((input) => ({ ...options.fallback.classify(input), source: 'offline' as const }));
  };

  return {
    async classifyMany(inputs, signal) {
      const results: LlmClassification[] = [];
      for (let start = 0; start < inputs.length; start += batchSize) {
        const batch = inputs.slice(start, start + batchSize);
        try {
          const raw = await withTimeout(
            (requestSignal) =>
              options.model.complete({
                system: LLM_SYSTEM_PROMPT,
                user: buildUserMessage(batch),
                schemaName: LLM_SCHEMA_NAME,
                jsonSchema: LLM_JSON_SCHEMA,
                signal: requestSignal,
              }),
            timeoutMs,
            signal,
          );
          const labels = readAnswer(raw, batch.length);
          results.push(...labels.map((label) => ({ label, confidence: LLM_CONFIDENCE, source: 'llm' as const })));
        } catch (error) {
          results.push(...fallbackFor(batch, error instanceof Error ? error.message : String(error)));
        }
      }
      return results;
    },
  };
}
