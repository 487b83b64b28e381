import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpellingRepairFileSchema, type SpellingRepair } from '../understand/spelling-repair.js';
import { parseWordList } from '../understand/word-vectors.js';
import { compileCleanLexicons, type CleanLexicons } from '../understand/clean.js';
import { CONTENT_DIRECTORY, readLexiconDocument } from './lexicon-files.js';

/** The lexicon files the normaliser reads, by role. */
export const CLEAN_LEXICON_FILES = { fillers: 'clean-fillers', restarts: 'clean-restarts', spelling: 'chat-spelling' } as const;

/**
 * Reads and validates the normaliser's lexicons (content/lexicon/clean-fillers.json,
 * clean-restarts.json, chat-spelling.json). Throws a `LexiconError` naming the file and entry on
 * a bad pattern or a missing field. Call once at start-up and pass the result to `cleanText`.
 */
export function loadCleanLexicons(directory = join(CONTENT_DIRECTORY, 'lexicon'), vocabulary?: ReadonlyMap<string, number>): CleanLexicons {
  return compileCleanLexicons(
    {
      fillers: readLexiconDocument(CLEAN_LEXICON_FILES.fillers, directory),
      restarts: readLexiconDocument(CLEAN_LEXICON_FILES.restarts, directory),
      spelling: readLexiconDocument(CLEAN_LEXICON_FILES.spelling, directory),
    },
    loadSpellingRepair(directory, vocabulary),
  );
}

/**
 * The spelling repair's settings (content/models/spelling-repair.json) and its vocabulary: the word
 * vectors' index (word → row, rows by frequency), passed in when the vectors are already loaded (the
 * start-up loader), read from the file's word list otherwise (tools and tests that clean alone).
 */
export function loadSpellingRepair(directory = join(CONTENT_DIRECTORY, 'lexicon'), vocabulary?: ReadonlyMap<string, number>): SpellingRepair {
  const settings = SpellingRepairFileSchema.parse(JSON.parse(readFileSync(join(directory, '..', 'models', 'spelling-repair.json'), 'utf8')));
  const ranks = vocabulary ?? new Map(parseWordList(readFileSync(join(directory, '..', 'models', 'word-vectors.bin'))).map((word, rank) => [word, rank]));
  return { settings, keeps: new Set(settings.keeps), vocabulary: ranks };
}
