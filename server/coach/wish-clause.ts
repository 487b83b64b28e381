import nlp from 'compromise';
import { SWAP_CACHE_SIZE } from './person-swap.js';

/** The client's wish or topic as the coach's "you'd like to …" clause, and the verb-or-topic test behind it. */

const OWN_FRAMING = /^(?:(?:you|i)(?:'d| would) (?:really )?(?:like|love) (?:to|us to)|(?:you|i) (?:really )?(?:want|need|hope|wish|plan) (?:to|us to)|(?:you're|i'm|you are|i am) (?:hoping|looking|trying|wanting) to|(?:to )?(?:talk|think|chat) (?:about|through)|(?:get )?(?:some )?help (?:with|on)|(?:to )?focus on)\s+/i;

/**
 * "You'd like to focus on …" for a topic, "you'd like to …" for an action, without the client's
 * own "I'd like to" inside it ("you'd like to focus on you'd like to get ready…").
 */
export function wishClause(text: string): string {
  const cached = WISHES.get(text);
  if (cached !== undefined) return cached;
  const wish = wishClauseUncached(text);
  if (WISHES.size >= SWAP_CACHE_SIZE) WISHES.delete(WISHES.keys().next().value!);
  WISHES.set(text, wish);
  return wish;
}

const WISHES = new Map<string, string>();

/** Whether a clause starts with a verb ("get better at…") rather than naming a topic ("my first year…"). */
export function startsWithVerb(clause: string): boolean {
  const first = (nlp(clause).terms().json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? [];
  return first.includes('Verb') && !first.includes('Gerund') && !first.includes('Noun');
}

function wishClauseUncached(text: string): string {
  let clause = text.trim();
  for (let guard = 0; guard < 3 && OWN_FRAMING.test(clause); guard++) clause = clause.replace(OWN_FRAMING, '');
  if (!clause) return text;
  const first = (nlp(clause).terms().json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? [];
  const verb = first.includes('Verb') && !first.includes('Gerund') && !first.includes('Noun');
  return verb ? `you'd like to ${clause}` : `you'd like to focus on ${clause}`;
}
