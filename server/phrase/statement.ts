import nlp from 'compromise';
import { needTopicInOwnWords } from './need-words.js';
import { parsedTerms } from '../understand/term-parses.js';
import type { Statement, StatementSource } from '../domain/schemas.js';
import type { SessionState, Slot } from '../domain/session-state.js';
import { toFirstPerson } from '../understand/paraphrase.js';
import { aimFromPurpose } from '../understand/wish-clause.js';
import { hasGoalMarker, isTopicPurpose, isWeakPurpose } from '../understand/slots.js';
import { capitalize, capitalizeI, joinList, lowerFirst, splitSentences, stripFinalPunctuation, words as wordsOf } from '../understand/text.js';
import { opensWithWhen } from './success-clauses.js';
import { checkedPart, partFault, type PartCheck, type PartKind } from '../understand/part-check.js';

/**
 * Drafts the partnership statement from what the client said: goals, needs, success indicators,
 * a first experiment, constraints and learning preference, plus a 1–3 sentence `text` in the
 * client's own voice. Every part carries a source (field, verbatim quote, seq) so the client can
 * see where each line came from, and so nothing in it is the coach's invention.
 */
export function draftStatement(state: SessionState, check?: PartCheck): Statement {
  const sources: StatementSource[] = [];
  // Every part passes the type check once more as it is written, whatever path stored it (a
  // reader, the model's extraction, a purpose said at the start): a part that fails is left out,
  // and the coach asks for it instead of writing a wrong line in the client's name.
  const passes = <T extends Slot>(kind: PartKind) => (slot: T): T[] => {
    if (!check) return [slot];
    const part = checkedPart(check, kind, slot);
    return part ? [{ ...slot, ...part }] : [];
  };
  // Sources show the client's words as typed; the statement's text speaks the cleaned ones.
  const said = (quote: string) => state.originals?.[quote] ?? quote;
  const trace = (field: string, slot: Slot) => sources.push({ field, quote: said(slot.quote), seq: slot.seq });

  const goalSlots = state.goals.flatMap(passes('goal')).slice(0, 3);
  goalSlots.forEach((goal) => trace('goals', goal));
  let goals = goalSlots.map(inOwnWords);

  // Needs heard only faintly stay in the panel but not in the statement, unless nothing stronger was heard.
  // Only needs the client confirmed or voiced clearly are written in their name, in the order they
  // were first heard, so a new faint reading never reorders or rewrites the sentence they read.
  const needs = state.needs.filter((need) => need.confirmed || need.confidence >= STATEMENT_NEED_CONFIDENCE).slice(0, 4);
  for (const need of needs) sources.push({ field: 'needs', quote: said(need.evidence[0] ?? ''), seq: need.seq ?? 0 });
  const needTexts = needs.map((need) => toFirstPerson(need.summary));
  const confirmedNeeds = needs.filter((need) => need.confirmed).map((need) => toFirstPerson(need.summary));

  const signalSlots = state.successSignals.flatMap(passes('success')).slice(0, 3);
  signalSlots.forEach((signal) => trace('successIndicators', signal));
  const successIndicators = signalSlots.map(inOwnWords);

  const experiment = state.experiment ? (passes('experiment')(state.experiment)[0] ?? null) : null;
  if (experiment) trace('firstExperiment', experiment);
  const firstExperiment = experiment ? inOwnWords(experiment) : '';

  const constraints: string[] = [];
  for (const constraint of state.constraints) {
    const quote = constraint.evidence[0] ?? constraint.summary;
    const text = stripFinalPunctuation(quote);
    // Two kinds of limit often share one sentence ("my team is stretched and I have an hour a week").
    if (constraints.includes(text)) continue;
    sources.push({ field: 'constraints', quote: said(quote), seq: constraint.seq ?? 0 });
    constraints.push(text);
  }

  if (state.learningPreferenceSource) trace('learningPreference', state.learningPreferenceSource);
  const additions = state.statementAdditions ?? [];
  // Traced to the statement's text, where they are written (the page shows them under it).
  additions.forEach((line) => trace('text', line));
  // With no goal said as one, a purpose named as a topic or a wish ("help with my presentations")
  // is the goal; a purpose that was only the first line of a story ("I head a department of 40")
  // is not: then the goal is to work on the needs heard, traced to the words that voiced them.
  // A purpose said as a clause with its own subject ("It's just the doing it that seems to not
  // happen") is what troubles them, not an aim: "I want to work on it's just…" does not read.
  const stated = statedPurpose(state);
  const shaped = stated && (hasGoalMarker(stated.quote) || (!subjectAndVerb(inOwnWords(stated)) && !complaintOnly(inOwnWords(stated)))) ? stated : null;
  // "I want to focus on." is no aim: the purpose, made an aim, passes the goal's check too.
  const purpose = shaped && (!check || partFault(check, 'goal', aimFromPurpose(inOwnWords(shaped)), shaped.quote) === null) ? shaped : null;
  let needsAsGoal = false;
  if (goals.length === 0 && purpose) {
    trace('goals', purpose);
    // A topic ("my first year as a team lead") becomes something to work on; a wish keeps its verb.
    goals = [aimFromPurpose(inOwnWords(purpose))];
  } else if (goals.length === 0 && needs.some(heldUp)) {
    needsAsGoal = true;
    const leading = needs.find(heldUp)!;
    sources.push({ field: 'goals', quote: said(leading.evidence[0] ?? ''), seq: leading.seq ?? 0 });
    goals = [`work on ${needWords(leading)}`];
  }

  // Parts the client changed (in the panel or by a correction in chat) stay as they made them,
  // and the text is written from them, so an edit shows in the sentence too.
  const previous = state.statement;
  const edited = new Set(previous?.editedFields ?? []);
  const keep = <T>(field: 'goals' | 'needs' | 'successIndicators' | 'firstExperiment', value: T): T => (previous && edited.has(field) ? (previous[field] as T) : value);
  goals = keep('goals', goals);
  const finalNeeds = keep('needs', needTexts);
  const finalSignals = keep('successIndicators', successIndicators);
  const finalExperiment = keep('firstExperiment', firstExperiment);
  if (edited.has('goals')) needsAsGoal = false;
  return {
    goals,
    needs: finalNeeds,
    successIndicators: finalSignals,
    firstExperiment: finalExperiment,
    constraints,
    learningPreference: state.learningPreference,
    // The sentence speaks only of needs the client confirmed (or wrote in themselves): a need the
    // coach only heard is a theme of the coach's, and read back as theirs it rings false.
    text: statementText(needsAsGoal ? [] : goals, edited.has('needs') ? finalNeeds : needsAsGoal ? needs.filter(heldUp).map(needWords) : confirmedNeeds, finalSignals, finalExperiment, additions.map(inOwnWords)),
    sources,
    status: 'draft',
  };
}

