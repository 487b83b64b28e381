import type { NeedCategory } from '../domain/schemas.js';
import type { SessionState } from '../domain/session-state.js';
import { constraintReflection } from './constraint-reflections.js';
import { DIFFICULT_FEELINGS } from '../understand/feelings.js';
import { UNCERTAIN, framedOutcome } from './framed-reflections.js';
import { echoFault } from './reflection-grammar.js';
import { parsedTerms } from '../understand/term-parses.js';
import { withoutHedges } from './reflection-hedges.js';
import { findAnchoredPhrases } from '../understand/key-phrases.js';
import { toSecondPerson } from '../understand/paraphrase.js';
import { type PromptBank } from './prompt-bank.js';
import { lowerStart } from './reflection-clauses.js';
import { alreadySaid, spokenNeed } from './need-words.js';
import { SAYS_MATTERS, pickFresh, stemLead } from './reflection-stems.js';
import { successClause } from './success-clauses.js';
import { twoSides, wishAndDifficulty } from './two-sided-reflections.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import type { Understanding } from '../domain/understanding.js';
import { contentWords, lowerFirst, normalize, shorten, stripFinalPunctuation, splitSentences, stripLeadingFiller, withoutQuestions, words } from '../understand/text.js';
import { lexiconText } from '../understand/lexicon.js';
import { hasAct } from '../domain/understanding.js';
import { splitOnSpaces } from '../understand/spaces.js';

/**
 * Reflections: the coach's way of showing it heard. A simple reflection gives the client's meaning
 * back in the coach's voice; a complex one adds what was implied: the feeling, the need underneath,
 * or both sides of an ambivalence. Stems rotate with the turn and a reflection already said in
 * this session is never said again word for word.
 */

// Where the parts live: stems in reflection-stems.ts, the client's words cut and voiced in
// reflection-clauses.ts, reflections framed by the kind of sentence in framed-reflections.ts, both
// sides of an ambivalence in two-sided-reflections.ts, success signals in success-clauses.ts, limits
// in constraint-reflections.ts and summaries in summaries.ts.

/** A feeling named over something that is not a clause ("panicking on the day"): about it, not because of it. */
const FEELING_ABOUT = ["It sounds like you're feeling {feeling} about {p}.", "You're feeling {feeling} about {p}."];


export interface ReflectionContext {
  phrases: PromptBank;
  state: SessionState;
  understanding: Understanding;
  text: string;
  seed: number;
  said: readonly string[];
  /** Categories the client voiced before this turn: naming them again would be an echo. */
  knownCategories: ReadonlySet<NeedCategory>;
}

/**
 * How sure the needs model must be before the coach names a need aloud ("You care about …") or
 * says the client is coming back to one. Say less, never wrong: a need named wrongly (a theme of
 * work put in the mouth of someone talking about their drinking) costs more than one not named;
 * below these the need is still kept and may be checked with a question.
 */
const NAME_NEW_NEED = 0.8;
const NAME_RETURNING_NEED = 0.6;

/** How many of the coach's last replies a need in the client's words must not already be in (further back, saying it again links two moments). */
const RECENT_TURNS = 2;

/**
 * One or two reflective moves for this message: a simple paraphrase, plus (when the message
 * carries it) a complex reflection naming a new need, an implied feeling, or two sides.
 */
