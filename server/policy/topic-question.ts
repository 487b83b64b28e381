import type { PlannedMove } from '../domain/coach-plan.js';
import { findAnchoredPhrases, findSubjectPhrases } from '../understand/key-phrases.js';
import { compileLexicon, lexiconText, matchingEntries, type Lexicon } from '../understand/lexicon.js';
import clauseOpeners from '../../content/lexicon/clause-openers.json' with { type: 'json' };
import { toSecondPerson } from '../understand/paraphrase.js';
import { echoFault } from '../phrase/reflection-grammar.js';
import { fill } from '../phrase/reflection-stems.js';
import type { Question } from '../phrase/prompt-bank.js';
import type { TurnContext } from './turn-context.js';

/**
 * The question follows the client's words where it can: when their last message names a clear
 * topic ("the rota gaps", "my night staff"), the slot's question is asked about it ("What would you
 * like to be different about the rota gaps?") rather than in the bank's stock words. A topic is a
 * whole noun phrase of theirs with a definite or possessive word before it (`findAnchoredPhrases`,
 * or `findSubjectPhrases` for one that is the subject of a verb),
 * not one of the phrases `content/lexicon/topic-words.json` passes over (vague heads, numbers,
 * idioms, transcript marks), in the coach's person ("your night staff") and of a shape a phrase
 * slot takes (`echoFault`). The question still goes through the verifier like any other line.
 */

/** Words that leave a topic in the client's person ("my team"), where the coach must say "your". */
const FIRST_PERSON = new Set(['my', 'our', 'i', 'me', 'we']);

/** How many words a topic may have: a longer one is a clause read as a phrase. */
const MAX_TOPIC_WORDS = 5;
/** "the rotas", "my drinking": a determiner and a noun are enough for a topic (a bare noun is not). */
const MIN_TOPIC_WORDS = 2;

/** Conjunctions that open a clause of time or condition: the words after them are a clause (content/lexicon/clause-openers.json). */
const CLAUSE_OPENERS: ReadonlySet<string> = new Set(compileLexicon('clause-openers', clauseOpeners).entries.flatMap((entry) => entry.data.words ?? []));

/** The word just before the phrase in the text, in lower case ('' at the start or when not found). */
function wordBefore(text: string, phrase: string): string {
  const at = text.toLowerCase().indexOf(phrase.toLowerCase());
  if (at <= 0) return '';
  return text.slice(0, at).trim().split(' ').at(-1)?.toLowerCase() ?? '';
}

/** The clear topic of a message in the coach's words ("your night staff"), or null. */
export function findTopic(topicWords: Lexicon<unknown>, text: string): string | null {
  // A phrase that ends its clause first; then one that is the subject of a verb ("the night shifts are…").
  return topicAmong(topicWords, text, findAnchoredPhrases(text, 3, MIN_TOPIC_WORDS)) ?? topicAmong(topicWords, text, findSubjectPhrases(text, 3, MIN_TOPIC_WORDS));
}

/** The first of the phrases that is a clear topic, in the coach's words. */
function topicAmong(topicWords: Lexicon<unknown>, text: string, phrases: readonly string[]): string | null {
  for (const phrase of phrases) {
    if (phrase.split(' ').length > MAX_TOPIC_WORDS || matchingEntries(topicWords, phrase).length > 0) continue;
    const topic = toSecondPerson(phrase);
    // Still the client's person after the swap (words inside a quote of someone else): not the coach's words.
    if (FIRST_PERSON.has(topic.split(' ')[0]!.toLowerCase())) continue;
    const lower = topic.charAt(0).toLowerCase() + topic.slice(1);
    // "…before the new rotation starts": a subject and its verb after a conjunction is a clause, not
    // a topic to ask about (compromise reads "starts" as a plural noun there).
    if (CLAUSE_OPENERS.has(wordBefore(text, phrase))) continue;
    if (echoFault(lower, 'phrase') === null) return lower;
  }
  return null;
}

/** Whether a topic was named in something the coach said lately (a question about it twice reads as a script). */
function namedLately(topic: string, said: readonly string[]): boolean {
  const form = lexiconText(topic);
  return said.some((line) => lexiconText(line).includes(form));
}

/**
 * The slot's question about the topic of the client's last message, when it has one and the
 * slot's topic question is still unasked; null otherwise (the stock bank question is asked).
 */
export function topicQuestion(context: TurnContext, slot: string, label: string): PlannedMove | null {
  const text = context.understanding?.text;
  // A learner's phrase ("the numbers'", "the moment pass") is not asked about in their words (second-language.ts).
  if (!text || context.entering || context.state.secondLanguage) return null;
  const topic = findTopic(context.topicWords, text);
  if (!topic || namedLately(topic, context.state.recentCoachTexts.slice(-3))) return null;
  // Named by this turn's own reflection just before: "that" points back to it instead of saying it twice.
  const thisTurn = context.said.slice(context.state.recentCoachTexts.length);
  const question = context.phrases.questions.find((candidate: Question) => candidate.topic === true && candidate.step === context.state.step && candidate.slot === slot && !context.state.asked.includes(candidate.id));
  if (!question) return null;
  // Named earlier in the turn, with something else said since: "that" would point at the wrong thing.
  const last = thisTurn.slice(-1);
  if (namedLately(topic, thisTurn) && !namedLately(topic, last)) return null;
  const pointsBack = namedLately(topic, last);
  const words = pointsBack ? context.phrases.templates.topicPointer : topic;
  return { kind: question.open ? 'open_question' : 'closed_question', label: `${label}, about their words`, questionId: question.id, text: fill(question.text, { topic: words }), ...(pointsBack ? { standalone: fill(question.text, { topic }) } : {}) };
}
