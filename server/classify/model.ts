/**
 * The linear model: a multinomial logistic regression over named sparse features.
 * Pure functions only (no file access) so the same code scores in training, evaluation and serving.
 */
import { z } from 'zod';
import { UTTERANCE_LABELS, type UtteranceLabel } from '../domain/schemas.js';
import type { FeatureVector } from './features.js';

export const MODEL_FORMAT = 'rapport-utterance-linear/1';

export const LinearModelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  labels: z.array(z.enum(UTTERANCE_LABELS)).min(2),
  bias: z.array(z.number()),
  /** feature name -> one weight per label, in the order of `labels`. */
  weights: z.record(z.string(), z.array(z.number())),
  /** Free-form provenance (data, hyper-parameters, date); not used for scoring. */
  trainedOn: z.record(z.string(), z.unknown()).optional(),
});
export type LinearModel = z.infer<typeof LinearModelSchema>;

/** Parses and checks a model document; throws with a readable message when it is malformed. */
export function parseModel(document: unknown): LinearModel {
  const model = LinearModelSchema.parse(document);
  const width = model.labels.length;
  if (model.bias.length !== width) throw new Error(`model bias has ${model.bias.length} entries, expected ${width}`);
  for (const [name, row] of Object.entries(model.weights)) {
    if (row.length !== width) throw new Error(`model weights for "${name}" have ${row.length} entries, expected ${width}`);
  }
  return model;
}

export function softmax(scores: number[]): number[] {
  const highest = Math.max(...scores);
  const exponentials = scores.map((score) => Math.exp(score - highest));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}

/** Probability of each label, in the order of `model.labels`. Unknown features are ignored. */
export function predictProbabilities(model: LinearModel, features: FeatureVector): number[] {
  const scores = [...model.bias];
  for (const [name, value] of features) {
    const row = model.weights[name];
    if (!row) continue;
    for (let label = 0; label < scores.length; label += 1) scores[label] = (scores[label] ?? 0) + value * (row[label] ?? 0);
  }
  return softmax(scores);
}

export function argmax(values: number[]): number {
  let best = 0;
  for (let index = 1; index < values.length; index += 1) if ((values[index] ?? -Infinity) > (values[best] ?? -Infinity)) best = index;
  return best;
}

export function predictLabel(model: LinearModel, features: FeatureVector): { label: UtteranceLabel; confidence: number } {
  const probabilities = predictProbabilities(model, features);
  const best = argmax(probabilities);
  return { label: model.labels[best] ?? 'other', confidence: probabilities[best] ?? 0 };
}