export function reflect(context: ReflectionContext): PlannedMove[] {
  const { understanding, seed, said } = context;
  const bank = context.phrases.reflections;
  const moves: PlannedMove[] = [];
  const trimmed = context.text.trim();
  // Thanks, greetings and closings are answered, not reflected; a bare "yes, that's right" agrees with what was said.
  if (hasAct(understanding, 'pleasantry') || hasAct(understanding, 'affirms')) return [];
  // Only a shrug is reflected as uncertainty: "maybe they stop interrupting" is an answer with a hedge in front.
  const lower = normalize(trimmed);
  // A shrug and nothing else: "I don't know, really" (not "I don't know, maybe the rota").
  if (UNCERTAIN.test(lower) && contentWords(lower.replace(UNCERTAIN, '')).length === 0) {
    const text = pickFresh(bank.uncertain, seed, {}, said);
    return text ? [{ kind: 'simple_reflection', label: 'reflects uncertainty', text }] : [];
  }
  const paraphrase = understanding.paraphrase;
  if (!paraphrase || contentWords(paraphrase).length === 0) return [];
  // A question put to the coach about something else ("what's the capital of France?") is not the client's content.
  if (isOffTopicQuestion(trimmed)) return [];
  // "No, that's enough for now" or "yes, that's right" answer the process; echoing them is parroting.
  if (understanding.intent !== null && splitOnSpaces(trimmed).length <= 8) return [];

  // Say less, never wrong: words the grammar gate refuses are not echoed (reflection-grammar.ts),
  // and nothing is echoed word for word once the client showed they write English as a second
  // language (second-language.ts): the gate cannot know every learner construction.
  const plainOnly = Boolean(context.state.secondLanguage || understanding.secondLanguage);
  let gated = plainOnly;
  // The client's words as they may be echoed: without the hedges the reader keeps (reflection-hedges.ts).
  const echoable = withoutHedges(context.text);
  const heard = plainOnly ? null : (twoSides(echoable) ?? wishAndDifficulty(echoable));
  const sides = heard && heard.every((side) => echoFault(side, 'clause') === null) ? heard : null;
  if (heard && !sides) gated = true;
  if (sides) {
    const text = pickFresh(bank.twoSided, seed, { a: sides[0], b: sides[1] }, said);
    if (text) moves.push({ kind: 'complex_reflection', label: 'reflects both sides', text });
  }

  const feeling = understanding.feelings.find((name) => DIFFICULT_FEELINGS.has(name));
  const newNeed = understanding.needs.find((need) => need.confidence >= NAME_NEW_NEED && need.category !== 'other' && !context.knownCategories.has(need.category));
  // A success signal is reflected as one ("You'd know it's working when …"), never with a feeling stem glued on.
  const signal = moves.length === 0 && !plainOnly ? successClause(echoable) : null;
  const success = signal && echoFault(signal, 'phrase') === null ? signal : null;
  if (signal && !success) gated = true;
  if (success) {
    const text = pickFresh(bank.success, seed, { s: success }, said);
    if (text) moves.push({ kind: 'simple_reflection', label: 'reflects the success signal', text });
  }
  // A new limit is given back as a limit, first, once there is something they want that it limits:
  // before that, "…: that's a limit any plan has to respect" answers a story nobody has made a plan of,
  // and what they came with (their first sentence, framed below) is what to give back.
  const aim = context.state.goals.length > 0 || (context.state.statement?.goals.length ?? 0) > 0;
  if (moves.length === 0 && aim && !plainOnly) {
    const limit = constraintReflection(context.phrases, understanding, seed, said);
    if (limit) moves.push(limit);
  }
  if (moves.length === 0 && !plainOnly) {
    const asked = context.state.asked[context.state.asked.length - 1]?.split('.')[1] ?? null;
    // "Sure: that's how you'd know it's working" says the words are that part of the statement:
    // only when the reading took them as that part ("sure i guess" is no sign of progress).
    const slot = asked !== null && !tookPart(understanding, asked) ? null : asked;
    const outcome = framedOutcome(bank, context.text, paraphrase, seed, said, slot);
    const framed = outcome.framed;
    if (outcome.gated) gated = true;
    // The feeling is named over a clause with its own subject ("because your boss …"), never over a fragment.
    const clausal = framed !== null && (framed.kind === 'fact' || framed.kind === 'opinion' || framed.kind === 'difficulty');
    // Over a fragment, only a short one: "not Selin doing the rota, too much" is a pile of words, not something to feel about.
    // "annoyed": a feeling on its own is not something to feel about ("frustrated about annoyed").
    const shortFragment = framed !== null && !framed.clause.body.includes(',') && !onlyDescribes(framed.clause.body);
    if (feeling && framed && namesNewFeeling(feeling, context.text, framed.clause.plain) && (clausal || ((framed.kind === 'struggle' || framed.kind === 'fragment') && shortFragment))) {
      const p = clausal ? stripFinalPunctuation(shorten(framed.kind === 'difficulty' ? framed.clause.plain : framed.clause.body, 18)) : stripFinalPunctuation(shorten(framed.clause.body, 12));
      const stems = clausal ? bank.feeling : FEELING_ABOUT;
      const text = pickFresh(stems, seed, { feeling, p: lowerFirst(p) }, said);
      if (text) moves.push({ kind: 'complex_reflection', label: `names the feeling: ${feeling}`, text });
    }
    if (moves.length === 0 && framed) moves.push({ kind: 'simple_reflection', label: `paraphrases the client (${framed.kind})`, text: framed.text, ...(outcome.alternatives.length > 0 ? { alternatives: outcome.alternatives } : {}) });
  }
  // Nothing of theirs could be echoed well: something simpler and still theirs (a feeling they named, a noun phrase they used).
  if (moves.length === 0 && gated) {
    const simpler = saferReflection(context, plainOnly);
    if (simpler) moves.push(simpler);
  }
  // A need heard before, voiced again: link the two moments (once per need), which deepens rather than echoes.
  // Only a fair reading links back, and only with the client's earlier words (or a theme they confirmed):
  // a stock theme would be put in their mouth.
  const returning = understanding.needs.find((need) => need.confidence >= NAME_RETURNING_NEED && need.category !== 'other' && context.knownCategories.has(need.category));
  if (!newNeed && returning && moves.length < 2) {
    const link = linkBack(context, returning.category, returning.quote, moves, plainOnly);
    if (link) moves.push(link);
  }
  if (newNeed) {
    // The need in the words the client just used, unless this turn already gives them back.
    const own = spokenNeed(null, [newNeed.quote]);
    const fresh = own !== null && !alreadySaid(own.text, [...moves.map((move) => move.text), ...said.slice(-RECENT_TURNS)]);
    let text: string | null = null;
    if (own && fresh && own.form === 'clause' && !plainOnly) text = pickFresh(bank.needOwn, seed + 1, { p: own.text }, said);
    if (own && fresh && own.form === 'phrase') {
      // "focusing on what matters most matters to you" says "matters" twice: use a stem without it.
      const stems = SAYS_MATTERS.test(own.text) ? bank.need.filter((stem) => !SAYS_MATTERS.test(stem)) : bank.need;
      text = pickFresh(stems.length > 0 ? stems : bank.need, seed + 1, { need: own.text }, said);
    }
    if (text) moves.push({ kind: 'complex_reflection', label: `names the need: ${newNeed.category}`, text });
  }
  // Nothing that can be given back well: say nothing rather than claim a theme "keeps coming up".
  return moves;
}

