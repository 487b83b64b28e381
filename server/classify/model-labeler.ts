import type { LanguageModel } from '../llm/model.js';
import type { ClassifierInput, UtteranceClassifier } from './classifier.js';
import { createLlmClassifier, LLM_ANSWER_SCHEMA, LLM_SCHEMA_NAME } from './llm-classifier.js';

/** Labels a batch of utterances; the offline classifier and the model-backed one both fit it. */
export type UtteranceLabeler = (inputs: readonly ClassifierInput[], signal?: AbortSignal) => Promise<string[]>;

/**
 * The model-backed classifier on top of our own model interface: structured output checked by
 * zod, and the offline classifier for any batch the model cannot label.
 */
export function createModelLabeler(model: LanguageModel, fallback: UtteranceClassifier, onFallback?: (reason: string) => void): UtteranceLabeler {
  const classifier = createLlmClassifier({
    model: {
      complete: ({ system, user, signal }) =>
        model.object({
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
          schema: LLM_ANSWER_SCHEMA,
          schemaName: LLM_SCHEMA_NAME,
          ...(signal ? { signal } : {}),
        }),
    },
    fallback,
    ...(onFallback ? { onFallback } : {}),
  });
  return async (inputs, signal) => (await classifier.classifyMany(inputs, signal)).map((result) => result.label);
}
