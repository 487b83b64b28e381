/**
 * The linear model: a multinomial logistic regression over named sparse features.
 * Pure functions only (no file access) so the same code scores in training, evaluation and serving.
 */
import { z } from 'zod';
import { UTTERANCE_LABELS, type UtteranceLabel } from '../domain/schemas.js';
import { extractFeatures, type FeatureVector } from './features.js';
import { extractOpenClosedFeatures } from './question-features.js';

export const MODEL_FORMAT = 'rapport-utterance-linear/1';

const LinearLayerSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  labels: z.array(z.enum(UTTERANCE_LABELS)).min(2),
  bias: z.array(z.number()),
  /** feature name -> one weight per label, in the order of `labels`. */
  weights: z.record(z.string(), z.array(z.number())),
  /** Free-form provenance (data, hyper-parameters, date); not used for scoring. */
  trainedOn: z.record(z.string(), z.unknown()).optional(),
});

export const LinearModelSchema = LinearLayerSchema.extend({
  /**
   * Optional second stage: decides open versus closed for utterances the first stage calls a
   * question, over the features of `extractOpenClosedFeatures` (labels question_open, question_closed).
   */
  openClosed: LinearLayerSchema.optional(),
});
export type LinearLayer = z.infer<typeof LinearLayerSchema>;
export type LinearModel = z.infer<typeof LinearModelSchema>;

function checkWidths(model: LinearLayer, what: string): void {
  const width = model.labels.length;
  if (model.bias.length !== width) throw new Error(`${what} bias has ${model.bias.length} entries, expected ${width}`);
  for (const [name, row] of Object.entries(model.weights)) {
    if (row.length !== width) throw new Error(`${what} weights for "${name}" have ${row.length} entries, expected ${width}`);
  }
}

/** Parses and checks a model document; throws with a readable message when it is malformed. */
export function parseModel(document: unknown): LinearModel {
  const model = LinearModelSchema.parse(document);
  checkWidths(model, 'model');
  if (model.openClosed) {
    checkWidths(model.openClosed, 'open/closed stage');
    if (model.openClosed.labels.join() !== 'question_open,question_closed') throw new Error('open/closed stage labels must be question_open, question_closed');
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
export function predictProbabilities(model: LinearLayer, features: FeatureVector): number[] {
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

export function predictLabel(model: LinearLayer, features: FeatureVector): { label: UtteranceLabel; confidence: number } {
  const probabilities = predictProbabilities(model, features);
  const best = argmax(probabilities);
  return { label: model.labels[best] ?? 'other', confidence: probabilities[best] ?? 0 };
}

/**
 * Both stages: the first picks one of the six labels; when it picks a question and the model has an
 * open/closed stage, that stage decides the subtype. Confidence is then P(question) x P(subtype).
 */
export function predictUtterance(model: LinearModel, text: string, previousClient = ''): { label: UtteranceLabel; confidence: number } {
  const features = extractFeatures(text, previousClient);
  const probabilities = predictProbabilities(model, features);
  const best = argmax(probabilities);
  const label = model.labels[best] ?? 'other';
  if (!model.openClosed || (label !== 'question_open' && label !== 'question_closed')) return { label, confidence: probabilities[best] ?? 0 };
  const question = model.labels.reduce((sum, name, index) => sum + (name === 'question_open' || name === 'question_closed' ? (probabilities[index] ?? 0) : 0), 0);
  const subtype = predictProbabilities(model.openClosed, extractOpenClosedFeatures(text, previousClient, features));
  const open = subtype[0] ?? 0.5;
  return open >= 0.5 ? { label: 'question_open', confidence: question * open } : { label: 'question_closed', confidence: question * (1 - open) };
}
