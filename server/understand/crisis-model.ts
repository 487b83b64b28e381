import { z } from 'zod';
import { softmax } from '../classify/model.js';
import { addWeightedRows, weightTable } from '../classify/weight-table.js';
import { lexiconText } from './lexicon.js';
import { sentenceVector, type WordVectors } from './word-vectors.js';

/**
 * The crisis model: a small multinomial logistic regression over word unigrams and bigrams, the
 * words inside a negation's scope marked as negated ("i dont want to wake up": `n:wake`), and
 * character n-grams of the whole message across word boundaries (which carry misspellings and
 * run-together chat spelling such as "sucide", "kil myself", "dont wanna be here"). It adds recall
 * to the patterns of content/lexicon/crisis.json on crises said without any listed word; trained
 * by `npm run train:crisis` (training/safety/) and shipped as content/models/crisis.json. Pure:
 * no file access.
 *
 * With `vectorScale` set, it also reads the mean word vector of the text (the project's GloVe
 * vectors, content/models/word-vectors.bin, passed in by the loader) as dense features `v:0…`:
 * words the crisis corpora never used ("noose", "ledge", "pesticide") sit near words they did, so
 * a wording no writer foresaw still moves the score.
 */

export const CRISIS_LABELS = ['suicide', 'medical', 'danger', 'check', 'none'] as const;
export type CrisisLabel = (typeof CRISIS_LABELS)[number];
export const CRISIS_MODEL_FORMAT = 'rapport-crisis-linear/3';

export const CrisisModelSchema = z
  .object({
    /** /2: words and letters only; /3 may add the mean word vector (`vectorScale`). */
    format: z.enum(['rapport-crisis-linear/2', CRISIS_MODEL_FORMAT]),
    labels: z.array(z.enum(CRISIS_LABELS)).length(CRISIS_LABELS.length),
    bias: z.array(z.number()).length(CRISIS_LABELS.length),
    weights: z.record(z.string(), z.array(z.number()).length(CRISIS_LABELS.length)),
    /** Decision thresholds chosen on the development corpora and on ordinary coaching talk. */
    /** Above 1, that tier is never raised by the model alone. */
    /** clauseCrisis and clauseCheck: the bars for a clause's own score (absent: the same as the whole message's); patternVeto and diffuse: see CrisisThresholds. */
    thresholds: z.object({ crisis: z.number().min(0).max(2), check: z.number().min(0).max(2), clauseCrisis: z.number().min(0).max(2).optional(), clauseCheck: z.number().min(0).max(2).optional(), patternVeto: z.number().min(0).max(1).optional(), diffuse: z.object({ words: z.number().int().positive(), whole: z.number().min(0).max(2), clause: z.number().min(0).max(2) }).optional() }),
    /** The factor of the mean word vector's components (features `v:0…`); absent: no vector features. */
    vectorScale: z.number().positive().optional(),
    /** How the word vectors are pooled: their mean (the only pooling). */
    vectorPooling: z.literal('mean').optional(),
    trainedOn: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((model) => model.labels.join() === CRISIS_LABELS.join(), { message: `labels must be ${CRISIS_LABELS.join(', ')}` });
export type CrisisModel = z.infer<typeof CrisisModelSchema>;

/** Words that open a negation's scope; the scope runs to the end of the clause. */
const NEGATORS = new Set(['not', 'no', 'never', 'dont', 'doesnt', 'didnt', 'cant', 'cannot', 'couldnt', 'wont', 'wouldnt', 'isnt', 'arent', 'wasnt', 'werent', 'havent', 'hasnt', 'hadnt', 'nothing', 'nobody', 'noone', 'nowhere', 'neither', 'nor', 'without', 'aint', 'shouldnt']);
/** Words that close a negation's scope besides punctuation. */
const SCOPE_ENDS = new Set(['but', 'and', 'because', 'so', 'though', 'although', 'just', 'only']);

/**
 * Features of one sentence or message: presence only, so a long message does not dilute a clause;
 * with word vectors and a scale, the text's mean word vector too.
 */
export function crisisFeatures(text: string, vectors: WordVectors | null = null, vectorScale = 0): Map<string, number> {
  const form = lexiconText(text);
  const features = new Map<string, number>();
  const pieces = form.match(/[a-z0-9]+|[.,;:!?\n]/g) ?? [];
  const tokens: string[] = [];
  let negated = false;
  for (const piece of pieces) {
    if (!/^[a-z0-9]/.test(piece)) {
      negated = false;
      continue;
    }
    tokens.push(piece);
    features.set(`w:${piece}`, 1);
    if (negated) features.set(`n:${piece}`, 1);
    if (NEGATORS.has(piece)) negated = true;
    else if (SCOPE_ENDS.has(piece)) negated = false;
  }
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    if (next) features.set(`b:${token}_${next}`, 1);
  });
  // Character n-grams over the words joined by single spaces, across word boundaries.
  const joined = ` ${tokens.join(' ')} `;
  for (const size of [3, 4, 5]) {
    for (let start = 0; start + size <= joined.length; start += 1) features.set(`c${size}:${joined.slice(start, start + size)}`, 1);
  }
  if (vectors && vectorScale > 0) {
    const mean = sentenceVector(vectors, tokens);
    if (mean) mean.forEach((value, dimension) => features.set(`v:${dimension}`, value * vectorScale));
  }
  return features;
}

/** Probability of each label of CRISIS_LABELS for one piece of text. */
export function crisisProbabilities(model: CrisisModel, text: string, vectors: WordVectors | null = null): Record<CrisisLabel, number> {
  const scores = [...model.bias];
  addWeightedRows(scores, weightTable(model.weights, CRISIS_LABELS.length), crisisFeatures(text, vectors, model.vectorScale ?? 0));
  const probabilities = softmax(scores);
  return Object.fromEntries(CRISIS_LABELS.map((label, index) => [label, probabilities[index] ?? 0])) as Record<CrisisLabel, number>;
}
