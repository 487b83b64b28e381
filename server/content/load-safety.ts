import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSafetyContent, type SafetyContent } from '../understand/safety-content.js';
import { parseWordVectors, type WordVectors } from '../understand/word-vectors.js';
import { CONTENT_DIRECTORY } from './lexicon-files.js';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Reads and validates the safety content (lexicons, help texts, crisis model) from content/. The
 * server calls it once, through loadContent (which passes the word vectors it has already read);
 * training and evaluation scripts call it directly.
 */
export function loadSafetyContent(directory = CONTENT_DIRECTORY, vectors?: WordVectors): SafetyContent {
  const modelPath = join(directory, 'models', 'crisis.json');
  const vectorPath = join(directory, 'models', 'word-vectors.bin');
  return parseSafetyContent({
    crisis: readJson(join(directory, 'lexicon', 'crisis.json')),
    safe: readJson(join(directory, 'lexicon', 'crisis-safe.json')),
    answers: readJson(join(directory, 'lexicon', 'crisis-answers.json')),
    resume: readJson(join(directory, 'lexicon', 'resume.json')),
    clauses: readJson(join(directory, 'lexicon', 'clause-breaks.json')),
    spelling: readJson(join(directory, 'lexicon', 'crisis-spelling.json')),
    texts: readJson(join(directory, 'safety', 'help.json')),
    model: existsSync(modelPath) ? readJson(modelPath) : null,
    vectors: vectors ?? (existsSync(vectorPath) ? parseWordVectors(readFileSync(vectorPath)) : null),
  });
}