/** A slot in the client's voice: their own clause when kept, else the coach's rendering turned back to "I". */
function inOwnWords(slot: Slot): string {
  if (slot.own === undefined) return stripFinalPunctuation(toFirstPerson(slot.text));
  // Chat typing ("i end up…") reads as a typo in a written statement.
  return stripFinalPunctuation(capitalizeI(slot.own));
}

/** "It's just the doing it…", "I'm always behind": a pronoun and its verb, a clause and not a topic ("my first year as a lead"). */
function subjectAndVerb(phrase: string): boolean {
  const [first, second] = parsedTerms(phrase);
  return first !== undefined && second !== undefined && first.tags.includes('Pronoun') && !first.tags.includes('Possessive') && second.tags.includes('Verb');
}

/**
 * "too many priorities", "too wrecked arvos", "so tired": a topic that opens on a degree word is
 * how things are, not something to work on ("I want to work on too many
 * priorities" says they want more of them): the statement asks for the aim instead.
 */
function complaintOnly(phrase: string): boolean {
  const [first] = parsedTerms(phrase);
  if (!first) return false;
  // Only a degree word: "better delegation", "more time with my kids", "public speaking" are topics.
  return first.tags.includes('Adverb') && !first.tags.includes('Noun') && !first.tags.includes('Verb') && !first.tags.includes('Adjective');
}

/**
 * Whether a phrase already has its own subject ("my team ships on time") rather than being a verb
 * phrase, or is a whole rule the client set themselves ("when I have a concern, I state it first"):
 * either is written as they said it, never after "I want to".
 */
