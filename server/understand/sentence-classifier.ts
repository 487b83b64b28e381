/**
 * Sentence classifiers behind the coach's understanding: needs (13 categories + none),
 * constraints (5 kinds + none), learning preference (action, reflection, feedback, mix + none) and
 * the kind of a question put to the coach (8 kinds + none).
 * Each is a multinomial logistic regression over the sparse features below, trained by
 * `training/train-understanding.ts` (with the project's trainer, server/classify/train.ts) on the
 * hand-written corpus in training/understanding/*.jsonl, and stored in content/models/<task>.json.
 * The start-up loader reads them, validates them with `parseSentenceModel` and passes them in as
 * {@link UnderstandingModels}. See docs/understanding.md.
 */
import { z } from 'zod';
import type { FeatureVector } from '../classify/features.js';
import { softmax } from '../classify/model.js';
import { addWeightedRows, weightTable } from '../classify/weight-table.js';
import { stem, tokenize } from '../classify/text.js';
import { sentenceVector, type WordVectors } from './word-vectors.js';

export const SENTENCE_MODEL_FORMAT = 'rapport-sentence-linear/1';

export const NEED_LABELS = [
  'communication', 'delegation', 'decision_making', 'prioritization', 'feedback', 'confidence', 'influence',
  'conflict', 'team_development', 'strategic_thinking', 'career_growth', 'work_life_balance', 'other', 'none',
] as const;
export const CONSTRAINT_LABELS = ['time', 'budget', 'bandwidth', 'organizational', 'other', 'none'] as const;
export const LEARNING_LABELS = ['action', 'reflection', 'feedback', 'mix', 'none'] as const;
/**
 * What kind of question a sentence puts to the coach (training/understanding/README.md): what its
 * question means, an example, how this conversation works, advice, its view of the client's own
 * idea, whether a feeling is normal, a fact of the world, doubt that this helps, or none at all
 * (a statement, a question they quote or ask themselves, a rhetorical one while venting).
 */
export const QUESTION_LABELS = ['clarify', 'example', 'process', 'advice', 'opinion', 'reassurance', 'information', 'doubt', 'none'] as const;

/** What some words can stand as in the partnership statement (server/understand/part-kind.ts). */
export const PART_LABELS = ['aim', 'sign', 'step', 'none'] as const;

export const SENTENCE_TASKS = {
  needs: NEED_LABELS,
  constraints: CONSTRAINT_LABELS,
  learning: LEARNING_LABELS,
  questions: QUESTION_LABELS,
  parts: PART_LABELS,
} as const;
export type SentenceTask = keyof typeof SENTENCE_TASKS;
export type TaskLabel<T extends SentenceTask> = (typeof SENTENCE_TASKS)[T][number];

const SentenceModelSchema = z.object({
  format: z.literal(SENTENCE_MODEL_FORMAT),
  task: z.enum(['needs', 'constraints', 'learning', 'questions', 'parts']),
  labels: z.array(z.string()).min(2),
  bias: z.array(z.number()),
  /** feature name -> one weight per label, in the order of `labels`. */
  weights: z.record(z.string(), z.array(z.number())),
  trainedOn: z.record(z.string(), z.unknown()).optional(),
});
export type SentenceModel = z.infer<typeof SentenceModelSchema>;

/** Parses a model document and checks it against its task's label set; throws when malformed. */
export function parseSentenceModel(document: unknown, task: SentenceTask): SentenceModel {
  const model = SentenceModelSchema.parse(document);
  if (model.task !== task) throw new Error(`model is for task "${model.task}", expected "${task}"`);
  const expected = SENTENCE_TASKS[task] as readonly string[];
  if (model.labels.join() !== expected.join()) throw new Error(`${task} model labels ${model.labels.join()} differ from ${expected.join()}`);
  const width = model.labels.length;
  if (model.bias.length !== width) throw new Error(`${task} model bias has ${model.bias.length} entries, expected ${width}`);
  for (const [name, row] of Object.entries(model.weights)) if (row.length !== width) throw new Error(`${task} weights for "${name}" have ${row.length} entries`);
  return model;
}

