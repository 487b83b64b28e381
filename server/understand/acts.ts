import { z } from 'zod';
import { matchingEntries, type Lexicon } from './lexicon.js';

/** The acts read from `content/lexicon/acts.json`, by the name its entries give in `means`. */
export const LEXICON_ACTS = ['wants_stop', 'asks_about_coach', 'asks_advice', 'declines_to_share', 'pushes_back'] as const;
export type LexiconAct = (typeof LEXICON_ACTS)[number];

/** Each entry of the acts lexicon names the act it reads (checked when the file is loaded). */
export const ActEntrySchema = z.object({ means: z.enum(LEXICON_ACTS) });
export type ActsLexicon = Lexicon<z.infer<typeof ActEntrySchema>>;

/**
 * What a message does, read before what it says: each entry of the acts lexicon that matches
 * names one act. Pure; the lexicon is loaded once at start-up and passed in.
 */
export function readActs(lexicon: ActsLexicon, text: string): LexiconAct[] {
  return [...new Set(matchingEntries(lexicon, text).map((entry) => entry.data.means))];
}