function hasSubject(phrase: string): boolean {
  return /^(?:i|i'm|i've|i'd|my|we|our|the|it|they|people|everyone|there|(?:when|whenever|every time|each time)\b[^,]{3,80},\s*(?:i|we)\b)\b/i.test(phrase);
}

function goalClause(goal: string): string {
  const first = goal.split(' ')[0]!.toLowerCase();
  // "my team ships on time" says it whole; "my class 2" (no verb) is a thing to have: "I want my class 2".
  if (first === 'my' && !parsedTerms(goal).some((term) => term.tags.includes('Verb'))) return `I want ${goal}`;
  if (hasSubject(goal)) return goal;
  // "for the station to be fine": someone else to do or be something is wanted as it is ("I want the station to be fine").
  if (forSomeoneTo(goal)) return `I want ${goal.slice('for '.length)}`;
  // "a portfolio I'm not embarrassed by" is something to have: "I want a portfolio…", not "I want to a portfolio…".
  const figure = first.charAt(0) >= '0' && first.charAt(0) <= '9';
  if (THING_OPENERS.has(first) || figure) return `I want ${goal}`;
  // "admin done inside working hours", "rota sorted by Friday": a thing and its state, wanted as it
  // is ("I want admin done…"); read after "I want to", the first word is no verb.
  if (wantedAsThing(goal)) return `I want ${goal}`;
  // "knowing the routes, looking after the passengers": after "to", a verb in -ing is said bare ("know the routes").
  // (compromise reads some of them as describing words in a list: "knowing the routes, looking after…")
  return `I want to ${bareVerbPhrase(goal)}`;
}

/** "admin done inside working hours": read after "I want to", its first word is a noun, not a verb. */
export function wantedAsThing(goal: string): boolean {
  const first = goal.split(' ')[0]!.toLowerCase();
  return !first.endsWith('ing') && parsedTerms(`I want to ${goal}`)[3]?.tags.includes('Noun') === true;
}

/** "for the station to be fine": a wish that names who is to do or be it. */
function forSomeoneTo(goal: string): boolean {
  return goal.toLowerCase().startsWith('for ') && goal.includes(' to ');
}

/** A phrase that opens with a verb in -ing said bare after "to" ("getting the work done" → "get the work done"). */
function bareVerbPhrase(goal: string): string {
  const first = goal.split(' ')[0]!.toLowerCase();
  const bare = first.endsWith('ing') ? bareVerbOf(first, goal) : null;
  return bare ? [bare, ...goal.split(' ').slice(1)].join(' ') : goal;
}

/** The bare verb of the -ing word that opens a phrase ("knowing the routes" → "know"), or null for a word that is no verb there ("morning", "interesting work"). */
function bareVerbOf(word: string, phrase: string): string | null {
  const [lone] = parsedTerms(word);
  if (!lone || lone.tags.includes('Noun')) return null;
  // Read as a describing word, it is a verb only with an object after it ("knowing the routes", not "interesting work").
  const next = parsedTerms(phrase)[1];
  if (!lone.tags.includes('Gerund') && !['Determiner', 'Possessive', 'Pronoun'].some((tag) => next?.tags.includes(tag))) return null;
  // Alone, compromise may read a verb in -ing as a describing word ("knowing"): it is read as the verb it is.
  const doc = nlp(word);
  doc.tag('Gerund');
  const infinitive = (doc.verbs().conjugate()[0] as { Infinitive?: string } | undefined)?.Infinitive;
  return infinitive && infinitive !== word ? infinitive : null;
}

/** Words that open a thing wanted rather than something to do ("a", "more", "fewer"…). */
const THING_OPENERS: ReadonlySet<string> = new Set(['a', 'an', 'more', 'less', 'fewer', 'some', 'another', 'one', 'two', 'three', 'four', 'five', 'about', 'around', 'roughly', 'at']);

const ABOUT_COACHING = /\b(?:from (?:this |the )?coaching|coaching (?:session|conversation|call)|(?:first|next|this) (?:coaching )?session|this (?:conversation|chat|talk))\b/i;

/** The agreement's purpose when the client named it as a topic or a wish, not as the opening of a story. */
function statedPurpose(state: SessionState): Slot | null {
  const purpose = state.agreement.purpose;
  if (!purpose || isWeakPurpose(purpose)) return null;
  // "I want to get clear on what I want from coaching before my first session" is about this talk, not a goal.
  if (ABOUT_COACHING.test(purpose.quote)) return null;
  return isTopicPurpose(purpose.quote) || hasGoalMarker(purpose.quote) || namedTopic(purpose) ? purpose : null;
}

/**
 * A topic named in a few words in answer to "what would you like this to be about?" ("Prioritising.",
 * "The paperwork."): the answer to the question that asked for it, so the aim is to work on it. A
 * clause with its own subject ("it's my boss") or a complaint ("too many priorities") is not.
 */
function namedTopic(purpose: Slot): boolean {
  const own = inOwnWords(purpose);
  // A topic is named by a thing or a doing ("the paperwork", "prioritising"), not a figure ("twenty two years of this").
  const lead = parsedTerms(own)[0];
  if (!lead || lead.tags.includes('Value')) return false;
  return splitSentences(purpose.quote).length === 1 && !own.includes(",") && wordsOf(own).length <= TOPIC_WORDS && !subjectAndVerb(own) && !complaintOnly(own);
}

/** The most words a topic named as the purpose may have to stand as the aim ("better boundaries with my team"). */
const TOPIC_WORDS = 6;

function statementText(goals: string[], needs: string[], signals: string[], experiment: string, additions: string[]): string {
  const sentences: string[] = [];
  if (goals.length > 0) {
    const head = goalClause(goals[0]!) + (goals[1] ? `, and ${hasSubject(goals[1]) || goals[1].startsWith('for ') ? goals[1] : `to ${bareVerbPhrase(goals[1])}`}` : '');
    sentences.push(needs.length > 0 ? `${head}, which means working on ${joinList(needs.slice(0, 2))}.` : `${head}.`);
  } else if (needs.length > 0) {
    sentences.push(`I want to work on ${joinList(needs.slice(0, 3))}.`);
  }
  // "by this: if I could take a week off" does not read: a sign with its own "if" or "when" follows the verb.
  if (signals.length === 1 && opensWithWhen(signals[0]!)) sentences.push(`I'll know it's working ${lowerFirst(signals[0]!)}.`);
  else if (signals.length > 0) sentences.push(`I'll know it's working by this: ${joinList(signals.slice(0, 2))}.`);
  if (experiment) sentences.push(`My first experiment: ${experiment}.`);
  // What the client asked to add, as they said it.
  for (const addition of additions) sentences.push(`Also: ${addition}.`);
  if (sentences.length === 0) return 'We are still discovering what matters most to me here.';
  return sentences.map(capitalize).join(' ');
}

/**
 * A need that may stand in for a goal the client never put in words: only one they confirmed (a yes
 * to the coach's needs check). A need the coach only heard, however often, is the coach's theme:
 * written in their name as their aim ("I want to work on a sustainable balance between work and
 * the rest of my life") it was read as unfaithful by every blind reader; the statement asks for the
 * aim in their words instead. (This costs drafts on scripted clients who never answer that
 * question; people do answer it.)
 */
function heldUp(need: SessionState['needs'][number]): boolean {
  return Boolean(need.confirmed);
}

/** A need as the statement writes it in their name: the label they said yes to, or the topic they named. */
function needWords(need: SessionState['needs'][number]): string {
  if (need.confirmed) return toFirstPerson(need.summary);
  const own = needTopicInOwnWords(need.evidence);
  // "too many priorities" is how things are: the need's name says what there is to work on.
  return toFirstPerson(own && !complaintOnly(own) ? own : need.summary);
}

/** How sure the coach must be of a need to write it into the statement unconfirmed (a needs check asks from 0.45 to 0.7). */
export const STATEMENT_NEED_CONFIDENCE = 0.7;

/** How many partnership turns the coach waits at most before offering a draft with what is there. */
export const STATEMENT_TURN_BOUND = 7;

/**
 * Whether there is enough to draft the statement: goals (or a real purpose), needs, a success
 * signal (or the question asked) and a first experiment; or an experiment with two of the other
 * three (clients often say "yes, that's it" right after naming it); or enough turns.
 */
export function readyForStatement(state: SessionState, draft: Statement): boolean {
  // The parts as the draft (`draftStatement` of this state) writes them, each through the type check:
  // a goal said as one, a purpose it takes as one, or a need they confirmed; a draft with none of
  // theirs is never offered.
  const goal = draft.goals.length > 0;
  const needs = state.needs.length > 0;
  const success = draft.successIndicators.length > 0 || state.asked.some((id) => id.startsWith('partnership.success.'));
  const parts = [goal, needs, success].filter(Boolean).length;
  if (draft.firstExperiment !== '' && parts >= 2) return true;
  // After enough turns a draft is offered with what there is, but only with something of the
  // client's own in it: a draft of nothing but gaps is a form, not their statement.
  const own = [goal, draft.successIndicators.length > 0, draft.firstExperiment !== ''].filter(Boolean).length;
  return state.turnsInStep >= STATEMENT_TURN_BOUND && own >= 1;
}

/** Whether a fresh draft says something the current one does not (new goals, needs, signals, experiment or limits). */
export function materiallyDifferent(current: Statement, fresh: Statement): boolean {
  const additions = (statement: Statement) => statement.sources.filter((source) => source.field === 'text').map((source) => source.quote);
  const key = (statement: Statement) => JSON.stringify([statement.goals, statement.needs, statement.successIndicators, statement.firstExperiment, statement.constraints, additions(statement)]);
  return key(current) !== key(fresh) && current.text !== fresh.text;
}