/** The five trained sentence models and the word vectors their features read, loaded at start-up. */
export interface UnderstandingModels {
  needs: SentenceModel;
  constraints: SentenceModel;
  learning: SentenceModel;
  questions: SentenceModel;
  parts: SentenceModel;
  vectors: WordVectors;
}

/** Chat spellings without apostrophes ("cant", "im", "dont"), folded to their usual form. */
const CONTRACTIONS: Record<string, string> = {
  cant: "can't", dont: "don't", doesnt: "doesn't", didnt: "didn't", im: "i'm", ive: "i've", id: "i'd", ill: "i'll",
  wont: "won't", isnt: "isn't", arent: "aren't", wasnt: "wasn't", couldnt: "couldn't", wouldnt: "wouldn't",
  shouldnt: "shouldn't", havent: "haven't", hasnt: "hasn't", theyre: "they're", thats: "that's", whats: "what's",
  theres: "there's", youre: "you're", cannot: "can't", gonna: 'going', wanna: 'want', gotta: 'have', tbh: 'honestly', u: 'you',
  cos: 'because', coz: 'because', cuz: 'because', bc: 'because', ppl: 'people', pls: 'please', thx: 'thanks',
};

const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'without', "can't", "don't", "doesn't", "didn't", "won't", "isn't", "aren't", "wasn't", "couldn't", "wouldn't", "haven't", "hasn't", 'barely', 'hardly']);

/** Normalised word tokens of a sentence: lower case, straight apostrophes, chat spellings folded. */
export function sentenceTokens(text: string): string[] {
  return tokenize(text.replace(/&/g, ' and ')).map((token) => CONTRACTIONS[token] ?? token);
}

/** A light lemma: the shared suffix stemmer, then a 6-letter prefix so "delegate", "delegating", "delegation" meet. */
function lemma(token: string): string {
  const stemmed = stem(token);
  return stemmed.length > 6 ? stemmed.slice(0, 6) : stemmed;
}

