/**
 * Retrains the offline utterance classifier on the development data and writes
 * server/classify/model.json.   Usage: npm run train:classifier [-- path/to/data.jsonl]
 * Deterministic: the same data gives byte-identical weights.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_URL } from '../server/classify/classifier.js';
import { DEFAULT_DATA_PATH, readDataset } from '../server/classify/dataset.js';
import type { LinearModel } from '../server/classify/model.js';
import { SEED_EXAMPLES } from '../server/classify/seed-examples.js';
import { DEFAULT_TRAINING_OPTIONS, trainModel } from '../server/classify/train.js';

/** One feature per line: small diffs between retrainings, still compact. */
export function serializeModel(model: LinearModel): string {
  const { weights, ...header } = model;
  const rows = Object.keys(weights)
    .sort()
    .map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(weights[name])}`);
  const headerJson = JSON.stringify(header, null, 2);
  return `${headerJson.slice(0, -2)},\n  "weights": {\n${rows.join(',\n')}\n  }\n}\n`;
}

const dataPath = process.argv[2] ?? process.env.ANNOMI_DEV_PATH ?? DEFAULT_DATA_PATH;
const started = performance.now();
const rows = readDataset(dataPath);
const dataHash = createHash('sha256').update(readFileSync(dataPath)).digest('hex').slice(0, 16);
const model = trainModel([...rows, ...SEED_EXAMPLES], DEFAULT_TRAINING_OPTIONS, {
  data: basename(dataPath),
  dataSha256: dataHash,
  seedExamples: SEED_EXAMPLES.length,
});
const text = serializeModel(model);
writeFileSync(MODEL_URL, text);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.error(
  `trained on ${rows.length} utterances + ${SEED_EXAMPLES.length} seed examples: ${Object.keys(model.weights).length} features, ` +
    `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB -> ${fileURLToPath(MODEL_URL)} (${seconds} s)`,
);
