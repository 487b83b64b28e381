import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSafetyContent, type SafetyContent } from '../safety/safety-content.js';
import { CONTENT_DIRECTORY } from './lexicon-files.js';
import { createCrisisScreen, type CrisisScreen } from '../safety/crisis-screen.js';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Reads and validates the safety content (lexicons, help texts, crisis model) from content/. */
export function loadSafetyContent(directory = CONTENT_DIRECTORY): SafetyContent {
  const modelPath = join(directory, 'models', 'crisis.json');
  return parseSafetyContent({
    crisis: readJson(join(directory, 'lexicon', 'crisis.json')),
    safe: readJson(join(directory, 'lexicon', 'crisis-safe.json')),
    answers: readJson(join(directory, 'lexicon', 'crisis-answers.json')),
    texts: readJson(join(directory, 'safety', 'help.json')),
    model: existsSync(modelPath) ? readJson(modelPath) : null,
  });
}

let cached: SafetyContent | null = null;
/** The safety content, read once per process (the start-up loader calls it first). */
export function safetyContent(): SafetyContent {
  cached ??= loadSafetyContent();
  return cached;
}

let screen: CrisisScreen | null = null;
/** The crisis screen built from the shipped content, built once per process. */
export function defaultCrisisScreen(): CrisisScreen {
  screen ??= createCrisisScreen(safetyContent());
  return screen;
}
