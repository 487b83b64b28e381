import type { UtteranceClassifier } from '../classify/classifier.js';
import type { Config } from '../config.js';
import type { PromptTemplates } from '../llm/prompt-templates.js';
import type { CoachContent } from './coach-content.js';
import { createModelLabeler, type UtteranceLabeler } from '../classify/model-labeler.js';
import { createOpenAIModel } from '../llm/openai-model.js';
import type { Logger } from '../logger.js';
import { createLlmEngine } from './llm-engine.js';
import { offlineEngine } from './offline-engine.js';
import type { CoachEngine } from './types.js';

/**
 * Chooses the engine from the configuration: the offline engine unless a model is configured.
 * The offline engine is always there as the fallback when the model fails.
 */
export function createEngines(config: Config, logger: Logger, content: { templates: PromptTemplates; classifier: UtteranceClassifier; coach: CoachContent }): { engine: CoachEngine; fallback: CoachEngine; labeler?: UtteranceLabeler } {
  if (!config.model) return { engine: offlineEngine, fallback: offlineEngine };
  const model = createOpenAIModel({
    ...(config.model.baseURL ? { baseURL: config.model.baseURL } : {}),
    ...(config.model.apiKey ? { apiKey: config.model.apiKey } : {}),
    model: config.model.model,
    timeoutMs: config.model.timeoutMs,
  });
  return {
    engine: createLlmEngine({ model, fallback: offlineEngine, logger, templates: content.templates, steps: content.coach.steps }),
    fallback: offlineEngine,
    labeler: createModelLabeler(model, content.classifier, (reason) => logger.warn({ reason }, 'model labelling failed; the offline classifier labels the batch')),
  };
}
