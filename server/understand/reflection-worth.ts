import { z } from 'zod';
import { compileLexicon, matchingEntries } from './lexicon.js';
import reflectionWorth from '../../content/lexicon/reflection-worth.json' with { type: 'json' };

/**
 * What makes a sentence more or less worth giving back in a reflection (content/lexicon/reflection-worth.json):
 * the weights of the entries it matches, summed. Read by the paraphrase choice (understand.ts) and the
 * reflection builder (framed-reflections.ts).
 */
const REFLECTION_WORTH = compileLexicon('reflection-worth', reflectionWorth, z.object({ weight: z.number() }));

/** A sentence worth this little is never given back, even alone ("My English is not perfect, sorry."). */
export const NOT_WORTH = -4;

export function worthOf(sentence: string): number {
  return matchingEntries(REFLECTION_WORTH, sentence).reduce((sum, entry) => sum + entry.data.weight, 0);
}