/** Whether a fragment names no thing ("annoyed", "bit embarrassed": no noun): nothing to feel about. */
function onlyDescribes(fragment: string): boolean {
  return !parsedTerms(stripFinalPunctuation(fragment)).some((term) => term.tags.includes('Noun') && !term.tags.includes('Pronoun'));
}

/**
 * Whether naming `feeling` over a clause of the message adds something the client did not say.
 * Not when they said it ("stressed"), or the clause carries its root ("it is overwhelming" →
 * overwhelmed): "No wonder you feel overwhelmed, when it is overwhelming" is a tautology. Never
 * "uncertain" over a clause: its cues ("I don't know", "not sure") are the clause's own words, and
 * in speech "I don't know" is as often a filler as a doubt. Only in a short message: in a long one
 * the feeling word may belong to another sentence, or to someone else.
 */
function namesNewFeeling(feeling: string, text: string, clause: string): boolean {
  if (feeling === 'uncertain' || words(text).length > FEELING_FALLBACK_WORDS) return false;
  const root = (word: string) => word.slice(0, Math.min(6, word.length, feeling.length));
  return ![...words(text), ...words(clause)].some((word) => word === feeling || (root(word).length >= 5 && root(word) === feeling.slice(0, root(word).length)));
}

/**
 * A need heard again, linked to the moment it was first heard: in the client's earlier words when
 * they voice it, else by its label when the client confirmed the theme; once per need, and never
 * when this turn already says the same words.
 */
