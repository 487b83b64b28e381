import { join } from 'node:path';
import { compileFeelingLexicon, type FeelingLexicon } from '../understand/feelings.js';
import { compileIntentLexicons, type IntentLexicons } from '../understand/intents.js';
import { compileLexicon, type Lexicon } from '../understand/lexicon.js';
import { ActEntrySchema, type ActsLexicon } from '../understand/acts.js';
import { AskedPartEntrySchema, PartLabelEntrySchema, type AskedParts, type PartLabels } from '../understand/part-labels.js';
import { CorrectionEntrySchema, PartEntrySchema, type CorrectionLexicons } from '../understand/corrections.js';
import { compilePartCheck, type PartCheck } from '../understand/part-check.js';
import { partModelRefuses } from '../understand/part-kind.js';
import type { UnderstandingModels } from '../understand/sentence-classifier.js';
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

/** The acts lexicon (content/lexicon/acts.json): every entry names the act it reads. */
export function loadActsLexicon(directory: string = CONTENT_DIRECTORY): ActsLexicon {
  return compileLexicon('acts', readLexiconDocument('acts', join(directory, 'lexicon')), ActEntrySchema);
}

/** The forms of a correction of the statement and the names of its parts (content/lexicon/corrections.json, statement-parts.json). */
export function loadCorrectionLexicons(directory: string = CONTENT_DIRECTORY): CorrectionLexicons {
  const lexicons = join(directory, 'lexicon');
  return {
    corrections: compileLexicon('corrections', readLexiconDocument('corrections', lexicons), CorrectionEntrySchema),
    parts: compileLexicon('statement-parts', readLexiconDocument('statement-parts', lexicons), PartEntrySchema),
  };
}

/** Answers that cannot fill a part of the statement (content/lexicon/not-a-part.json). */
/** What a first experiment must say, and what is never one (content/lexicon/experiment-check.json). */
export function loadExperimentCheck(directory: string = CONTENT_DIRECTORY): Lexicon<unknown> {
  return compileLexicon('experiment-check', readLexiconDocument('experiment-check', join(directory, 'lexicon')));
}

/** The type check every statement part passes before it is kept (content/lexicon/part-check.json). */
export function loadPartCheck(directory: string = CONTENT_DIRECTORY, models?: Pick<UnderstandingModels, 'parts' | 'vectors'>): PartCheck {
  return compilePartCheck(readLexiconDocument('part-check', join(directory, 'lexicon')), models ? partModelRefuses(models.parts, models.vectors) : undefined);
}

export function loadNotAPart(directory: string = CONTENT_DIRECTORY): Lexicon<unknown> {
  return compileLexicon('not-a-part', readLexiconDocument('not-a-part', join(directory, 'lexicon')));
}

/** Noun phrases that are never a topic for the coach's question to follow (content/lexicon/topic-words.json). */
export function loadTopicWords(directory: string = CONTENT_DIRECTORY): Lexicon<unknown> {
  return compileLexicon('topic-words', readLexiconDocument('topic-words', join(directory, 'lexicon')));
}

/** The part a question to the coach names ("what's a first experiment?"), with the bank slot it means (content/lexicon/asked-parts.json). */
export function loadAskedParts(directory: string = CONTENT_DIRECTORY): AskedParts {
  return compileLexicon('asked-parts', readLexiconDocument('asked-parts', join(directory, 'lexicon')), AskedPartEntrySchema);
}

/** Labels a client puts before an answer, and the part each names (content/lexicon/part-labels.json). */
export function loadPartLabels(directory: string = CONTENT_DIRECTORY): PartLabels {
  return compileLexicon('part-labels', readLexiconDocument('part-labels', join(directory, 'lexicon')), PartLabelEntrySchema);
}
