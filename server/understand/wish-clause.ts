import nlp from 'compromise';
import { memoizeText } from './memo.js';
import { lexiconText, type LexiconEntry } from './lexicon.js';

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
  // "be judged on at the end of the year", "be told off": something done to them, not an action of theirs.
  if (clause.trim().toLowerCase().startsWith('be ') && (second.includes('PastTense') || second.includes('Participle'))) return true;
  // "you'll talk to each of them" is an action with its subject; "you're concerned", "it's not easy" are states.
  if (first.includes('Pronoun') && !first.includes('Possessive')) return !(second.includes('Modal') || (second.includes('Verb') && !second.includes('Copula')));
  return (first.includes('Determiner') || first.includes('Possessive')) && !first.includes('Verb');
}

/**
 * A purpose in the client's own words as the aim of their statement: "I would like to talk about
 * work" → "work on work", not "work on I would like to talk about work": the wish and the talk framing go, the topic is what they work on
 * ("work on my new job"); a wish with its own verb keeps it ("get better at saying no").
 */
export function aimFromPurpose(own: string): string {
  let clause = own.trim();
  let topic = false;
  for (let guard = 0; guard < 3 && OWN_FRAMING.test(clause); guard++) {
    const framing = OWN_FRAMING.exec(clause)![0];
    topic = topicFraming(framing);
    clause = clause.slice(framing.length);
  }
  if (!clause) return `work on ${own}`;
  return startsWithVerb(clause) && !topic ? clause : `work on ${clause}`;
}

/** The last words of framings after which what follows is a topic, whatever its first word ("talk about work": work is no verb there). */
const TOPIC_FRAMING_ENDS: ReadonlySet<string> = new Set(['about', 'through', 'with', 'on']);
const topicFraming = (framing: string): boolean => TOPIC_FRAMING_ENDS.has(framing.trim().split(' ').at(-1)!.toLowerCase());

/**
 * Whether the words were named after a topic framing in the sentence they came from ("talk about
 * work spilling into my evenings": "work" is no verb there), so a wish is given back as "focus on …".
 */
export function namedAsTopic(quote: string, own: string): boolean {
  const at = quote.toLowerCase().indexOf(own.toLowerCase());
  if (at <= 0) return false;
  const before = quote.slice(0, at).trim().split(' ').at(-1)?.toLowerCase() ?? '';
  return TOPIC_FRAMING_ENDS.has(before);
}

function wishClauseUncached(text: string): string {
  let clause = text.trim();
  let topic = false;
  for (let guard = 0; guard < 3 && OWN_FRAMING.test(clause); guard++) {
    const framing = OWN_FRAMING.exec(clause)![0];
    topic = topicFraming(framing);
    clause = clause.slice(framing.length);
  }
  if (!clause) return text;
  return startsWithVerb(clause) && !topic ? `you'd like to ${clause}` : `you'd like to focus on ${clause}`;
}

/**
 * Whether a clause reads as something the client will do: an instruction to themselves ("ask
 * Priya to run Monday", "let Marco own the pasta section") or "I"/"we" doing it ("I will talk to
 * each of them", "maybe I could send my boss a summary"). Not someone else's act ("all of their
 * friends smoked"), a state ("it makes me feel slightly ill"), a refusal ("oh, absolutely not") or
 * the past ("I hadn't put it that way"). The answer to "what could you try?" must pass this to be
 * written in as the first experiment.
 */
export interface OwnActionWords {
  /** Words that make a clause the client's own when they open it ("I", "we'll"). */
  ownSubject: LexiconEntry<unknown>;
  /** Auxiliaries that make it past or refused rather than a plan ("hadn't", "didn't"). */
  notAPlan: LexiconEntry<unknown>;
}

export function readsAsOwnAction(words: OwnActionWords, clause: string): boolean {
  const is = (entry: LexiconEntry<unknown>, text: string) => text !== '' && entry.regex.test(lexiconText(text));
  const terms = (nlp(clause).terms().json() as { terms: { text: string; tags: string[] }[] }[]).map((term) => term.terms[0]!).filter((term) => term.text !== '' || term.tags.includes('Negative'));
  let index = 0;
  // ("First I think I talk to Marek…": an ordinal that orders the steps leads like an adverb.)
  while (index < terms.length && (terms[index]!.tags.includes('Adverb') || terms[index]!.tags.includes('Expression') || terms[index]!.tags.includes('Conjunction') || (terms[index]!.tags.includes('Ordinal') && index + 1 < terms.length))) index += 1;
  const first = terms[index];
  if (!first) return false;
  // "for every decision that comes to me, I write down a deadline", "Wednesday afternoon is for
  // wholesale, I close the office door": a setting or a time put first, then the action.
  if ((first.tags.includes('Preposition') || first.tags.includes('Date')) && clause.includes(', ')) return readsAsOwnAction(words, clause.slice(clause.indexOf(', ') + 2));
  const plainVerb = (tags: string[]) => tags.includes('Verb') && !tags.includes('PastTense') && !tags.includes('Gerund') && !tags.includes('Copula');
  if (plainVerb(first.tags) && !first.tags.includes('Auxiliary') && !first.tags.includes('Modal')) return true;
  // "email Sam the draft", "role-play a price objection": compromise reads the verb as a noun, but
  // a noun straight followed by its object is a verb.
  let after = index + 1;
  while (first.tags.includes('Hyphenated') && terms[after]?.tags.includes('Hyphenated')) after += 1;
  const object = terms[after]?.tags ?? [];
  if (first.tags.includes('Noun') && !first.tags.includes('Pronoun') && !first.tags.includes('ProperNoun') && (object.includes('Determiner') || object.includes('Possessive') || object.includes('ProperNoun'))) return true;
  // "Priya does the cover calls till Sunday": someone named, doing it now or next, is the client's arrangement.
  const named = first.tags.includes('ProperNoun');
  if (!named && !is(words.ownSubject, first.text)) return false;
  const rest = terms.slice(index + 1).filter((term) => !term.tags.includes('Adverb'));
  const verb = rest.find((term) => term.tags.includes('Verb'));
  if (!verb || verb.tags.includes('PastTense')) return false;
  // "I don't…", "I hadn't…": a negated or past auxiliary is not a plan.
  const next = rest[rest.indexOf(verb) + 1];
  return !(verb.tags.includes('Auxiliary') && (next?.tags.includes('Negative') || is(words.notAPlan, verb.text)));
}
