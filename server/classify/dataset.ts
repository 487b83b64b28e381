/**
 * Reading the AnnoMI-derived development data (see ../shared/data/README.md next to the repository).
 * Used by training and evaluation scripts only; serving never touches the data set.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UTTERANCE_LABELS } from '../domain/schemas.js';
import type { LabelledUtterance } from './train.js';

/** `../shared/data/annomi-dev.jsonl` beside the repository; pass a path or set ANNOMI_DEV_PATH to read another copy. */
export const DEFAULT_DATA_PATH = fileURLToPath(new URL('../../../shared/data/annomi-dev.jsonl', import.meta.url));

const RowSchema = z.object({
  transcript: z.union([z.number(), z.string()]),
  utterance: z.number(),
  previous_client: z.string().default(''),
  text: z.string(),
  label: z.enum(UTTERANCE_LABELS),
});

export interface DatasetRow extends LabelledUtterance {
  transcript: string;
  utterance: number;
}

export function readDataset(path = process.env.ANNOMI_DEV_PATH ?? DEFAULT_DATA_PATH): DatasetRow[] {
  const rows: DatasetRow[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const line of lines) {
    if (line.trim() === '') continue;
    const row = RowSchema.parse(JSON.parse(line));
    rows.push({
      transcript: String(row.transcript),
      utterance: row.utterance,
      text: row.text,
      previousClient: row.previous_client,
      label: row.label,
    });
  }
  // Some conversations were labelled by several annotators: each copy of an utterance then counts
  // 1/n in training so those conversations do not dominate, while evaluation keeps every copy.
  const copies = new Map<string, number>();
  for (const row of rows) copies.set(`${row.transcript}#${row.utterance}`, (copies.get(`${row.transcript}#${row.utterance}`) ?? 0) + 1);
  for (const row of rows) row.weight = 1 / (copies.get(`${row.transcript}#${row.utterance}`) ?? 1);
  return rows;
}

/** Utterances per transcript. */
function transcriptSizes(rows: DatasetRow[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(row.transcript, (sizes.get(row.transcript) ?? 0) + 1);
  return sizes;
}

/** Puts each transcript, in the given order, into the fold holding the fewest utterances so far. */
function placeInSmallestFold(order: Iterable<string>, sizes: Map<string, number>, foldSizes: number[], foldOf: Map<string, number>): Map<string, number> {
  for (const transcript of order) {
    let smallest = 0;
    for (let fold = 1; fold < foldSizes.length; fold += 1) if (foldSizes[fold]! < foldSizes[smallest]!) smallest = fold;
    foldOf.set(transcript, smallest);
    foldSizes[smallest]! += sizes.get(transcript)!;
  }
  return foldOf;
}

/**
 * Assigns every transcript to one of `foldCount` folds, balancing the number of utterances per fold
 * (largest transcripts first, each to the currently smallest fold). Deterministic.
 */
export function foldsByTranscript(rows: DatasetRow[], foldCount: number): Map<string, number> {
  const sizes = transcriptSizes(rows);
  const ordered = [...sizes.entries()].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0])).map(([transcript]) => transcript);
  return placeInSmallestFold(ordered, sizes, new Array<number>(foldCount).fill(0), new Map());
}

/**
 * Another grouping of the transcripts into `foldCount` folds, drawn with a seeded generator so every run
 * gives the same folds: conversations labelled by several annotators each go to a different fold (they
 * are the largest blocks), the others are shuffled and each put in the currently smallest fold.
 * Repeating cross-validation over several such groupings shows how much a figure owes to one split.
 */
export function seededFoldsByTranscript(rows: DatasetRow[], foldCount: number, seed: number): Map<string, number> {
  let state = (seed * 2654435761) >>> 0;
  const random = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const sizes = transcriptSizes(rows);
  const multiplyAnnotated = new Set(rows.filter((row) => (row.weight ?? 1) < 1).map((row) => row.transcript));
  const shuffle = (items: string[]): string[] => {
    const result = [...items].sort();
    for (let index = result.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [result[index], result[other]] = [result[other]!, result[index]!];
    }
    return result;
  };
  const foldSizes = new Array<number>(foldCount).fill(0);
  const foldOf = new Map<string, number>();
  const offset = Math.floor(random() * foldCount);
  shuffle([...multiplyAnnotated]).forEach((transcript, index) => {
    const fold = (offset + index) % foldCount;
    foldOf.set(transcript, fold);
    foldSizes[fold]! += sizes.get(transcript)!;
  });
  return placeInSmallestFold(shuffle([...sizes.keys()].filter((name) => !multiplyAnnotated.has(name))), sizes, foldSizes, foldOf);
}
