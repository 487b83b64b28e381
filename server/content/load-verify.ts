import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FallbacksSchema, type Fallbacks } from '../phrase/verify.js';
import { compileLexicon, type Lexicon } from '../understand/lexicon.js';
import { ActEntrySchema, type ActsLexicon } from '../understand/acts.js';
import { AdviceBankSchema, type AdviceBank } from '../policy/advice.js';
import { CorrectionEntrySchema, PartEntrySchema, type CorrectionLexicons } from '../understand/corrections.js';
import { CONTENT_DIRECTORY, readLexiconDocument } from './lexicon-files.js';

/**
 * Reads what the verifier needs: the wording the coach must never say
 * (content/lexicon/verify-wording.json) and the plain lines said when nothing else passes
 * (content/phrases/fallbacks.json). Throws, naming the file and field, when either is invalid.
 */
export function loadVerifyContent(directory: string = CONTENT_DIRECTORY): { wording: Lexicon<unknown>; fallbacks: Fallbacks } {
  const wording = compileLexicon('verify-wording', readLexiconDocument('verify-wording', join(directory, 'lexicon')));
  const file = join(directory, 'phrases', 'fallbacks.json');
  const parsed = FallbacksSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`content/phrases/fallbacks.json: ${z.prettifyError(parsed.error)}`);
  return { wording, fallbacks: parsed.data };
}

/** The acts lexicon (content/lexicon/acts.json): every entry names the act it reads. */
export function loadActsLexicon(directory: string = CONTENT_DIRECTORY): ActsLexicon {
  return compileLexicon('acts', readLexiconDocument('acts', join(directory, 'lexicon')), ActEntrySchema);
}

/** The advice bank (content/phrases/advice.json). */
export function loadAdviceBank(directory: string = CONTENT_DIRECTORY): AdviceBank {
  const parsed = AdviceBankSchema.safeParse(JSON.parse(readFileSync(join(directory, 'phrases', 'advice.json'), 'utf8')));
  if (!parsed.success) throw new Error(`content/phrases/advice.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
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
export function loadNotAPart(directory: string = CONTENT_DIRECTORY): Lexicon<unknown> {
  return compileLexicon('not-a-part', readLexiconDocument('not-a-part', join(directory, 'lexicon')));
}
