/**
 * Training of the linear model: full-batch Adam on the L2-regularised softmax loss.
 * Full batch keeps training deterministic without a random generator, and at a few thousand
 * utterances an epoch takes a few milliseconds.
 */
import { UTTERANCE_LABELS, type UtteranceLabel } from '../domain/schemas.js';
import { extractFeatures, type FeatureVector } from './features.js';
import { MODEL_FORMAT, softmax, type LinearModel } from './model.js';
import { QUESTION_FORM_FEATURES, extractOpenClosedFeatures } from './question-features.js';

export interface LabelledUtterance {
  text: string;
  previousClient: string;
  label: UtteranceLabel;
  /** Sample weight; e.g. 1/n when n annotators labelled the same utterance. */
  weight?: number;
}

export interface TrainingOptions {
  /** Keep only features seen in at least this many training utterances (prunes dev-only phrases). */
  minFeatureCount: number;
  /** L2 penalty on the weights (not on the biases). */
  l2: number;
  epochs: number;
  learningRate: number;
  /** 0 = natural class frequencies, 1 = fully balanced classes. */
  classBalance: number;
  /**
   * Features whose names start with one of `prefixes` get their own, usually much lighter, L2 penalty:
   * a few well-founded cues can then carry their full weight while the many word features stay shrunk.
   */
  lightlyPenalized?: { prefixes: string[]; l2: number };
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  minFeatureCount: 3,
  l2: 0.003,
  epochs: 250,
  learningRate: 0.05,
  classBalance: 0.3,
};

/**
 * Options of the open/closed stage. It sees only questions (about 800) and many overlapping
 * features, so it needs a much stronger L2 penalty; chosen by grouped cross-validation.
 */
export const OPEN_CLOSED_TRAINING_OPTIONS: TrainingOptions = {
  ...DEFAULT_TRAINING_OPTIONS,
  l2: 0.3,
  // Annotators disagree most on the words ("any concerns?" is open in some conversations, closed in
  // others) and least on the form (a wh-question vs a yes/no question), so the form of the question is
  // barely penalised and every word needs strong evidence. Figures: docs/classifier.md (24 groupings, 79.2% -> 79.9%).
  lightlyPenalized: { prefixes: [...QUESTION_FORM_FEATURES], l2: 0.0001 },
};

export const OPEN_CLOSED_SPACE: ModelSpace = {
  labels: ['question_open', 'question_closed'],
  featurize: (text, previousClient) => extractOpenClosedFeatures(text, previousClient),
};

interface EncodedExample {
  indices: number[];
  values: number[];
  label: number;
  weight: number;
}

