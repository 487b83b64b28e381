import { z } from 'zod';
import { softmax } from '../classify/model.js';
import { lexiconText } from '../understand/lexicon.js';

/**
 * The crisis model: a small multinomial logistic regression over word unigrams, bigrams and
 * character four-grams (which carry misspellings such as "sucide" or "kil myself"). It adds
 * recall to the patterns of content/lexicon/crisis.json; trained by `npm run train:crisis`
 * (training/safety/) and shipped as content/models/crisis.json. Pure: no file access.
 */

export const CRISIS_LABELS = ['suicide', 'medical', 'danger', 'check', 'none'] as const;
export type CrisisLabel = (typeof CRISIS_LABELS)[number];
export const CRISIS_MODEL_FORMAT = 'rapport-crisis-linear/1';

export const CrisisModelSchema = z
  .object({
    format: z.literal(CRISIS_MODEL_FORMAT),
    labels: z.array(z.enum(CRISIS_LABELS)).length(CRISIS_LABELS.length),
    bias: z.array(z.number()).length(CRISIS_LABELS.length),
    weights: z.record(z.string(), z.array(z.number()).length(CRISIS_LABELS.length)),
    /** Decision thresholds chosen by cross-validation on the development corpus. */
    /** Above 1, that tier is never raised by the model alone. */
    thresholds: z.object({ crisis: z.number().min(0).max(2), check: z.number().min(0).max(2) }),
    trainedOn: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((model) => model.labels.join() === CRISIS_LABELS.join(), { message: `labels must be ${CRISIS_LABELS.join(', ')}` });
export type CrisisModel = z.infer<typeof CrisisModelSchema>;

/** Features of one sentence or message: presence only, so a long message does not dilute a clause. */
export function crisisFeatures(text: string): Map<string, number> {
  const tokens = lexiconText(text).match(/[a-z0-9]+/g) ?? [];
  const features = new Map<string, number>();
  tokens.forEach((token, index) => {
    features.set(`w:${token}`, 1);
    const next = tokens[index + 1];
    if (next) features.set(`b:${token}_${next}`, 1);
    if (token.length >= 4) {
      const padded = `<${token}>`;
      for (let start = 0; start + 4 <= padded.length; start += 1) features.set(`c:${padded.slice(start, start + 4)}`, 1);
    }
  });
  return features;
}

/** Probability of each label of CRISIS_LABELS for one piece of text. */
export function crisisProbabilities(model: CrisisModel, text: string): Record<CrisisLabel, number> {
  const scores = [...model.bias];
  for (const name of crisisFeatures(text).keys()) {
    const row = model.weights[name];
    if (!row) continue;
    for (let label = 0; label < scores.length; label += 1) scores[label] = (scores[label] ?? 0) + (row[label] ?? 0);
  }
  const probabilities = softmax(scores);
  return Object.fromEntries(CRISIS_LABELS.map((label, index) => [label, probabilities[index] ?? 0])) as Record<CrisisLabel, number>;
}
