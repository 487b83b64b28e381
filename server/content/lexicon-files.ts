import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of the content a coach or trainer may edit (content/ at the repo root). */
export const CONTENT_DIRECTORY = new URL('../../content/', import.meta.url).pathname;

/** Reads one lexicon document (validated by the part that compiles it). */
export function readLexiconDocument(name: string, directory = join(CONTENT_DIRECTORY, 'lexicon')): unknown {
  return JSON.parse(readFileSync(join(directory, `${name}.json`), 'utf8'));
}

/** Names of every lexicon file, for the generic example test. */
export function lexiconNames(directory = join(CONTENT_DIRECTORY, 'lexicon')): string[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}