/** Rounds weights so the JSON stays small; 3 decimals is far below what changes a decision. */
function roundWeight(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** What a model is trained on: its labels and how an utterance becomes features. */
export interface ModelSpace {
  labels: readonly UtteranceLabel[];
  featurize: (text: string, previousClient: string) => FeatureVector;
}

export const MAIN_SPACE: ModelSpace = { labels: UTTERANCE_LABELS, featurize: extractFeatures };

/**
 * Trains the six-label first stage on every example and the open/closed stage on the questions only,
 * and returns one model holding both.
 */
export function trainTwoStageModel(
  examples: LabelledUtterance[],
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  openClosedOptions: TrainingOptions = OPEN_CLOSED_TRAINING_OPTIONS,
  provenance: Record<string, unknown> = {},
): LinearModel {
  const main = trainModel(examples, options, provenance);
  const questions = examples.filter((example) => example.label === 'question_open' || example.label === 'question_closed');
  const { trainedOn, ...openClosed } = trainModel(questions, openClosedOptions, {}, OPEN_CLOSED_SPACE);
  return { ...main, trainedOn: { ...main.trainedOn, openClosed: trainedOn }, openClosed };
}

export function trainModel(
  examples: LabelledUtterance[],
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  provenance: Record<string, unknown> = {},
  space: ModelSpace = MAIN_SPACE,
): LinearModel {
  const layer = trainLinearLayer(examples, space.labels, (example) => space.featurize(example.text, example.previousClient), options, provenance);
  return { format: MODEL_FORMAT, ...layer };
}

/** A trained softmax layer over any label set (no format tag: callers add their own). */
export interface TrainedLayer<L extends string> {
  labels: L[];
  bias: number[];
  weights: Record<string, number[]>;
  trainedOn: Record<string, unknown>;
}

/**
 * The trainer behind `trainModel`, generic over the label set and over what an example is: any
 * labelled item and a function turning it into features (e.g. a single sentence with its own
 * feature set, as the coach's understanding models in server/understand/sentence-classifier.ts do).
 */
export function trainLinearLayer<L extends string, E extends { label: L; weight?: number }>(
  examples: readonly E[],
  spaceLabels: readonly L[],
  featurize: (example: E) => FeatureVector,
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  provenance: Record<string, unknown> = {},
): TrainedLayer<L> {
  const labels = [...spaceLabels];
  const labelCount = labels.length;
  const featureVectors: FeatureVector[] = examples.map((example) => featurize(example));

  const documentCounts = new Map<string, number>();
  for (const vector of featureVectors) for (const name of vector.keys()) documentCounts.set(name, (documentCounts.get(name) ?? 0) + 1);
  const vocabulary: string[] = [...documentCounts.entries()]
    .filter(([, count]) => count >= options.minFeatureCount)
    .map(([name]) => name)
    .sort();
  const indexOf = new Map(vocabulary.map((name, index) => [name, index]));
  const light = options.lightlyPenalized;
  const penalties = vocabulary.map((name) => (light && light.prefixes.some((prefix) => name.startsWith(prefix)) ? light.l2 : options.l2));

  const classTotals = new Array<number>(labelCount).fill(0);
  for (const example of examples) classTotals[labels.indexOf(example.label)]! += example.weight ?? 1;
  const grandTotal = classTotals.reduce((sum, value) => sum + value, 0);
  const classWeights = classTotals.map((total) => (total === 0 ? 0 : Math.pow(grandTotal / labelCount / total, options.classBalance)));

  const encoded: EncodedExample[] = examples.map((example, position) => {
    const indices: number[] = [];
    const values: number[] = [];
    for (const [name, value] of featureVectors[position]!) {
      const index = indexOf.get(name);
      if (index === undefined) continue;
      indices.push(index);
      values.push(value);
    }
    const label = labels.indexOf(example.label);
    return { indices, values, label, weight: (example.weight ?? 1) * (classWeights[label] ?? 1) };
  });
  const weightTotal = encoded.reduce((sum, example) => sum + example.weight, 0);

  const parameterCount = (vocabulary.length + 1) * labelCount; // last row holds the biases
  const biasOffset = vocabulary.length * labelCount;
  const parameters = new Float64Array(parameterCount);
  const gradient = new Float64Array(parameterCount);
  const firstMoment = new Float64Array(parameterCount);
  const secondMoment = new Float64Array(parameterCount);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-8;

  for (let epoch = 1; epoch <= options.epochs; epoch += 1) {
    gradient.fill(0);
    for (const example of encoded) {
      const scores = new Array<number>(labelCount);
      for (let label = 0; label < labelCount; label += 1) scores[label] = parameters[biasOffset + label]!;
      for (let position = 0; position < example.indices.length; position += 1) {
        const base = example.indices[position]! * labelCount;
        const value = example.values[position]!;
        for (let label = 0; label < labelCount; label += 1) scores[label]! += parameters[base + label]! * value;
      }
      const probabilities = softmax(scores);
      const scale = example.weight / weightTotal;
      for (let label = 0; label < labelCount; label += 1) {
        const error = (probabilities[label]! - (label === example.label ? 1 : 0)) * scale;
        gradient[biasOffset + label]! += error;
        for (let position = 0; position < example.indices.length; position += 1) {
          gradient[example.indices[position]! * labelCount + label]! += error * example.values[position]!;
        }
      }
    }
    for (let index = 0; index < biasOffset; index += 1) gradient[index]! += penalties[Math.floor(index / labelCount)]! * parameters[index]!;

    const correction1 = 1 - Math.pow(beta1, epoch);
    const correction2 = 1 - Math.pow(beta2, epoch);
    for (let index = 0; index < parameterCount; index += 1) {
      const g = gradient[index]!;
      firstMoment[index] = beta1 * firstMoment[index]! + (1 - beta1) * g;
      secondMoment[index] = beta2 * secondMoment[index]! + (1 - beta2) * g * g;
      const stepSize = options.learningRate / (Math.sqrt(secondMoment[index]! / correction2) + epsilon);
      parameters[index]! -= stepSize * (firstMoment[index]! / correction1);
    }
  }

  const weights: Record<string, number[]> = {};
  vocabulary.forEach((name, featureIndex) => {
    const row = Array.from(parameters.subarray(featureIndex * labelCount, (featureIndex + 1) * labelCount), roundWeight);
    // A feature whose weights all round to (near) zero changes nothing: leave it out of the file.
    if (row.some((value) => Math.abs(value) >= 0.005)) weights[name] = row;
  });
  return {
    labels,
    bias: Array.from(parameters.subarray(biasOffset), roundWeight),
    weights,
    trainedOn: { ...provenance, options, examples: examples.length, features: Object.keys(weights).length },
  };
}
