/**
 * The part gate's figures (server/understand/part-kind.ts): how often the trained part reader
 * refuses real parts (an aim, a sign, a step refused as what it is) and how often it refuses words
 * that are none of them, on a set of labelled rows, at a grid of bars.
 *
 *   npx tsx training/parts-gate.ts --cv                   cross-author: each training file scored by a model trained on the others
 *   npx tsx training/parts-gate.ts --rows FILE.jsonl      the shipped model on other rows (a held-out set)
 */
import { readFileSync } from 'node:fs';
import { trainLinearLayer } from '../server/classify/train.js';
import { loadUnderstandingModels } from '../server/content/load-content.js';
import { partCueFeatures, partProbabilities, PART_GATE } from '../server/understand/part-kind.js';
import { PART_LABELS, SENTENCE_MODEL_FORMAT, sentenceFeatures, type SentenceModel } from '../server/understand/sentence-classifier.js';
import { UNDERSTANDING_TRAINING_OPTIONS } from './understanding-options.js';
import { withStoredForms } from './parts-augment.js';
import { corpusFiles, readCorpus } from './train-understanding.js';

const models = loadUnderstandingModels();
type Row = { text: string; label: (typeof PART_LABELS)[number]; file: string };
const read = (path: string, file: string): Row[] => readFileSync(path, 'utf8').split('\n').filter((line) => line.trim()).map((line) => ({ ...(JSON.parse(line) as { text: string; label: Row["label"] }), file }));

const scored: { row: Row; p: Record<string, number> }[] = [];
const rowsArg = process.argv.indexOf('--rows');
if (rowsArg > 0) {
  for (const row of withStoredForms(read(process.argv[rowsArg + 1]!, 'rows'))) scored.push({ row, p: partProbabilities(models.parts, models.vectors, row.text) });
} else {
  // The corpus as the trainer reads it: every parts*.jsonl file, each row with its stored forms.
  const all = readCorpus('parts') as Row[];
  const files = corpusFiles('parts');
  for (const file of files) {
    const layer = trainLinearLayer(all.filter((row) => row.file !== file), PART_LABELS, (row) => sentenceFeatures(models.vectors, row.text, partCueFeatures(row.text)), UNDERSTANDING_TRAINING_OPTIONS);
    const model: SentenceModel = { format: SENTENCE_MODEL_FORMAT, task: 'parts', ...layer };
    for (const row of all.filter((candidate) => candidate.file === file)) scored.push({ row, p: partProbabilities(model, models.vectors, row.text) });
  }
}

const own = { aim: 'aim', sign: 'sign', step: 'step' } as const;
const bars = [[0.5, 0.2], [0.6, 0.25], [0.6, 0.15], [0.7, 0.2], [0.75, 0.15], [0.8, 0.1]];
console.log(`rows ${scored.length}; shipped bars none ≥ ${PART_GATE.none}, own < ${PART_GATE.own}`);
console.log('| none ≥ | own < | real parts refused as what they are | none-rows refused as an aim | as a sign | as a step |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const [none, ownBar] of bars) {
  const refuses = (p: Record<string, number>, label: 'aim' | 'sign' | 'step') => p.none! >= none! && p[label]! < ownBar!;
  const parts = scored.filter((item) => item.row.label !== 'none');
  const wrong = parts.filter((item) => refuses(item.p, own[item.row.label as keyof typeof own])).length;
  const nones = scored.filter((item) => item.row.label === 'none');
  const rate = (label: 'aim' | 'sign' | 'step') => `${((100 * nones.filter((item) => refuses(item.p, label)).length) / nones.length).toFixed(1)}%`;
  console.log(`| ${none} | ${ownBar} | ${((100 * wrong) / parts.length).toFixed(1)}% (${wrong}/${parts.length}) | ${rate('aim')} | ${rate('sign')} | ${rate('step')} |`);
}
