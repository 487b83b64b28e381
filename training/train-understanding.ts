/**
 * `npm run train:understanding`: trains the coach's three sentence classifiers (needs, constraints,
 * learning preference) on every training/understanding/<task>*.jsonl file and writes
 * content/models/<task>.json. Deterministic (full-batch training, files in name order).
 * Also prints a cross-author CV (each corpus file, written by a different author, is tested by a
 * model trained on the other files) and a 5-fold stratified CV. See docs/understanding.md.
 * Options: --no-cv (train only), --author-cv (only the cross-author CV), --task=needs|constraints|learning|questions|parts,
 * --embedding-scale=N (weight of the word-vector features; 0 turns them off; the shipped models use 3;
 * any other value is an experiment and writes no model).
 * Every run, with or without CV, also writes the retrained model(s) to content/models/.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { trainLinearLayer } from '../server/classify/train.js';
import { UNDERSTANDING_TRAINING_OPTIONS } from './understanding-options.js';
import { withStoredForms } from './parts-augment.js';
import { constraintCueFeatures } from '../server/understand/constraints.js';
import { needCueFeatures } from '../server/understand/needs.js';
import { learningCueFeatures } from '../server/understand/slots.js';
import { questionCueFeatures } from '../server/understand/question-kind.js';
import { partCueFeatures } from '../server/understand/part-kind.js';
import { parseWordVectors } from '../server/understand/word-vectors.js';
import {
  SENTENCE_MODEL_FORMAT,
  SENTENCE_TASKS,
  classifySentence,
  parseSentenceModel,
  sentenceFeatures,
  setEmbeddingScaleForTraining,
  type SentenceModel,
  type SentenceTask,
} from '../server/understand/sentence-classifier.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The word vectors the sentence features read (content/models/word-vectors.bin, built by `npm run build:vectors`). */
const vectors = parseWordVectors(readFileSync(join(root, 'content/models/word-vectors.bin')));

export { UNDERSTANDING_TRAINING_OPTIONS };

interface Example {
  text: string;
  label: string;
  /** The corpus file (one author each): the group of the cross-author CV. */
  file: string;
}

/** The task's corpus files: `<task>.jsonl` and any `<task>-<suffix>.jsonl`, in name order. */
export function corpusFiles(task: SentenceTask): string[] {
  const pattern = new RegExp(`^${task}(?:-[\\w.-]+)?\\.jsonl$`);
  return readdirSync(join(root, 'training/understanding')).filter((name) => pattern.test(name)).sort();
}

export function readCorpus(task: SentenceTask): Example[] {
  const rows = readRows(task);
  // The part reader judges words as they are stored as a part: each row in those forms too (parts-augment.ts).
  return task === 'parts' ? withStoredForms(rows) : rows;
}

