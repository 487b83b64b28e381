import nlp from 'compromise';
import { memoizeText } from './memo.js';

/** The client's wish or topic as the coach's "you'd like to …" clause, and the verb-or-topic test behind it. */

const OWN_FRAMING = /^(?:(?:you|i)(?:'d| would) (?:really )?(?:like|love) (?:to|us to)|(?:you|i) (?:really )?(?:want|need|hope|wish|plan) (?:to|us to)|(?:you're|i'm|you are|i am) (?:hoping|looking|trying|wanting) to|(?:to )?(?:talk|think|chat) (?:about|through)|(?:get )?(?:some )?help (?:with|on)|(?:to )?focus on)\s+/i;

/**
 * "You'd like to focus on …" for a topic, "you'd like to …" for an action, without the client's
 * own "I'd like to" inside it ("you'd like to focus on you'd like to get ready…").
 */
export const wishClause: (text: string) => string = memoizeText((text) => wishClauseUncached(text));

/** Whether a clause starts with a verb ("get better at…") rather than naming a topic ("my first year…"). */
export function startsWithVerb(clause: string): boolean {
  const first = (nlp(clause).terms().json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? [];
  return first.includes('Verb') && !first.includes('Gerund') && !first.includes('Noun');
}

/** Whether a clause is a bare thing rather than something to do: it opens with an article, a possessive or a pronoun ("the report", "my team", "you're concerned…"). */
export function namesNoAction(clause: string): boolean {
  const terms = (nlp(clause).terms().json() as { terms: { tags: string[] }[] }[]).map((term) => term.terms[0]?.tags ?? []);
  const first = terms[0] ?? [];
  const second = terms[1] ?? [];
  // "Thursday, with matron", "conversation with her by the 28th": no verb, and a day or a noun
  // with a preposition where the verb would be. ("role-play a price objection", "email Sam the
  // draft" have no verb for compromise either, but read as a verb and its object.)
  if (!terms.some((tags) => tags.includes('Verb')) && (first.includes('Date') || second.includes('Preposition'))) return true;
  // "you'll talk to each of them" is an action with its subject; "you're concerned", "it's not easy" are states.
  if (first.includes('Pronoun') && !first.includes('Possessive')) return !(second.includes('Modal') || (second.includes('Verb') && !second.includes('Copula')));
  return (first.includes('Determiner') || first.includes('Possessive')) && !first.includes('Verb');
}

function wishClauseUncached(text: string): string {
  let clause = text.trim();
  for (let guard = 0; guard < 3 && OWN_FRAMING.test(clause); guard++) clause = clause.replace(OWN_FRAMING, '');
  if (!clause) return text;
  return startsWithVerb(clause) ? `you'd like to ${clause}` : `you'd like to focus on ${clause}`;
}