function linkBack(context: ReflectionContext, category: NeedCategory, quote: string, moves: readonly PlannedMove[], plainOnly: boolean): PlannedMove | null {
  const bank = context.phrases.reflections;
  const known = context.state.needs.find((need) => need.category === category);
  if (!known) return null;
  const earlier = spokenNeed(known, known.evidence.filter((evidence) => evidence !== quote));
  // Words the coach gave back this turn or lately are not linked back to: that is an echo, not a link.
  if (earlier === null || (plainOnly && earlier.form === 'clause') || alreadySaid(earlier.text, [...moves.map((move) => move.text), ...context.said.slice(-RECENT_TURNS)])) return null;
  const stems = earlier.form === 'clause' ? bank.linkOwn : bank.link;
  if (context.said.some((previous) => previous.includes(earlier.text) && [...bank.link, ...bank.linkOwn].some((stem) => previous.includes(stemLead(stem))))) return null;
  const text = pickFresh(stems, context.seed, earlier.form === 'clause' ? { p: earlier.text } : { need: earlier.text }, context.said);
  return text ? { kind: 'complex_reflection', label: `links back to the need: ${category}`, text } : null;
}

/**
 * The fallback when the grammar gate refused every clause of the message: the feeling the client
 * named ("You're feeling stuck."), else a noun phrase of theirs with its determiner ("You mentioned
 * your second shop."), or nothing, and the turn's question stands alone.
 */
const FEELING_FALLBACK_WORDS = 30;

function saferReflection(context: ReflectionContext, plainOnly: boolean): PlannedMove | null {
  const bank = context.phrases.reflections;
  const feeling = context.understanding.feelings[0];
  // In a long message a feeling word may be someone else's ("she said leave me alone"): named only
  // in a short one, or in one told in the first person throughout ("When I imagine it I become very
  // nervous. My hands sweat. … I am afraid that…").
  if (feeling && (words(context.text).length <= FEELING_FALLBACK_WORDS || toldInFirstPerson(context.text))) {
    const text = pickFresh(bank.feelingOnly, context.seed, { feeling }, context.said);
    if (text) return { kind: 'complex_reflection', label: `names the feeling: ${feeling}`, text };
  }
  // A phrase from their question ("does it have to be an actual date?") is not something they said.
  for (const phrase of findAnchoredPhrases(withoutQuestions(context.text))) {
    const k = lowerFirst(toSecondPerson(phrase));
    if (echoFault(k, 'phrase') !== null || (plainOnly && !plainNounPhrase(k))) continue;
    const text = pickFresh(bank.keyPhrase, context.seed, { k }, context.said);
    if (text) return { kind: 'simple_reflection', label: 'reflects a key phrase', text };
  }
  return null;
}

/** Whether every sentence of a message speaks of the speaker (I, my, me): its feelings are theirs. */
function toldInFirstPerson(text: string): boolean {
  const sentences = splitSentences(text);
  return sentences.length > 0 && sentences.every((sentence) => words(sentence).some((word) => FIRST_PERSON.has(lexiconText(word))));
}
const FIRST_PERSON: ReadonlySet<string> = new Set(['i', 'im', 'ive', 'id', 'ill', 'my', 'me', 'myself']);

/** Most words a learner's phrase may have to be given back ("your new protocols"). */
const PLAIN_PHRASE_WORDS = 4;