function readRows(task: SentenceTask): Example[] {
  const labels = SENTENCE_TASKS[task] as readonly string[];
  const Row = z.object({ text: z.string().min(1), label: z.string().refine((label) => labels.includes(label), 'unknown label') });
  return corpusFiles(task).flatMap((file) => {
    const path = join(root, 'training/understanding', file);
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        const parsed = Row.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.issues[0]?.message}`);
        return { ...parsed.data, file };
      });
  });
}

/** The lexicon cue features each task's model is trained with (and must be given when classifying). */
const CUE_FEATURES: Record<SentenceTask, (sentence: string) => string[]> = {
  needs: needCueFeatures,
  constraints: constraintCueFeatures,
  learning: learningCueFeatures,
  questions: questionCueFeatures,
  parts: partCueFeatures,
};

/** Largest model file written (the unit test allows 300 KB). */
export const MODEL_BYTE_BUDGET = 280 * 1024;

/**
 * Keeps a model under MODEL_BYTE_BUDGET: weights rounded to 2 decimals, then the features with the
 * smallest largest weight are dropped until the JSON fits (they change few decisions; the CV below
 * is run on compacted models, so its figures include the loss).
 */
function compact(model: SentenceModel): SentenceModel {
  const round = (value: number): number => Math.round(value * 100) / 100;
  const rows = Object.entries(model.weights)
    .map(([name, row]) => [name, row.map(round)] as const)
    .filter(([, row]) => row.some((value) => value !== 0))
    .sort((first, second) => Math.max(...second[1].map(Math.abs)) - Math.max(...first[1].map(Math.abs)) || (first[0] < second[0] ? -1 : 1));
  const rowBytes = rows.map(([name, row]) => JSON.stringify(name).length + JSON.stringify(row).length + 2);
  let budget = MODEL_BYTE_BUDGET - JSON.stringify({ ...model, weights: {} }).length;
  let kept = 0;
  while (kept < rows.length && budget - rowBytes[kept]! > 0) budget -= rowBytes[kept++]!;
  const weights = Object.fromEntries(rows.slice(0, kept).sort((first, second) => (first[0] < second[0] ? -1 : 1)));
  return { ...model, weights, trainedOn: { ...model.trainedOn, features: kept, featuresDropped: rows.length - kept } };
}

function train(task: SentenceTask, examples: Example[], provenance: Record<string, unknown> = {}): SentenceModel {
  const labels = SENTENCE_TASKS[task] as readonly string[];
  const layer = trainLinearLayer(examples, labels, (example) => sentenceFeatures(vectors, example.text, CUE_FEATURES[task](example.text)), UNDERSTANDING_TRAINING_OPTIONS, provenance);
  return compact({ format: SENTENCE_MODEL_FORMAT, task, ...layer });
}

/** Stratified folds: within each label, examples in corpus order go round-robin to the folds. */
function stratifiedFolds(examples: Example[], folds = 5): number[] {
  const seen = new Map<string, number>();
  return examples.map((example) => {
    const count = seen.get(example.label) ?? 0;
    seen.set(example.label, count + 1);
    return count % folds;
  });
}

/** One fold per corpus file: a model trained on the other authors' files is tested on this one. */
function authorFolds(examples: Example[]): number[] {
  const files = [...new Set(examples.map((example) => example.file))];
  return examples.map((example) => files.indexOf(example.file));
}

interface CvFigures {
  accuracy: number;
  perLabel: Record<string, string>;
  kindGivenNotNone: number;
  noneKept: number;
  /** Area under the ROC curve of 1 - P(none) for "voices something" against none, averaged over folds. */
  auc: number;
}

function areaUnderCurve(scored: Array<[number, boolean]>): number {
  const sorted = [...scored].sort((first, second) => first[0] - second[0]);
  let rankSum = 0;
  let positives = 0;
  sorted.forEach(([, positive], index) => {
    if (positive) {
      rankSum += index + 1;
      positives += 1;
    }
  });
  const negatives = sorted.length - positives;
  return positives === 0 || negatives === 0 ? Number.NaN : (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function crossValidate(task: SentenceTask, examples: Example[], foldOf: number[]): CvFigures {
  const folds = Math.max(...foldOf) + 1;
  const aucs: number[] = [];
  let correct = 0;
  let kindRight = 0;
  let noneRight = 0;
  const hits = new Map<string, [number, number]>();
  for (let fold = 0; fold < folds; fold += 1) {
    const model = train(task, examples.filter((_, index) => foldOf[index] !== fold));
    const scored: Array<[number, boolean]> = [];
    examples.forEach((example, index) => {
      if (foldOf[index] !== fold) return;
      const prediction = classifySentence(task, model, vectors, example.text, CUE_FEATURES[task](example.text));
      scored.push([1 - (prediction.probabilities as Record<string, number>).none!, example.label !== 'none']);
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
    aucs.push(areaUnderCurve(scored));
  }
  const perLabel: Record<string, string> = {};
  for (const [label, [right, total]] of hits) perLabel[label] = `${right}/${total}`;
  const noneTotal = examples.filter((example) => example.label === 'none').length;
  return { accuracy: correct / examples.length, perLabel, kindGivenNotNone: kindRight / (examples.length - noneTotal), noneKept: noneRight / noneTotal, auc: aucs.reduce((sum, value) => sum + value, 0) / aucs.length };
}

function main(): void {
  const skipCv = process.argv.includes('--no-cv');
  // --author-cv: only the cross-author CV (the figure that predicts a new author), for quicker experiments.
  const authorCvOnly = process.argv.includes('--author-cv');
  const only = process.argv.find((argument) => argument.startsWith('--task='))?.slice('--task='.length);
  const scale = process.argv.find((argument) => argument.startsWith('--embedding-scale='))?.slice('--embedding-scale='.length);
  // Another scale is an experiment: its models would be read by a server using 3, so none is written.
  const experiment = scale !== undefined && Number(scale) !== 3;
  if (scale !== undefined) setEmbeddingScaleForTraining(Number(scale));
  mkdirSync(join(root, 'content/models'), { recursive: true });
  for (const task of Object.keys(SENTENCE_TASKS) as SentenceTask[]) {
    if (only && task !== only) continue;
    const examples = readCorpus(task);
    const counts: Record<string, number> = {};
    for (const example of examples) counts[example.label] = (counts[example.label] ?? 0) + 1;
    const started = performance.now();
    const files = corpusFiles(task);
    const model = train(task, examples, { corpus: files.map((file) => `training/understanding/${file}`), counts });
    parseSentenceModel(model, task);
    const path = join(root, 'content/models', `${task}.json`);
    const json = `${JSON.stringify(model)}\n`;
    if (!experiment) writeFileSync(path, json);
    const sizes = files.map((file) => `${file} ${examples.filter((example) => example.file === file).length}`).join(', ');
    const lines = [`${task}: ${examples.length} sentences (${sizes}), ${Object.keys(model.weights).length} features, ${(json.length / 1024).toFixed(0)} KB, trained in ${((performance.now() - started) / 1000).toFixed(1)} s${experiment ? ' (experiment: model not written)' : ''}`];
    if (!skipCv) {
      const describe = (name: string, cv: CvFigures): string =>
        `  ${name}: accuracy ${(100 * cv.accuracy).toFixed(1)}%; right kind among non-none labels for non-none sentences ${(100 * cv.kindGivenNotNone).toFixed(1)}%; none kept none ${(100 * cv.noneKept).toFixed(1)}%; AUC (something vs none) ${(100 * cv.auc).toFixed(1)}`;
      if (files.length > 1) lines.push(describe('cross-author CV (one fold per file)', crossValidate(task, examples, authorFolds(examples))));
      if (!authorCvOnly) {
        const cv = crossValidate(task, examples, stratifiedFolds(examples));
        lines.push(describe('5-fold CV', cv));
        lines.push(`  per label (right/total): ${Object.entries(cv.perLabel).map(([label, value]) => `${label} ${value}`).join(', ')}`);
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

// Run as a script only: training/parts-gate.ts imports the corpus readers.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
