/**
 * Retrains the offline utterance classifier on the development data and writes
 * content/models/utterance-classifier.json.   Usage: npm run train:classifier [-- path/to/data.jsonl]
 * Deterministic: the same data gives byte-identical weights.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { MODEL_FILES } from '../server/content/load-content.js';
import { CONTENT_DIRECTORY } from '../server/content/lexicon-files.js';
import { DEFAULT_DATA_PATH, readDataset } from '../server/classify/dataset.js';
import type { LinearModel } from '../server/classify/model.js';
import { SEED_EXAMPLES } from '../server/classify/seed-examples.js';
import { DEFAULT_TRAINING_OPTIONS, OPEN_CLOSED_TRAINING_OPTIONS, trainTwoStageModel } from '../server/classify/train.js';

/** One feature per line: small diffs between retrainings, still compact. */
export function serializeModel(model: LinearModel): string {
  const { weights, openClosed, ...header } = model;
  const weightRows = (table: Record<string, number[]>, indent: string): string =>
    Object.keys(table)
      .sort()
      .map((name) => `${indent}${JSON.stringify(name)}: ${JSON.stringify(table[name])}`)
      .join(',\n');
  const headerJson = JSON.stringify(header, null, 2);
  let text = `${headerJson.slice(0, -2)},\n  "weights": {\n${weightRows(weights, '    ')}\n  }`;
  if (openClosed) {
    const { weights: stageWeights, ...stageHeader } = openClosed;
    const stageJson = JSON.stringify(stageHeader, null, 2).replace(/\n/g, '\n  ');
    text += `,\n  "openClosed": ${stageJson.slice(0, -4)},\n    "weights": {\n${weightRows(stageWeights, '      ')}\n    }\n  }`;
  }
  return `${text}\n}\n`;
}

const dataPath = process.argv[2] ?? process.env.ANNOMI_DEV_PATH ?? DEFAULT_DATA_PATH;
const started = performance.now();
const rows = readDataset(dataPath);
const dataHash = createHash('sha256').update(readFileSync(dataPath)).digest('hex').slice(0, 16);
const model = trainTwoStageModel([...rows, ...SEED_EXAMPLES], DEFAULT_TRAINING_OPTIONS, OPEN_CLOSED_TRAINING_OPTIONS, {
  data: basename(dataPath),
  dataSha256: dataHash,
  seedExamples: SEED_EXAMPLES.length,
});
const text = serializeModel(model);
const MODEL_PATH = join(CONTENT_DIRECTORY, MODEL_FILES.utteranceClassifier);
writeFileSync(MODEL_PATH, text);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.error(
  `trained on ${rows.length} utterances + ${SEED_EXAMPLES.length} seed examples: ${Object.keys(model.weights).length} features (open/closed stage: ${Object.keys(model.openClosed?.weights ?? {}).length}), ` +
    `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB -> ${MODEL_PATH} (${seconds} s)`,
);
