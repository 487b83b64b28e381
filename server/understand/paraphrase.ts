import { swapPerson } from './person-swap.js';

/**
 * Turns the client's words into the coach's voice ("I feel like I'm drowning" → "you feel like
 * you're drowning", "you said" → "I said") so reflections mirror the client without parroting.
 * compromise tags each word, which lets us tell subject "you" (→ "I") from object "you" (→ "me")
 * and fix the verb that agrees with the swapped pronoun ("I was" → "you were").
 */

// Where the parts live: chat spellings in chat-spelling.ts, word units and their tags in
// word-units.ts, the pronoun swap in person-swap.ts, verb agreement in verb-agreement.ts; reading a
// sentence's kind is in clause-reader.ts and the "you'd like to …" clause in wish-clause.ts.

/** The client's words in the coach's voice, for reflections: "I'm stuck with my team" → "you're stuck with your team". */
export function toSecondPerson(text: string): string {
  return swapPerson(text);
}

/** The coach's rendering back in the client's voice, for the partnership statement. */
export function toFirstPerson(text: string): string {
  return swapPerson(text);
}

/** Read from here by `statement.ts`; it lives with the wish clauses it belongs to. */
