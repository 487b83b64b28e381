import { join } from 'node:path';
import { compileFeelingLexicon, type FeelingLexicon } from '../coach/feelings.js';
import { compileIntentLexicons, type IntentLexicons } from '../coach/intents.js';
import { CONTENT_DIRECTORY, readLexiconDocument } from './lexicon-files.js';

/**
 * Reads and validates what the coach reads a message's acts and feelings from: intents,
 * pleasantries and process questions (content/lexicon/intents.json, pleasantries.json,
 * process-questions.json) and feeling words (feelings.json). Throws a `LexiconError` naming the
 * file and entry on a bad pattern, a missing field or a missing entry. Called once, through loadContent.
 */
export function loadIntentLexicons(directory: string = CONTENT_DIRECTORY): IntentLexicons {
  const lexicons = join(directory, 'lexicon');
  return compileIntentLexicons({
    intents: readLexiconDocument('intents', lexicons),
    pleasantries: readLexiconDocument('pleasantries', lexicons),
    processQuestions: readLexiconDocument('process-questions', lexicons),
  });
}

export function loadFeelingLexicon(directory: string = CONTENT_DIRECTORY): FeelingLexicon {
  return compileFeelingLexicon(readLexiconDocument('feelings', join(directory, 'lexicon')));
}
