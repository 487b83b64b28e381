import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDateWords, type DateWords } from '../calendar/date-words.js';
import { CONTENT_DIRECTORY } from './lexicon-files.js';

/** Reads and validates content/calendar/calendar-words.json once, at start-up. */
export function loadDateWords(directory = CONTENT_DIRECTORY): DateWords {
  return parseDateWords(JSON.parse(readFileSync(join(directory, 'calendar', 'calendar-words.json'), 'utf8')));
}
