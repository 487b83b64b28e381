import { z } from 'zod';
import { compileLexicon, lexiconText } from './lexicon.js';
import { withoutQuotes } from './text.js';

/**
 * Feeling words, grouped under the word the coach will use when naming them. Naming a feeling
 * the client only implied is what makes a reflection complex rather than a repetition. The words
 * are data (content/lexicon/feelings.json), loaded once at start-up and passed in.
 */

/** A 'feeling' entry names the feeling it reads; a 'cut' entry is cut out of the text before feelings are read. */
const FeelingEntryExtra = z.discriminatedUnion('kind', [z.object({ kind: z.literal('feeling'), feeling: z.string().min(1) }), z.object({ kind: z.literal('cut') })]);

export interface FeelingLexicon {
  /** Cut out first, in file order: a feeling denied, someone else's feeling (global patterns). */
  cuts: RegExp[];
  /** In file order, strongest cue first. */
  feelings: { feeling: string; regex: RegExp }[];
}

/** Validates and compiles content/lexicon/feelings.json (read by the caller). Throws LexiconError. */
export function compileFeelingLexicon(document: unknown): FeelingLexicon {
  const lexicon = compileLexicon('feelings', document, FeelingEntryExtra);
  return {
    cuts: lexicon.entries.filter((entry) => entry.data.kind === 'cut').map((entry) => new RegExp(entry.regex.source, 'giu')),
    feelings: lexicon.entries.flatMap((entry) => (entry.data.kind === 'feeling' ? [{ feeling: entry.data.feeling, regex: entry.regex }] : [])),
  };
}

/** The feelings voiced or clearly implied in `text`, strongest cue first, each named once. */
export function findFeelings(lexicon: FeelingLexicon, text: string): string[] {
  // "I'm not scared of the conversation", "never been worried about that": a feeling denied is not voiced.
  // "bugs they were embarrassed about": someone else's feeling is not the client's.
  // "no words like 'overcome fear'": a feeling word they quote (the coach's, the draft's) is not theirs.
  const lower = lexicon.cuts.reduce((form, cut) => form.replace(cut, ' '), lexiconText(withoutQuotes(text)));
  return [...new Set(lexicon.feelings.filter(({ regex }) => regex.test(lower)).map(({ feeling }) => feeling))];
}

/** Feelings that call for a gentle, validating reflection rather than a cheerful one. */
export const DIFFICULT_FEELINGS = new Set(['overwhelmed', 'stuck', 'frustrated', 'anxious', 'exhausted', 'uncertain', 'afraid', 'discouraged', 'isolated', 'guilty', 'embarrassed', 'awkward', 'torn', 'undervalued', 'angry']);
