import { z } from 'zod';
import { UTTERANCE_LABELS } from '../domain/schemas.js';
import type { LanguageModel } from '../llm/model.js';
import type { ClassifierInput } from './classifier.js';
import { createLlmClassifier, LLM_SCHEMA_NAME } from './llm-classifier.js';

/** Labels a batch of utterances; the offline classifier and the model-backed one both fit it. */
export type UtteranceLabeler = (inputs: readonly ClassifierInput[], signal?: AbortSignal) => Promise<string[]>;

const AnswerSchema = z.object({
  labels: z.array(z.object({ index: z.number().int(), label: z.enum(UTTERANCE_LABELS) })),
});

/**
 * The model-backed classifier on top of our own model interface: structured output checked by
 * zod, and the offline classifier for any batch the model cannot label.
 */
export function createModelLabeler(model: LanguageModel, onFallback?: (reason: string) => void): UtteranceLabeler {
  const classifier = createLlmClassifier({
    model: {
      complete: ({ system, user, signal }) =>
        model.object({
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
          schema: AnswerSchema,
          schemaName: LLM_SCHEMA_NAME,
          ...(signal ? { signal } : {}),
        }),
    },
    ...(onFallback ? { onFallback } : {}),
  });
  return async (inputs, signal) => (await classifier.classifyMany(inputs, signal)).map((result) => result.label);
}
