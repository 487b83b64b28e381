import type { Unit } from './word-units.js';

/** The verb that agrees with a swapped pronoun: "I was" → "you were", "you are" → "I am". */

export const SKIPPABLE = new Set(['really', 'just', 'also', 'always', 'never', 'still', 'often', 'sometimes', 'not', 'actually', 'honestly', 'probably', 'definitely', 'usually', 'even']);

/** The subject a verb at `index` agrees with: the nearest pronoun before it (skipping adverbs) or just after it (questions). */
function subjectOf(units: Unit[], index: number): string | null {
  for (let back = index - 1; back >= 0 && back >= index - 3; back--) {
    const word = units[back]!.lower;
    if (SKIPPABLE.has(word)) continue;
    return word;
  }
  return null;
}

export function isVerbLike(unit: Unit | undefined): boolean {
  if (!unit) return false;
  return unit.tags.has('Verb') || unit.tags.has('Modal') || unit.tags.has('Auxiliary') || unit.tags.has('Copula');
}

export function swapVerb(units: Unit[], index: number): string | null {
  const word = units[index]!.lower;
  const subject = subjectOf(units, index);
  const after = units[index + 1]?.lower ?? null;
  const firstPerson = subject === 'i' || after === 'i';
  const secondPerson = subject === 'you' || after === 'you';
  switch (word) {
    case 'am':
      return 'are';
    case "am't":
      return "aren't";
    case 'was':
      return firstPerson ? 'were' : secondPerson ? 'was' : null;
    case "wasn't":
      return firstPerson ? "weren't" : null;
    case 'were':
      return secondPerson ? 'was' : null;
    case "weren't":
      return secondPerson ? "wasn't" : null;
    case 'are':
      return secondPerson ? 'am' : null;
    case "aren't":
      return secondPerson ? 'am not' : null;
    default:
      return null;
  }
}
