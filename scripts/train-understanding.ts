/**
 * `npm run train:understanding`: trains the coach's three sentence classifiers (needs, constraints,
 * learning preference) on prompts/training/*.jsonl and writes server/coach/models/<task>.json.
 * Deterministic (full-batch training, sorted data). Also prints a 5-fold stratified
 * cross-validated accuracy of each classifier on the corpus. See docs/understanding.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_TRAINING_OPTIONS, trainLinearLayer, type TrainingOptions } from '../server/classify/train.js';
import { constraintCueFeatures } from '../server/coach/constraints.js';
import { needCueFeatures } from '../server/coach/needs.js';
import { learningCueFeatures } from '../server/coach/slots.js';
import {
  SENTENCE_MODEL_FORMAT,
  SENTENCE_TASKS,
  classifySentence,
  parseSentenceModel,
  sentenceFeatures,
  type SentenceModel,
  type SentenceTask,
} from '../server/coach/sentence-classifier.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const UNDERSTANDING_TRAINING_OPTIONS: TrainingOptions = {
  ...DEFAULT_TRAINING_OPTIONS,
  minFeatureCount: 3,
  l2: 0.002,
  epochs: 300,
  learningRate: 0.05,
  classBalance: 1,
  ...(process.env.UNDERSTANDING_OPTIONS ? (JSON.parse(process.env.UNDERSTANDING_OPTIONS) as Partial<TrainingOptions>) : {}),
};

interface Example {
  text: string;
  label: string;
}

function readCorpus(task: SentenceTask): Example[] {
  const labels = SENTENCE_TASKS[task] as readonly string[];
  const Row = z.object({ text: z.string().min(1), label: z.string().refine((label) => labels.includes(label), 'unknown label') });
  const path = join(root, 'prompts/training', `${task}.jsonl`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = Row.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** The lexicon cue features each task's model is trained with (and must be given when classifying). */
const CUE_FEATURES: Record<SentenceTask, (sentence: string) => string[]> = {
  needs: needCueFeatures,
  constraints: constraintCueFeatures,
  learning: learningCueFeatures,
};

function train(task: SentenceTask, examples: Example[], provenance: Record<string, unknown> = {}): SentenceModel {
  const labels = SENTENCE_TASKS[task] as readonly string[];
  const layer = trainLinearLayer(examples, labels, (example) => sentenceFeatures(example.text, CUE_FEATURES[task](example.text)), UNDERSTANDING_TRAINING_OPTIONS, provenance);
  return { format: SENTENCE_MODEL_FORMAT, task, ...layer };
}

/** Stratified folds: within each label, examples in corpus order go round-robin to the folds. */
function crossValidate(task: SentenceTask, examples: Example[], folds = 5): { accuracy: number; perLabel: Record<string, string>; kindGivenNotNone: number; noneKept: number } {
  const seen = new Map<string, number>();
  const foldOf = examples.map((example) => {
    const count = seen.get(example.label) ?? 0;
    seen.set(example.label, count + 1);
    return count % folds;
  });
  let correct = 0;
  let kindRight = 0;
  let noneRight = 0;
  const hits = new Map<string, [number, number]>();
  for (let fold = 0; fold < folds; fold += 1) {
    const model = train(task, examples.filter((_, index) => foldOf[index] !== fold));
    examples.forEach((example, index) => {
      if (foldOf[index] !== fold) return;
      const prediction = classifySentence(task, example.text, model, CUE_FEATURES[task](example.text));
      const predicted = prediction.label;
      if (example.label === 'none') noneRight += predicted === 'none' ? 1 : 0;
      else {
        // Which kind the model prefers once "none" is set aside (what the coach uses with a threshold).
        const ranked = Object.entries(prediction.probabilities as Record<string, number>).filter(([label]) => label !== 'none').sort((first, second) => second[1] - first[1]);
        if (ranked[0]?.[0] === example.label) kindRight += 1;
      }
      const entry = hits.get(example.label) ?? [0, 0];
      entry[1] += 1;
      if (predicted === example.label) {
        correct += 1;
        entry[0] += 1;
      }
      hits.set(example.label, entry);
    });
  }
  const perLabel: Record<string, string> = {};
  for (const [label, [right, total]] of hits) perLabel[label] = `${right}/${total}`;
  const noneTotal = examples.filter((example) => example.label === 'none').length;
  return { accuracy: correct / examples.length, perLabel, kindGivenNotNone: kindRight / (examples.length - noneTotal), noneKept: noneRight / noneTotal };
}

function main(): void {
  const skipCv = process.argv.includes('--no-cv');
  mkdirSync(join(root, 'server/coach/models'), { recursive: true });
  for (const task of Object.keys(SENTENCE_TASKS) as SentenceTask[]) {
    const examples = readCorpus(task);
    const counts: Record<string, number> = {};
    for (const example of examples) counts[example.label] = (counts[example.label] ?? 0) + 1;
    const started = performance.now();
    const model = train(task, examples, { corpus: `prompts/training/${task}.jsonl`, counts });
    parseSentenceModel(model, task);
    const path = join(root, 'server/coach/models', `${task}.json`);
    const json = `${JSON.stringify(model)}\n`;
    writeFileSync(path, json);
    const lines = [`${task}: ${examples.length} sentences, ${Object.keys(model.weights).length} features, ${(json.length / 1024).toFixed(0)} KB, trained in ${((performance.now() - started) / 1000).toFixed(1)} s`];
    if (!skipCv) {
      const cv = crossValidate(task, examples);
      lines.push(`  5-fold CV: accuracy ${(100 * cv.accuracy).toFixed(1)}%; right kind among non-none labels for non-none sentences ${(100 * cv.kindGivenNotNone).toFixed(1)}%; none kept none ${(100 * cv.noneKept).toFixed(1)}%`);
      lines.push(`  per label (right/total): ${Object.entries(cv.perLabel).map(([label, value]) => `${label} ${value}`).join(', ')}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

main();