const CUES: Array<[string, RegExp]> = [
  ['want', /\b(?:i want|i'd like|i would like|i'd love|i wish|i need to|i hope|my goal|i'm trying)\b/],
  ['difficulty', /\b(?:hard|struggle\w*|difficult|can't|never|always|keep|impossible|terrible|bad at|awful|rubbish|stuck|too)\b/],
  ['first_person', /\b(?:i|i'm|i've|i'd|i'll|me|my|myself)\b/],
  ['we', /\b(?:we|we're|we've|our|us)\b/],
  ['future_plan', /\b(?:i'll|i will|i'm going to|next week|this week|tomorrow|by (?:monday|tuesday|wednesday|thursday|friday|the end))\b/],
  ['learn', /\b(?:learn\w*|pick (?:it|things) up|works? (?:best )?for me|helps me)\b/],
  ['number', /\d/],
];

/**
 * Semantic fields: a word whose form starts like one of these is a people, time, money, feeling,
 * family, deciding, future or learning word. Two authors rarely share the exact words of a need
 * ("the lads on site", "my reports"), but they do share the field; measured by cross-author CV.
 */
const FIELDS: Array<[string, RegExp]> = [
  ['people', /^(?:team|staff|colleague|boss|manager|report|peer|client|customer|people|everyone|nobody|someone|he|she|they|him|her|them|director|ceo|board|partner|junior|senior|lead|crew|nurse|engineer|member|stakeholder|exec|leadership|hr)/],
  ['time', /^(?:time|hour|minute|week|day|month|year|morning|evening|night|weekend|deadline|calendar|schedule|diary|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|late|early|shift|rota)/],
  ['money', /^(?:money|budget|cost|pay|paid|afford|fund|grant|cash|price|spend|salary|expens|cheap|pound|dollar|invest|financ)/],
  ['feeling', /^(?:feel|felt|anxious|nervous|scare|afraid|fear|worri|worry|stress|tired|exhaust|frustrat|angry|upset|guilt|embarrass|ashamed|overwhelm|panic|dread|confiden|doubt|sad|lonely|hate|love|happy|drain)/],
  ['family', /^(?:kid|child|family|partner|wife|husband|son|daughter|baby|home|dinner|bedtime|parent|mum|mom|dad|school)/],
  ['decide', /^(?:decid|decision|choos|choice|option|pick|commit|weigh|torn|dither|flip)/],
  ['future', /^(?:future|year|plan|direction|vision|long|ahead|next|strateg|horizon)/],
  ['learnw', /^(?:learn|read|watch|try|practic|reflect|think|journal|write|notes|feedback|mentor|shadow|observ)/],
];

/**
 * Features of one sentence: word unigrams, light lemmas, lemma bigrams (with a start marker),
 * lemmas under a negation (up to three words after "not", "never", "can't"...), a few cue
 * families, semantic fields (`f:people`, `f:money`...) and a length bucket. Names are readable so the weights can be inspected.
 */
export function sentenceFeatures(vectors: WordVectors, text: string, extra: readonly string[] = []): FeatureVector {
  const features: FeatureVector = new Map();
  const flag = (name: string): void => {
    features.set(name, 1);
  };
  const tokens = sentenceTokens(text);
  const lemmas = tokens.map(lemma);
  let negated = 0;
  tokens.forEach((token, index) => {
    flag(`w:${token}`);
    for (const [name, pattern] of FIELDS) if (pattern.test(token)) flag(`f:${name}`);
    flag(`l:${lemmas[index]}`);
    if (negated > 0) {
      flag(`n:${lemmas[index]}`);
      negated -= 1;
    }
    if (NEGATORS.has(token)) negated = 3;
  });
  const withStart = ['<s>', ...lemmas];
  for (let index = 0; index + 1 < withStart.length; index += 1) flag(`b:${withStart[index]}_${withStart[index + 1]}`);
  const joined = ` ${tokens.join(' ')} `;
  for (const [name, pattern] of CUES) if (pattern.test(joined)) flag(`cue:${name}`);
  const length = tokens.length;
  flag(`len:${length <= 3 ? 'short' : length <= 8 ? 'medium' : 'long'}`);
  for (const name of extra) flag(name);
  // Meaning beyond the exact words: the sentence's mean word vector, one real-valued feature per dimension.
  const vector = sentenceVector(vectors, tokens);
  if (vector) vector.forEach((value, dimension) => features.set(`e:${dimension}`, value * embeddingScale));
  return features;
}

/**
 * Scale of the word-vector features relative to the 0/1 word features (3, chosen by cross-author CV).
 * The shipped models were trained with it, so serving never changes it; only training experiments do,
 * through `training/train-understanding.ts --embedding-scale=N` (0 turns the vectors off).
 */
let embeddingScale = 3;

export function setEmbeddingScaleForTraining(scale: number): void {
  embeddingScale = scale;
}

/** Probability of each label, in the order of `model.labels`. */
export function sentenceProbabilities(model: SentenceModel, vectors: WordVectors, text: string, extra: readonly string[] = []): number[] {
  const scores = [...model.bias];
  addWeightedRows(scores, weightTable(model.weights, model.labels.length), sentenceFeatures(vectors, text, extra));
  return softmax(scores);
}

export interface SentencePrediction<L extends string> {
  label: L;
  probability: number;
  /** Every label's probability. */
  probabilities: Record<L, number>;
}

/**
 * Classifies one sentence with the task's model. `extra` are
 * task-specific cue features (the lexicon's families, e.g. "lex:delegation"); they must be the ones
 * the model was trained with (see training/train-understanding.ts).
 */
export function classifySentence<T extends SentenceTask>(task: T, model: SentenceModel, vectors: WordVectors, text: string, extra: readonly string[] = []): SentencePrediction<TaskLabel<T>> {
  const probabilities = sentenceProbabilities(model, vectors, text, extra);
  const byLabel = {} as Record<TaskLabel<T>, number>;
  let best = 0;
  model.labels.forEach((label, index) => {
    byLabel[label as TaskLabel<T>] = probabilities[index] ?? 0;
    if ((probabilities[index] ?? 0) > (probabilities[best] ?? 0)) best = index;
  });
  return { label: model.labels[best] as TaskLabel<T>, probability: probabilities[best] ?? 0, probabilities: byLabel };
}
