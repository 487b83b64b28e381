import { z } from 'zod';

/**
 * Repairs a word typed with a letter dropped or two letters swapped ("statment", "actualy", "mayb",
 * "offerd", "thinkin", "gettin") against a vocabulary ranked by frequency: the word vectors' own
 * word list (content/models/word-vectors.bin, the most frequent first). Chat spelling the lexicon
 * knows ("dont", "idk", "u") is expanded before this runs; this catches the typos no list can.
 *
 * It says less rather than wrong: only a lower-case word (a capital may be a name) of a few letters
 * or more that the vocabulary does not hold, only to a frequent word, and only when one repair is
 * far more frequent than any other ("wats" could be "waits" or "watts": left alone). The settings
 * and the examples the test checks are data: content/models/spelling-repair.json.
 */
export const SpellingRepairFileSchema = z.object({
  description: z.string().min(1),
  /** The fewest letters a word needs to be repaired ("regs" is not "regis", "gaz" a name): a short word has too many neighbours. */
  minLength: z.number().int().min(3),
  /** The fewest letters for the dropped g of speech ("goin", "doin"): one repair only, so shorter words may have it. */
  minLengthDroppedG: z.number().int().min(3),
  /** The rank (0 = most frequent) a repair must be within: a rare word is no likelier than a typo. */
  maxRank: z.number().int().positive(),
  /** Endings of inflected words: a word whose stem the vocabulary holds is left ("pints" is not "points"). */
  suffixes: z.array(z.string().min(1)).min(1),
  /** How many times more frequent the best repair must be than the next one. */
  dominance: z.number().min(1),
  /** Typed words and their repair, and words that must be left as typed (never repaired, whatever the vocabulary says): checked by tests/unit/spelling-repair.test.ts. */
  examples: z.array(z.tuple([z.string().min(1), z.string().min(1)])).min(1),
  keeps: z.array(z.string().min(1)).min(1),
  /** Real words the vocabulary lacks whose stem it holds ("pints"): the test checks the inflection rule leaves them. */
  inflected: z.array(z.string().min(1)).min(1),
});
export type SpellingRepairFile = z.infer<typeof SpellingRepairFileSchema>;

export interface SpellingRepair {
  settings: SpellingRepairFile;
  /** Words never repaired (the file's `keeps`): names, jargon and spellings the vocabulary lacks ("statin", "enrolment"). */
  keeps: ReadonlySet<string>;
  /** word → rank, the most frequent 0. */
  vocabulary: ReadonlyMap<string, number>;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A plain lower-case letter a to z (a capital may start a name; an accent is no typo). */
export function isLowerLetter(character: string): boolean {
  return character.length === 1 && LETTERS.includes(character);
}

/** The words one dropped letter (not the first: a word's first letter is rarely the one lost) or one swap away. */
function candidates(word: string): Set<string> {
  const found = new Set<string>();
  for (let at = 1; at <= word.length; at += 1) {
    for (const letter of LETTERS) found.add(word.slice(0, at) + letter + word.slice(at));
  }
  for (let at = 1; at < word.length - 1; at += 1) {
    found.add(word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2));
  }
  found.delete(word);
  return found;
}

/** A stem as written and as the word it came from: "plat" (plating) is "plate", "pott" (potting) is "pot". */
function stems(stem: string): string[] {
  const doubled = stem.length >= 3 && stem.at(-1) === stem.at(-2) ? [stem.slice(0, -1)] : [];
  return [stem, `${stem}e`, ...doubled];
}

/**
 * Repairs found, per repair: every cleaned text (each candidate coach sentence the verifier checks
 * too) asks about its unknown words, and a word's candidates are a few hundred lookups.
 */
const repairsSeen = new WeakMap<SpellingRepair, Map<string, string | null>>();
/** Bound on the words remembered per repair: the oldest are forgotten first. */
const REMEMBERED_WORDS = 4096;

/** The repair of one lower-case word, or null when it is a known word or no repair is clear. */
export function repairWord(repair: SpellingRepair, word: string): string | null {
  let seen = repairsSeen.get(repair);
  if (!seen) repairsSeen.set(repair, (seen = new Map()));
  const known = seen.get(word);
  if (known !== undefined) return known;
  const repaired = findRepair(repair, word);
  if (seen.size >= REMEMBERED_WORDS) seen.delete(seen.keys().next().value!);
  seen.set(word, repaired);
  return repaired;
}

function findRepair(repair: SpellingRepair, word: string): string | null {
  const { settings, vocabulary } = repair;
  if (vocabulary.has(word) || repair.keeps.has(word) || ![...word].every(isLowerLetter)) return null;
  // The dropped g ("thinkin", "gettin"): one regular repair, to any word the vocabulary holds.
  if (word.endsWith('in') && word.length >= settings.minLengthDroppedG && vocabulary.has(`${word}g`)) return `${word}g`;
  if (word.length < settings.minLength) return null;
  // An inflection of a word it holds ("pints", "plating", "potting") is a word, not a typo ("points").
  if (settings.suffixes.some((suffix) => word.endsWith(suffix) && stems(word.slice(0, -suffix.length)).some((stem) => vocabulary.has(stem)))) return null;
  const ranked = [...candidates(word)]
    .map((candidate) => ({ candidate, rank: vocabulary.get(candidate) }))
    .filter((entry): entry is { candidate: string; rank: number } => entry.rank !== undefined)
    .sort((first, second) => first.rank - second.rank);
  const [best, next] = ranked;
  if (!best || best.rank > settings.maxRank) return null;
  // Ranks from 0: one added so the most frequent word still compares.
  if (next && (next.rank + 1) < (best.rank + 1) * settings.dominance) return null;
  return best.candidate;
}