/**
 * For a client writing English as a second language, only a short phrase that reads as a whole thing
 * is given back: a determiner or a possessive first and a noun last ("the housekeeping team"), not
 * "the moment pass" or "a little embarrassing", whose words a learner may have put together.
 */
function plainNounPhrase(phrase: string): boolean {
  const terms = parsedTerms(phrase).filter((term) => term.text !== '');
  const first = terms[0];
  const last = terms[terms.length - 1];
  if (!first || !last || terms.length < 2 || terms.length > PLAIN_PHRASE_WORDS) return false;
  const opens = first.tags.includes('Determiner') || first.tags.includes('Possessive') || first.tags.includes('Value');
  const lettersOnly = [...last.text].every((character) => character === '-' || character.toLowerCase() !== character.toUpperCase());
  const ends = last.tags.includes('Noun') && !last.tags.some((tag) => tag === 'Verb' || tag === 'Adjective' || tag === 'Pronoun') && lettersOnly;
  if (!opens || !ends || last.text.toLowerCase().endsWith('ing')) return false;
  if (terms.slice(1, -1).some((term) => term.tags.some((tag) => tag === 'Verb' || tag === 'Possessive' || tag === 'Pronoun'))) return false;
  // Read alone, the last word is a noun and nothing else ("pass" may be the verb a learner meant).
  const alone = parsedTerms(last.text.toLowerCase())[0];
  return alone !== undefined && alone.tags.includes('Noun') && !alone.tags.some((tag) => tag === 'Verb' || tag === 'Adjective');
}

/** A question to the coach with nothing of the client in it. */
export function isOffTopicQuestion(text: string, known: readonly string[] = []): boolean {
  const lower = normalize(text);
  if (!/\?\s*$/.test(lower) || /\b(?:i|i'm|i've|i'd|me|my|we|our|us)\b/.test(lower)) return false;
  // "Check-in after each architecture meeting, is possible?" is about what they said; "what's the capital of France?" is not.
  const stems = new Set(known.flatMap((line) => contentWords(line)).filter((word) => word.length >= 4).map((word) => word.slice(0, 5).toLowerCase()));
  return !contentWords(text).some((word) => word.length >= 4 && stems.has(word.slice(0, 5).toLowerCase()));
}

/** What the client has said that the state keeps: what a question may be about without being off-topic. */
export function conversationTexts(state: SessionState): string[] {
  return [
    state.agreement.purpose?.quote,
    state.statement?.text,
    ...state.needs.flatMap((need) => need.evidence),
    ...state.constraints.flatMap((constraint) => constraint.evidence),
    ...[...state.goals, ...state.successSignals, ...state.strengths, ...state.obstacles].map((slot) => slot.quote),
    state.experiment?.quote,
    ...state.plan.map((action) => action.quote),
  ].filter((text): text is string => typeof text === 'string' && text !== '');
}

/**
 * After a detour (an off-topic question, an advice request, an attempt to re-role the coach),
 * come back with the client's own earlier words, so the next question lands on their concern.
 */
export function bridgeBack(phrases: PromptBank, state: SessionState, seed: number, said: readonly string[]): PlannedMove | null {
  const need = [...state.needs].sort((first, second) => second.confidence - first.confidence)[0];
  const quote = need?.evidence[0] ?? state.goals[0]?.quote ?? state.agreement.purpose?.quote;
  if (!quote) return null;
  const p = lowerStart(toSecondPerson(stripFinalPunctuation(shorten(stripLeadingFiller(withoutHedges(quote)), 16))));
  const text = pickFresh(phrases.reflections.bridge, seed, { p }, said);
  return text ? { kind: 'simple_reflection', label: "brings the client's concern back", text } : null;
}

/** Whether this turn's reading kept the answer as the statement part its slot asks for (any other slot: yes). */
function tookPart(understanding: Understanding, slot: string): boolean {
  if (slot === 'success') return understanding.successSignals.length > 0;
  if (slot === 'experiment') return understanding.experiment !== null;
  return true;
}
