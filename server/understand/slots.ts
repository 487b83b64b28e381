import type { LearningPreference } from '../domain/schemas.js';
import type { Slot } from '../domain/session-state.js';
import nlp from 'compromise';
import { toSecondPerson } from './paraphrase.js';
import { parsedTerms } from './term-parses.js';
import { CONTINUES, PartLabelEntrySchema } from './part-labels.js';
import { compileLexicon, entriesById, escapeRegex, lexiconText } from './lexicon.js';
import goalOpeners from '../../content/lexicon/goal-openers.json' with { type: 'json' };
import aimFrames from '../../content/lexicon/aim-frames.json' with { type: 'json' };
import secondThoughts from '../../content/lexicon/second-thoughts.json' with { type: 'json' };
import measurableWords from '../../content/lexicon/measurable-words.json' with { type: 'json' };
import partLabels from '../../content/lexicon/part-labels.json' with { type: 'json' };
import signMarkers from '../../content/lexicon/sign-markers.json' with { type: 'json' };
import { classifySentence, type UnderstandingModels } from './sentence-classifier.js';
import { contentWords, lowerFirst, normalize, shorten, splitSentences, stripFinalPunctuation, stripLeadingFiller, words } from './text.js';

/**
 * The partnership's slots other than needs and constraints: goals, success signals, a first
 * experiment, strengths, learning preference, and the agreement's purpose and time. Each slot
 * keeps the client's verbatim sentence (`quote`) and the coach's rendering of the key clause
 * (`text`, second person), so the statement can trace every part back to a client turn.
 */

/** The clause after a marker, in the client's own words; falls back to the whole sentence. */
function ownClauseAfter(sentence: string, match: RegExpExecArray | null, maxWords = 30): string {
  const raw = match ? sentence.slice(match.index + match[0].length) : stripLeadingFiller(sentence);
  // "I'd like to be the kind of lead …": after "to", "be" is the goal's own verb, not a link to strip.
  const clause = /\bto\s*$/i.test(match?.[0] ?? '') ? raw.trim() : raw.trim().replace(/^(?:to|that|is|be|would be|:|,)\s+/i, '');
  return lowerFirst(stripFinalPunctuation(shorten(clause, maxWords)));
}

/** The clause after a marker, in the coach's voice; falls back to the whole sentence. */
function clauseAfter(sentence: string, match: RegExpExecArray | null, maxWords = 22): string {
  return lowerFirst(toSecondPerson(ownClauseAfter(sentence, match, maxWords)));
}

/** A slot from the clause after a marker: the coach's rendering plus the client's own wording. */
export function clauseSlot(sentence: string, match: RegExpExecArray | null, seq: number, shape: (clause: string) => string = (clause) => clause): Slot {
  const own = shape(ownClauseAfter(sentence, match));
  return { text: lowerFirst(toSecondPerson(own)), quote: sentence, seq, own };
}

/**
 * "What I want to work on is my confidence": after the opener "I want to", the words "work on is"
 * are the frame of a pseudo-cleft, not the aim; the aim reads "work on my confidence".
 */
const AIM_FRAMES = entriesById(compileLexicon('aim-frames', aimFrames), ['topic-copula', 'topic-narrowing']);
const TOPIC_COPULA = AIM_FRAMES['topic-copula'].regex;
/** "your work, mostly about speaking in meetings" → "speaking in meetings": the narrower topic named in the same breath. */
function narrowedTopic(slot: Slot): Slot {
  const form = lexiconText(slot.text);
  const match = AIM_FRAMES['topic-narrowing'].regex.exec(form);
  if (!match) return slot;
  // The words cut are counted in the text as written (lexicon form only drops apostrophes and case).
  const cutWords = match[0].trim().split(' ').length;
  const keep = (text: string) => text.split(' ').slice(cutWords).join(' ');
  const narrowed = keep(slot.text);
  return narrowed.split(' ').length >= 2 ? { ...slot, text: narrowed, ...(slot.own !== undefined ? { own: keep(slot.own) } : {}) } : slot;
}
function withoutTopicCopula(clause: string): string {
  return clause.replace(TOPIC_COPULA, '$1 ');
}

/** A goal's reason ("…, because I end up doing everything") is a need, not part of the goal. */
function withoutReason(clause: string): string {
  const cut = clause.split(/,?\s+\b(?:because|since|so that|but|as otherwise)\b\s+/i)[0] ?? clause;
  return cut.split(' ').length >= 2 ? cut : clause;
}

function slot(text: string, quote: string, seq: number): Slot {
  return { text, quote, seq };
}

function firstMatch(sentences: string[], pattern: RegExp): { sentence: string; match: RegExpExecArray } | null {
  for (const sentence of sentences) {
    const match = pattern.exec(sentence);
    if (match) return { sentence, match };
  }
  return null;
}

// The last branch: "I run a support team of 9 and want to get better at …": the second verb's subject is the first one's, the speaker.
const GOAL_OPENERS = compileLexicon('goal-openers', goalOpeners);
const CODED_GOAL = /\b(?:i (?:really |also |just )?(?:(?:want|'d like|would like|'d love|would love|hope|aim|plan|intend|need) to|wanna|wish i could)|i(?:’d|'d) (?:really )?(?:like|love) to|my (?:main |big |real )?(?:goal|aim|hope|ambition|objective) (?:is|would be)(?: to)?|the goal (?:is|would be)(?: to)?|what i (?:really )?want is(?: to)?|i'm (?:aiming|trying|hoping|looking) to|i(?:'d| would) (?:like|love) (?:to )?(?:be|get) (?:able to|better at)|ideally,? i(?:'d| would)|^i\b[^.!?]*?\b(?:and|but|so) (?:really |also )?(?:want|would like|'d like|hope) to)\s+/i;
/** The goal openers above, and those kept as data with their examples (content/lexicon/goal-openers.json). */
const GOAL = new RegExp(`(?:${CODED_GOAL.source})|${GOAL_OPENERS.entries.map((entry) => `(?:${entry.regex.source})`).join('|')}`, 'i');
const NOT_A_GOAL = /^(?:talk|chat|say(?= (?:that|this|thanks|thank you|sorry|hi|hello|first|again|upfront|up front|something about)\b|\s*$)|move on|go back|stop (?:here|now|this|talking)|know what you|ask|be honest|think about it|start|begin|continue|try it|learn)\b|\b(?:coaching (?:session|conversation|call)|this (?:session|conversation|chat|call)|(?:first|next) session|(?:get|be|feel) (?:ready|prepared) for (?:the|this|my|our) (?:first )?(?:session|coaching|conversation))\b/i;

/** Goals: what the client wants to be different ("I want to …", "my goal is …", "get better at …"). */
export function findGoals(text: string, seq: number): Slot[] {
  const goals: Slot[] = [];
  const sentences = splitSentences(text);
  for (const [index, sentence] of sentences.entries()) {
    const conditional = GOAL.test(sentence) && !hasGoalMarker(sentence);
    const match = conditional ? null : GOAL.exec(sentence) ?? /\b(?:i|i'd|i'm|i would|i want to|i need to)\s+(?:\w+\s+){0,2}?(?:get|getting|become|becoming) (?:much |a lot |way )?(?:better|more \w+|less \w+) at\b/i.exec(sentence);
    if (!match) continue;
    // "…half an hour before I need to sleep" is the time they have; "success is … the things I need to show" is a success signal.
    if (TIME_ON_HAND.test(sentence) || SUCCESS.test(sentence) || (index > 0 && isSuccessLabel(sentences[index - 1]!))) continue;
    const goal = clauseSlot(sentence, GOAL.test(sentence) ? match : null, seq, (clause) => withoutReason(withoutTopicCopula(clause)));
    if (NOT_A_GOAL.test(goal.text) || goal.text.split(' ').length < 2) continue;
    goals.push(goal);
  }
  return goals.slice(0, 2);
}

/** "I have maybe half an hour", "I've got 20 mins": the time they have for this talk. */
const TIME_ON_HAND = /\b(?:have|got)\s+(?:about |around |roughly |maybe |only |just )?(?:\d+|an?|one|two|half an?|ten|fifteen|twenty|thirty|forty(?:-five)?|sixty|a couple of|a few)\s?(?:minutes?|mins?|hours?|hrs?)\b/i;

const SUCCESS = /\b(?:(?:success|a win|progress|winning)(?:\s+(?:metric|measure|criteri(?:on|a)|indicator|signal|marker|test)s?)?\s*(?:=|:|-|would be|is)\s*(?=\S)|(?:success|a win|a good outcome|a good result)(?:\s+(?:in|by|for|over|after|within|at|to)\s+[\w' ]{1,24}?)\s+(?:would be|will be|would look like|looks like|would mean|means|is)\s+|i(?:'ll| will|'d| would) know (?:(?:that )?(?:it's|it is|it was|it has|it's been|it|this|that|i've|i have|we've|we have) ?(?:been )?(?:working|worked|works|succeeded|made progress|paid off|landed|(?:getting |going |got )?better|improving|improved|going well|went (?:ok|okay|well|fine|right|alright)|goes (?:ok|okay|well|fine)|different|changed)? ?)?(?:when|if|because|by)?|success (?:would|will|to me would)? ?(?:be|look like|looks like|mean|means|is)|a (?:win|good result|good outcome) (?:would be|is|for me would be)|progress (?:would|will) (?:look like|be|mean)|(?:that|it) would (?:tell|show) me|(?:a|the) (?:sign|signal|measure) (?:of progress |of success )?(?:would be|is|that)|(?:people|my team|my boss|my manager|others|everyone) (?:would|will) (?:notice|see|say|tell me)(?: that)?|i(?:'d| would) (?:see|notice|feel)|i(?:'d| would) be happy if|it(?:'d| would) be (?:good|great|a win|progress|a success) if|good would look like|the proof would be|what would tell me is|i(?:'d| would) call it a (?:win|success)(?: if| when)?|(?:that|it)(?:'d| would) be (?:a win|a success|success|progress|a good sign|huge)(?: for me)?[:,]?|(?:the|a) (?:good|great|real|clear) (?:sign|outcome|result|indicator) (?:would be|is|for me is)|what (?:good|success|better|progress) (?:looks|would look) like (?:is|would be|for me is)?:?|better (?:would be|looks like|would look like|means)|the dream (?:is|would be)|(?:in|after|by|within) (?:a|one|two|three|four|six|twelve|a few|a couple of|\d+) (?:weeks?|months?|quarters?|years?)(?: from now| time)?,? (?=(?:i|i'd|i'll|i'm|my|we|we'd|the|people|they|he|she|everyone|nobody)\b)|i(?:'d| would) (?:like|love) to see|i(?:'d| would|'ll| will) be (?:happy|glad|pleased|satisfied|chuffed|thrilled|content) (?:if|when)|(?:i'll|i will|i'd|i would|i can|i could) (?:see|tell|notice) (?:it's|it is|it was|that it's)? ?(?:working|worked|better|improving)?,? ?(?:if|when|because)|(?:my |the )?(?:measure|metric|kpi)s?(?: of success)? (?:would be|is|:))\s*/i;
/** A digit or a word of counting or change (content/lexicon/measurable-words.json). */
const MEASURABLE = new RegExp(`\\b(?:\\d+|${compileLexicon('measurable-words', measurableWords).entries.flatMap((entry) => entry.data.words ?? []).map(escapeRegex).join('|')})\\b`, 'i');

/** Success signals: how the client would know it is working. */
/** Words that join a sentence to the one before ("Or if I stop…", "And when…"): not part of a sign said after them. */
const SIGN_JOINERS: ReadonlySet<string> = new Set([...CONTINUES, 'or', 'but', 'so']);

export function findSuccessSignals(text: string, seq: number, expected: boolean): Slot[] {
  const signals: Slot[] = [];
  const sentences = splitSentences(text);
  let marked = -1;
  sentences.forEach((sentence, index) => {
    // "If I had two direct clients by end of June, that'd feel like it's working": the marker comes after the sign.
    const before = signBeforeMarker(sentence);
    if (before !== null) {
      signals.push({ ...clauseSlot(before, null, seq), quote: sentence });
      marked = index;
      return;
    }
    const match = SUCCESS.exec(sentence);
    if (match) {
      signals.push(clauseSlot(sentence, match, seq));
      marked = index;
    }
    // "Success would be handovers where nobody's rolling their eyes. And I've had the conversation
    // with her by the end of the month.": a sentence opened by "and" right after a sign goes on with it.
    else if (marked >= 0 && marked === index - 1 && CONTINUES.has(words(sentence)[0] ?? '') && sentence.split(' ').length >= 4) {
      const rest = sentence.split(' ').slice(1).join(' ');
      signals.push({ ...clauseSlot(rest, null, seq), quote: sentence });
    }
    // "Success is an offer. No, but realistically, by end of May I have five interviews.": the
    // second thought takes the first answer's place.
    else if (marked >= 0 && marked === index - 1 && TAKES_BACK.test(lexiconText(sentence)) && signals.length > 0) {
      // The opener has no apostrophe, so it is cut from the words as typed too.
      const rest = sentence.replace(TAKES_BACK, '');
      if (rest.split(' ').length >= 3) {
        signals[signals.length - 1] = { ...clauseSlot(rest, null, seq), quote: sentence };
        marked = index;
      }
    }
    // "Success... the next idea I pitch gets a pilot": the label stands alone, the signal follows it.
    else if (index > 0 && isSuccessLabel(sentences[index - 1]!) && sentence.split(' ').length >= 3) signals.push(clauseSlot(sentence, null, seq));
    // In answer to the question: a measurable change even in two words ("Fewer call-outs."), or a future state.
    // (Not a memory: "my old boss used to sit with me after every presentation" is no sign of progress.)
    else if (expected && ((MEASURABLE.test(sentence) && sentence.split(' ').length >= 2) || (FUTURE_STATE.test(sentence) && sentence.split(' ').length >= 4) || doingPhrase(sentence)) && !STRENGTH.test(sentence) && !sentence.trim().endsWith('?') && !PAST.test(sentence)) {
      // "Or if I stop checking the jobs board…": the word that joined it to the sentence before is not the sign's.
      const joined = SIGN_JOINERS.has(words(sentence)[0]?.toLowerCase() ?? '') && sentence.split(' ').length >= 4;
      signals.push({ ...clauseSlot(joined ? sentence.split(' ').slice(1).join(' ') : sentence, null, seq), quote: sentence });
    }
  });
  return signals.slice(0, 2);
}

/** A sentence that takes back the one before ("No, but realistically, …": content/lexicon/second-thoughts.json). */
const TAKES_BACK = entriesById(compileLexicon('second-thoughts', secondThoughts), ['takes-back'])['takes-back'].regex;

/** Words that open an aim said as a comparison ("more time at home", "less firefighting"). */
const COMPARATIVE_OPENERS: ReadonlySet<string> = new Set(['more', 'less', 'fewer', 'better']);

function aimShaped(sentence: string): boolean {
  const [first] = parsedTerms(stripLeadingFiller(sentence)).filter((term) => term.text !== '');
  if (!first) return false;
  if (COMPARATIVE_OPENERS.has(first.text.toLowerCase())) return true;
  if (first.tags.includes('Gerund') || (first.tags.includes('Infinitive') && !first.tags.includes('Noun') && !first.tags.includes('Pronoun'))) return true;
  // A target named with no verb ("70 on the practice tests", "two evenings a week at home"): a thing
  // wanted, led by a number, an article or a describing word, in a few words.
  const terms = parsedTerms(stripFinalPunctuation(stripLeadingFiller(sentence))).filter((term) => term.text !== '' && !APPROXIMATE.has(term.text.toLowerCase()));
  const lead = terms[0];
  // "Half an hour.": the time they have for this talk, answered late, is no target.
  if (TIME.test(sentence)) return false;
  if (!lead || terms.length < TARGET_WORDS || terms.length > MAX_TARGET_WORDS || terms.some((term) => term.tags.includes('Pronoun'))) return false;
  // Led by a number, a figure to reach: no clause of its own (a copula, a modal, a past) — the parser
  // reads some plural nouns as verbs ("the practice tests"), so a present verb alone does not count.
  // Only a figure written as one ("70 on the practice tests"): "twenty two years of this" is a span of time.
  const figure = lead.text.charAt(0) >= '0' && lead.text.charAt(0) <= '9';
  if (figure) return terms.every((term) => !['Copula', 'Modal', 'PastTense', 'Auxiliary'].some((tag) => term.tags.includes(tag)));
  // ("sick of nights", led by a describing word, is how things are; "that's the step" points back: no target.)
  return lead.tags.includes('Determiner') && !POINTING.has(lead.text.toLowerCase()) && terms.every((term) => !term.tags.includes('Verb') && !term.tags.includes('Copula'));
}

/** Words that point back at something said before ("that's the step"): what they point at is no target. */
const POINTING: ReadonlySet<string> = new Set(['that', 'this', 'these', 'those', "that's", 'thats']);

/** Words that only make a figure approximate ("about 70 on the practice tests"). */
const APPROXIMATE: ReadonlySet<string> = new Set(['about', 'around', 'roughly', 'maybe', 'like', 'approximately']);

/** A target said without a verb is a few words long: fewer is a scrap ("regs mostly"), more a description. */
const TARGET_WORDS = 3;
const MAX_TARGET_WORDS = 10;

/** Fewest words of a sign named by what they would be doing ("doing the school run on a tuesday"). */
const DOING_WORDS = 4;

/**
 * A sign named by what they would be doing, in answer to the question: a phrase led by a verb in
 * -ing, or "not" and one ("eating an actual plate of something before service", "not dreading
 * Wednesday"): something that would show.
 */
function doingPhrase(sentence: string): boolean {
  const terms = parsedTerms(stripFinalPunctuation(sentence)).filter((term) => term.text !== '');
  const lead = terms[0]?.text.toLowerCase() === 'not' ? terms[1] : terms[0];
  // A phrase, not a clause: "writing the point is easy" has the -ing verb as the subject of a remark.
  return terms.length >= DOING_WORDS && lead !== undefined && lead.tags.includes('Gerund') && !terms.some((term) => term.tags.includes('Copula') || term.tags.includes('Modal'));
}

/**
 * The aim in an answer to the question about what they want, said with no marker ("feeling less
 * like a zombie I suppose"): its first sentence that says something, with a leading -ing verb made
 * bare ("feel less like a zombie"). The type check of the aim follows (part-check.json).
 */
export function goalFromAnswer(text: string, seq: number): Slot | null {
  const wished = wishedAim(text, seq);
  if (wished) return wished;
  // Only a phrase shaped as an aim: led by a verb ("feel human again"), a verb in -ing ("feeling less
  // like a zombie") or a comparative ("more time at home"), not a story ("I get mondays and tuesdays…").
  const sentence = splitSentences(text).find((candidate) => !candidate.trim().endsWith('?') && words(candidate).length >= 3 && aimShaped(candidate));
  if (!sentence) return null;
  return clauseSlot(sentence, null, seq, (clause) => {
    const [first, ...rest] = clause.split(' ');
    const lead = parsedTerms(first ?? '')[0];
    return lead?.tags.includes('Gerund') ? [nlp(first!).verbs().toInfinitive().text() || first!, ...rest].join(' ') : clause;
  });
}

/** Words that open a wish typed without its subject ("want them to listen", "need a proper rota"). */
export const WISH_VERBS: ReadonlySet<string> = new Set(['want', 'need', 'wanna']);

/**
 * "want them to just listen w/o me shoutin", "need the owner to give me a proper rota": a wish typed
 * without its "I" is the aim in the client's own clause, the subject given back ("I want them to…");
 * "want to get home by six" is the aim its verb names ("get home by six").
 */
function wishedAim(text: string, seq: number): Slot | null {
  const sentence = splitSentences(text).find((candidate) => !candidate.trim().endsWith('?'))?.trim() ?? '';
  const [first, second] = words(sentence).map((word) => word.toLowerCase());
  if (first === undefined || !WISH_VERBS.has(first) || words(sentence).length < 3) return null;
  if (second === 'to') return clauseSlot(sentence.split(' ').filter(Boolean).slice(2).join(' '), null, seq);
  const slot = clauseSlot(`I ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`, null, seq);
  return { ...slot, quote: sentence };
}

const SIGN_MARKERS = entriesById(compileLexicon('sign-markers', signMarkers), ['marker-after-condition', 'bare-condition']);
const MARKER_AFTER = SIGN_MARKERS['marker-after-condition'].regex;

/** A sentence that is only a condition, with no main clause: "if nobody rings me at 6 asking where to go". */
export function isBareCondition(sentence: string): boolean {
  return SIGN_MARKERS['bare-condition'].regex.test(lexiconText(sentence).trim());
}

/**
 * The sign in a sentence whose marker follows it ("If I had two direct clients by end of June,
 * that'd feel like it's working" → "if I had two direct clients by end of June"), in the words as
 * typed, or null. The lexicon form keeps the words' order and count, so the condition is cut from
 * the sentence by its number of words.
 */
function signBeforeMarker(sentence: string): string | null {
  const match = MARKER_AFTER.exec(lexiconText(sentence));
  const sign = match?.groups?.sign;
  if (!match || !sign) return null;
  const typed = sentence.trim().split(' ').filter(Boolean);
  const opening = lexiconText(match[0].slice(0, match[0].indexOf(sign))).split(' ').filter(Boolean);
  const clause = typed.slice(opening.length, opening.length + sign.split(' ').length).join(' ');
  // The condition keeps its "if" or "when", so the statement reads "I'll know it's working if …".
  return `${opening.at(-1) ?? 'if'} ${clause.endsWith(',') ? clause.slice(0, -1) : clause}`;
}

const PAST = /\b(?:used to|was|were|had|did|last (?:week|month|year|time)|ago)\b/i;

/** A future state described in answer to "how would you know?": "people would come to me first", "I'd stop…". */
const FUTURE_STATE = /(?:\b(?:would|will|could|able to|no longer|instead|anymore|any more|again|finally)\b|'d\b|'ll\b)/i;

/**
 * A sentence that is only a label for the sign that follows it ("Success...", "How I'd know...", "for
 * me, success:"): the success entry of content/lexicon/part-labels.json, matching the whole sentence.
 */
const SUCCESS_LABEL_ENTRY = entriesById(compileLexicon('part-labels', partLabels, PartLabelEntrySchema), ['success']).success.regex;
export function isSuccessLabel(sentence: string): boolean {
  const form = lexiconText(sentence).trim();
  const match = SUCCESS_LABEL_ENTRY.exec(form);
  return match !== null && match[0].trim().length === form.length;
}

// "I start with whatever is loudest" is a habit; "I could start with…" is a step: starting needs a modal.
const EXPERIMENT = /\b(?:i (?:could|can|might|will|'ll|should|am going to|'m going to|want to)? ?(?:try|test|experiment with|pilot)(?: to| out| with)?|i (?:could|can|might|will|'ll|should|am going to|'m going to|want to) (?:start by|start with|begin by)|maybe i(?:'ll| will| could| can)|(?:this|next) (?:week|month),? i(?:'ll| will| could| can)?|for the next (?:two|couple of|few|2|3) (?:weeks|days),? i(?:'ll| will| could)?|(?:a|my|the|one) (?:(?:first|small|tiny|little|quick|easy) ){1,2}(?:step|experiment|change|test|thing) (?:could|would|might|will)? ?be(?: to)?|one (?:small )?thing i could (?:do|try) is(?: to)?|as an experiment,? i(?:'ll| could| will)?)\s*/i;

const TENTATIVE_ACTION = /(?:^|\b(?:i|maybe|perhaps)\s+)(?:i\s+)?(?:could|might|can)\s+(?!not\b|never\b|be\b|have\b|see\b|say\b|tell\b|imagine\b|you\b|we\b|only\b|barely\b|hardly\b|just about\b)|\b(?:maybe|perhaps) i(?:'ll| will)?\s+(?!not\b|never\b|be\b|have\b|see\b|imagine\b)/i;
/** A sentence that labels itself as the experiment or first step. */
// "The thing is…" is a way of talking, not a label: "thing" and "one" need a qualifier ("small thing:").
const LABELLED_EXPERIMENT = /^(?:(?:ok(?:ay)?|fine|maybe|so|alright),?\s+)?(?:(?:a|one|my|the)\s+)?(?:(?:(?:small|tiny|first|little|easy|concrete)\s*(?:thing|one|step|experiment|try|test)|experiment|step|try|test)\s*(?:could be|would be|is|:|-|=|,)|(?:thing|one)\s*[:=–—-])\s*(?:to\s+)?|^(?:experiment|first step|next step|to try)\s*(?::|-|=|would be|could be)\s*(?:to\s+)?/i;
const SOON = /\b(?:next (?:couple of |two |few )?(?:weeks?|days?|meeting|sprint)|this (?:week|month|sprint)|for (?:a|two|the next) (?:weeks?|days)|over the next|tomorrow|starting (?:monday|tomorrow|next)|before (?:the|our|my|next)|in (?:the )?(?:first|next)|each|every)\b/i;

/** A first experiment: a small thing to try in the next couple of weeks. */
/**
 * "I could try a short weekly update": the cue took the verb, and what is left is the thing tried,
 * which names no action of theirs. The verb is given back ("try a short weekly update").
 */
const TRIED = new Set(['try', 'test', 'pilot']);
const THING_START = new Set(['a', 'an', 'the', 'some', 'one', 'my', 'our', 'this', 'that']);

function withTriedThing(slot: Slot, cue: string): Slot {
  const verb = cue.trim().split(' ').at(-1)?.toLowerCase() ?? '';
  if (!TRIED.has(verb) || !THING_START.has(slot.text.split(' ')[0]?.toLowerCase() ?? '')) return slot;
  return { ...slot, text: `${verb} ${slot.text}`, ...(slot.own !== undefined ? { own: `${verb} ${slot.own}` } : {}) };
}

export function findExperiment(text: string, seq: number, expected: boolean): Slot | null {
  const sentences = splitSentences(text);
  const found = firstMatch(sentences, EXPERIMENT);
  if (found) {
    const experiment = withTriedThing(clauseSlot(found.sentence, found.match, seq), found.match[0]);
    if (experiment.text.split(' ').length >= 2) return experiment;
  }
  // "Small thing: in our next 1:1 I say one clear thing", "Experiment: rewrite the RFC as a one-pager".
  for (const sentence of sentences) {
    const match = LABELLED_EXPERIMENT.exec(sentence);
    if (!match) continue;
    const experiment = clauseSlot(sentence, match, seq);
    if (experiment.text.split(' ').length >= 3) return experiment;
  }
  // "I could start short one-to-ones over the next two weeks": a tentative, near-term action.
  for (const sentence of sentences) {
    const match = TENTATIVE_ACTION.exec(sentence);
    if (match && (SOON.test(sentence) || sentence.split(' ').length >= 6)) return clauseSlot(sentence, match, seq);
  }
  if (expected) {
    const action = sentences.find((sentence) => /\b(?:i(?:'ll| will| could| can| would)|maybe|perhaps|by|every|each)\b/i.test(sentence) && sentence.split(' ').length >= 4);
    if (action) return clauseSlot(action, null, seq);
    // "Block Friday mornings for planning.": a step named as a bare verb phrase, in answer to the
    // question; offered tentatively ("give priya the cover calls for a week?") it is still theirs.
    const bare = sentences.find((sentence) => sentence.split(' ').length >= 3 && !NOT_AN_EXPERIMENT.test(stripLeadingFiller(sentence)));
    if (bare) return clauseSlot(bare, null, seq);
  }
  return null;
}

/** Openings that answer "what could you try?" with anything but a step. */
const NOT_AN_EXPERIMENT = /^(?:i (?:don't|do not|dont)|not sure|no idea|dunno|nothing|no\b|nope|yes\b|yeah\b|hard to say|it's|it is|that's|there's|the|my|our|we|they|he|she|because|i'm|i am|i was|i've|i have|i think|i guess)\b/i;

const STRENGTH = /\b(?:i'm|i am|i've always been|i've been) (?:really |pretty |quite |very |actually )?(?:good|great|strong|skilled|decent|comfortable|excellent) (?:at|with)|my (?:biggest |main |real )?(?:strengths? (?:is|are)|superpower is)|people (?:say|tell me|often say) (?:that )?i'm|i'm known (?:for|as)|i (?:do|did) (?:well|a good job) (?:at|with|when)|(?:\w+ )?comes? naturally to me|i'm (?:a )?(?:natural|good listener|people person|organi[sz]ed|calm|patient|resilient|reliable)|i have a knack for|one thing i do well is\b/i;

/** Strengths the client names: resources to build the plan on. */
export function findStrengths(text: string, seq: number, expected = false): Slot[] {
  const strengths: Slot[] = [];
  const sentences = splitSentences(text);
  // Asked what they are good at, plain statements count ("I can close. I read people pretty fast."), not the heading or a "but".
  const answers = expected && !sentences.some((sentence) => STRENGTH.test(sentence));
  for (const sentence of sentences) {
    const match = STRENGTH.exec(sentence);
    if (!match && !(answers && /^(?:i|i'm|i've|people|my team|they)\b/i.test(sentence.trim()) && sentence.split(' ').length >= 3 && !/(?:\b(?:not|never|but|struggle|hard)\b|n't\b|\bdont\b)/i.test(sentence))) continue;
    const clause = lowerFirst(stripFinalPunctuation(toSecondPerson(stripLeadingFiller(sentence))));
    strengths.push(slot(shortClause(clause), sentence, seq));
  }
  return strengths.slice(0, 2);
}

function shortClause(text: string): string {
  return shorten(text, 22);
}

const LEARNING_CONTEXT = /\blearn\w*|\bpick (?:things|it|stuff) up\b|\bworks? best for me\b|\bbest way for me\b|\bi (?:prefer|tend|like) to\b|\b(?:i'd|i would|i) prefer\b|\bi like \w+ing\b|\bhelps? me\b|\bhow i (?:grow|improve|get better)\b|\bi (?:get|got) better (?:when|by|with)\b|\bworks for me\b/i;
const LEARNING: Record<Exclude<NonNullable<LearningPreference>, 'mix'>, RegExp> = {
  action: /\bby doing\b|\bdoing\b|\bhands-?on\b|\btry(?:ing)? (?:things|it|stuff|something|new things)(?: out)?\b|\btrial and error\b|\bexperiment\w*|\bpractic\w*|\bjump(?:ing)? (?:in|straight in)\b|\bdiv(?:e|ing) (?:in|right in)\b|\bin the moment\b|\bjust do(?:ing)? it\b|\bget(?:ting)? my hands dirty\b|\bon the job\b|\breal situations?\b|\bfor real\b|\bexperience\b/i,
  reflection: /\breflect\w*|\bthink(?:ing)? (?:it|things) (?:through|over)\b|\bjournal\w*|\bread(?:ing)?\b|\bwrit(?:e|ing) (?:it|things) down\b|\btime to (?:think|process)\b|\bmull\w*|\bprocess(?:ing)? (?:it|things)\b|\bquiet\b|\bon my own\b|\bunderstand the theory\b|\bponder\w*|\bprepar\w*/i,
  feedback: /\bfeedback\b|\bsomeone (?:tells|telling|watching|shows|showing|observ\w*) me\b|\bhear(?:ing)? (?:how i (?:did|do|came across)|what (?:people|others) (?:thought|think))\b|\bobserv\w* me\b|\bwatch(?:es|ing)? me\b|\bmentor\w*|\bcoach(?:ing)? me\b|\bfrom others\b|\bother people's (?:views|input|perspective)\b|\bbounc\w* (?:ideas|things) off\b|\btalk(?:ing)? (?:it|things) (?:over|through) with\b/i,
};
/** Cues that name a way of learning on their own, without "learn" nearby. */
const LEARNING_ALONE: Partial<Record<Exclude<NonNullable<LearningPreference>, 'mix'>, RegExp>> = {
  action: /\b(?:learn(?:ing)? )?by doing\b|\bhands-?on\b|\btrial and error\b|\bjump(?:ing)? (?:in|straight in) and (?:try|trying|do|doing)\b|^doing[.!]?$/i,
  reflection: /\bthink (?:it|things) through\b|\btime to think\b|\bjournal\w*|\bon my own (?:first|before)\b|^(?:reading|reflecting|reflection|thinking)[.!]?$/i,
  feedback: /\b(?:watch(?:es)?|observes?) me and (?:gives?|tells?)\b|\btell me how i did\b/i,
};
const MIX = /\b(?:a )?mix(?:ture)?\b|\bcombination\b|\b(?:a bit of )?both\b|\ball of (?:the above|them|those)\b|\bdepends\b/i;

type LearningKind = NonNullable<LearningPreference>;

/** Lexicon families that fire in a sentence: extra features for the trained model. */
export function learningCueFeatures(sentence: string): string[] {
  const names: string[] = [];
  for (const kind of Object.keys(LEARNING) as (keyof typeof LEARNING)[]) if (LEARNING[kind].test(sentence)) names.push(`lex:${kind}`);
  for (const kind of Object.keys(LEARNING_ALONE) as (keyof typeof LEARNING)[]) if (LEARNING_ALONE[kind]!.test(sentence)) names.push(`alone:${kind}`);
  if (LEARNING_CONTEXT.test(sentence)) names.push('lex:context');
  if (MIX.test(sentence)) names.push('lex:mix');
  return names;
}

/** Probability a sentence needs to count as a learning preference: lower right after the coach asked about it. */
export const LEARNING_THRESHOLD = { asked: 0.35, unasked: 0.9 } as const;

/** The model's reading of one sentence: its most likely preference (never `none`) and that probability. */
export function predictLearning(models: UnderstandingModels, sentence: string): { preference: LearningKind; probability: number; none: number } {
  const prediction = classifySentence('learning', models.learning, models.vectors, sentence, learningCueFeatures(sentence));
  let preference: LearningKind = 'action';
  let probability = -1;
  for (const label of ['action', 'reflection', 'feedback', 'mix'] as const) {
    if (prediction.probabilities[label] > probability) {
      probability = prediction.probabilities[label];
      preference = label;
    }
  }
  return { preference, probability, none: prediction.probabilities.none };
}

/**
 * The client's learning preference, with the sentence that voiced it. The lexicon reader answers
 * first; when it hears nothing, each sentence is read by the trained classifier
 * (content/models/learning.json) and two different kinds voiced make `mix`.
 */
const SAYS_HOW_THEY_LEARN = /\bi (?:tend to |usually |always |mostly )?learn(?:\s+(?:best|most|better|fastest))?\s+(?:by|from|through|when)\b|\bthe way i learn\b/i;

export function findLearningPreference(models: UnderstandingModels, text: string, seq: number, asked: boolean): { preference: LearningKind; source: Slot } | null {
  // "I learn by watching someone do it first", unasked, is as plain an answer as any reply to the question.
  const expected = asked || SAYS_HOW_THEY_LEARN.test(text);
  const lexicon = findLearningPreferenceByLexicon(text, seq, expected);
  // Unasked, the lexicon answers unless the model is sure of another kind in the same message
  // ("just give me something to try. i don't do journaling" is action, not reflection; "trying
  // stuff and then talking it through" is mix, not action): the lexicon misreads other authors' phrasings.
  const threshold = expected ? LEARNING_THRESHOLD.asked : lexicon ? LEARNING_OVERRIDE : LEARNING_THRESHOLD.unasked;
  const voiced: { preference: LearningKind; probability: number; sentence: string }[] = [];
  for (const sentence of splitSentences(text)) {
    // A heading ("Learning?") says which question is being answered, not how; a way turned down
    // ("I've never learned anything from a book") is not one they prefer.
    if (sentence.split(/\s+/).length < 3) continue;
    NEGATED_LEARNING.lastIndex = 0;
    if (NEGATED_LEARNING.test(sentence)) continue;
    const reading = predictLearning(models, sentence);
    if (reading.probability >= threshold) voiced.push({ ...reading, sentence });
  }
  if (voiced.length === 0) return lexicon;
  voiced.sort((first, second) => second.probability - first.probability);
  const top = voiced[0]!;
  if (lexicon && !expected) {
    if (top.preference === lexicon.preference) return lexicon;
    return { preference: top.preference, source: slot(lowerFirst(stripFinalPunctuation(toSecondPerson(stripLeadingFiller(top.sentence)))), top.sentence, seq) };
  }
  const kinds = new Set(voiced.map((entry) => entry.preference));
  const preference: LearningKind = kinds.size >= 2 ? 'mix' : top.preference;
  // Answering the question, the lexicon keeps its word unless the model is sure of something else.
  if (lexicon && lexicon.preference !== preference && top.probability < LEARNING_OVERRIDE) return lexicon;
  const source = slot(lowerFirst(stripFinalPunctuation(toSecondPerson(stripLeadingFiller(top.sentence)))), top.sentence, seq);
  return { preference, source };
}

/** A negation and the few words after it, where a way of learning is turned down. */
const NEGATED_LEARNING = /\b(?:don't|do not|dont|never|not|no|can't|cannot|hate|without)\b(?:\s+(?:really|do|much|a|big|fan|of|into|for|any|great|good|at|the|just|even|like|enjoy))*\s+(?:journal\w*|read\w*|reflect\w*|theory|writing|write|feedback|practi\w*|experiment\w*|doing|trying|mull\w*|think\w*|books?|learn\w* (?:\w+ )?from (?:a |the )?books?)\b/gi;

/** How sure the model must be to overrule the lexicon's answer (asked or not). */
export const LEARNING_OVERRIDE = 0.75;

/** The lexicon's reading of the learning preference over the whole message (the original reader). */
export function findLearningPreferenceByLexicon(text: string, seq: number, expected: boolean): { preference: LearningKind; source: Slot } | null {
  // "i don't do journaling", "not a big reader": a way of learning turned down is not the one they prefer.
  const trimmed = text.trim().replace(NEGATED_LEARNING, (whole) => ' '.repeat(whole.length));
  const kinds = (Object.keys(LEARNING) as (keyof typeof LEARNING)[]).filter((kind) => LEARNING[kind].test(trimmed));
  const alone = (Object.keys(LEARNING_ALONE) as (keyof typeof LEARNING)[]).filter((kind) => LEARNING_ALONE[kind]!.test(trimmed));
  const inContext = expected || LEARNING_CONTEXT.test(trimmed) || alone.length > 0 || (kinds.length >= 2 && MIX.test(trimmed)) || kinds.length >= 3;
  if (!inContext) return null;
  const sentences = splitSentences(trimmed);
  const sourceSentence = sentences.find((sentence) => kinds.some((kind) => LEARNING[kind].test(sentence)) || MIX.test(sentence)) ?? sentences[0] ?? trimmed;
  const source = slot(lowerFirst(stripFinalPunctuation(toSecondPerson(stripLeadingFiller(sourceSentence)))), sourceSentence, seq);
  if (kinds.length >= 2 || (MIX.test(trimmed) && (kinds.length > 0 || expected))) return { preference: 'mix', source };
  const kind = kinds[0] ?? alone[0];
  if (kind && (expected || LEARNING_CONTEXT.test(trimmed) || alone.includes(kind))) return { preference: kind, source };
  return null;
}

const PURPOSE = /\b(?:(?:talk|think|chat|work) (?:about|on|through)|help (?:me )?(?:with|getting|to|in)|i'm here (?:because|to|about)|(?:i need|i'd like|i want) (?:some )?help (?:with|on)|(?:help|support) me (?:with|to)|it's about|this is about|i want to figure out(?: how to)?|i'd like to figure out(?: how to)?|i'm hoping to|my topic is|the topic is|what's on my mind is)\s*/i;

/** Whether a purpose was named as a topic ("talk about my presentations") rather than told as a story. */
export function isTopicPurpose(quote: string): boolean {
  return PURPOSE.test(quote);
}

/**
 * Sentences that set the scene but name no topic: a greeting, how the client came to be here
 * ("my manager set this up", "my partner booked me this"), doubts about the format, or who they
 * are ("head chef of a bistro", "I'm a data analyst at an insurance company").
 */
const META = /^(?:hi|hiya|hey|hello|good (?:morning|afternoon|evening))\b[\s!.,]*(?:there)?[\s!.,]*$|\b(?:set (?:this|it) up|signed me up|booked (?:me )?(?:this|it|a session)|sent me|pushed me into|(?:thanks?|thank you)(?: so much)? for (?:making time|having me|this)|(?:never|not) done (?:coaching|this) before|(?:not|n't) (?:totally |really |quite |entirely )?sure (?:how this works|what (?:this|coaching) (?:is|adds|does))|how (?:this|coaching) works|so here i am|said (?:this|it) (?:might|would|could) help|(?:almost|nearly) (?:cancel+ed|didn't (?:come|do this|book)|skipped) (?:this|it|today)?|everyone with a team does this|as a (?:present|gift))\b/i;
const ROLE = /^(?:(?:hi|hello|hey|hiya|ok|okay|so|well)[\s!.,]+)*(?:context:\s*)?(?:i'?m (?:a |an |the )?|i am (?:a |an |the )?|i work as (?:a |an )?|i run |i head (?:up )?|i lead )?(?!(?:my|our|his|her|their) )(?:[a-z-]+ ){0,3}(?:chef|nurse|manager|lead|director|engineer|analyst|teacher|founder|ceo|cto|cfo|coo|owner|head|officer|consultant|designer|developer|scientist|partner|principal|vp|president|supervisor|coordinator|specialist|architect|accountant|lawyer|doctor)\b(?:[^.!?]*)$/i;
/** Talk about this conversation's terms: consent, confidentiality, who reads it. */
const AGREEMENT_TALK = /\b(?:confidential\w*|privacy|private|transcripts?|recorded|recording|who (?:reads|sees|can see)|consent)\b|^(?:yes|yeah|yep|sure|ok|okay|fine|alright|of course)\b[^.?!]*\b(?:fine|agree|go ahead|happy|works|good)\b/;

/** Words that show a sentence is about the client's situation: a problem, a pattern, a wish, the people involved. */
const SITUATION = /\b(?:problem|issue|struggl\w*|stuck|challenge|hard|difficult|keep|always|never|can't|cannot|too (?:many|much)|end up|story|the thing is|main thing|want|wanna|need|trying|worr\w*|assume|afraid|fall apart|frustrat\w*|overwhelm\w*|team|boss|manager|colleague|staff|reports?|people|work|job|role|career|meeting|decision|deadline|everything|nobody|everyone|myself|feel|i'm not|pass|late|quicker)\b/i;

/** Whether a sentence is only about this talk: a greeting, how they came here, its terms. */
function isAboutThisTalk(lower: string): boolean {
  if (META.test(lower)) return true;
  // "Sure, whatever you need on confidentiality", "yes that's fine, it stays private": the agreement itself.
  return AGREEMENT_TALK.test(lower) && (lower.split(' ').length <= 16 || /\b(?:confidential\w*|privacy|private)\b/.test(lower));
}

/** Whether a sentence only sets the scene (greeting, how they came here, who they are) and names no topic. */
export function isSceneSetting(sentence: string): boolean {
  const lower = stripFinalPunctuation(normalize(sentence));
  if (isAboutThisTalk(lower)) return true;
  return ROLE.test(lower) && !/\b(?:want|need|like to|hoping|struggl|problem|issue|stuck|help (?:with|me))\b/.test(lower) && lower.split(' ').length <= 16;
}

/** Fewest content words, outside talk about this talk, for an answer to "what would you like to focus on?" to be one. */
const ANSWER_WORDS = 3;

/**
 * The purpose in an answer to the question that asked for it: whatever the client brings, once it
 * says anything beyond a greeting or the terms of this talk ("idk tbh. work stuff. got offerd shift
 * lead trial", "I'm a ward manager, twelve staff"). The agreement is passed in one turn: the
 * partnership step asks the open questions, so a thin answer costs nothing there.
 */
export function purposeFromAnswer(text: string, seq: number, aboutThisTalk: (sentence: string) => boolean = () => false): Slot | null {
  // A question ("is that a normal thing to bring?") is answered, not taken as what they came with;
  // a yes to going on or the time they have is about this talk.
  const told = splitSentences(text).filter((sentence) => !sentence.trim().endsWith('?') && !isAboutThisTalk(stripFinalPunctuation(normalize(sentence))) && !aboutThisTalk(sentence));
  if (contentWords(told.join(' ')).length < ANSWER_WORDS) return null;
  const story = purposeFromStory(told.join(' '), seq);
  if (story) return story;
  // Otherwise the sentence that says most ("got offered shift lead trial", not "I don't know to be honest").
  const fullest = told.reduce((best, sentence) => (contentWords(sentence).length > contentWords(best).length ? sentence : best), '');
  return fullest ? slot(lowerFirst(stripFinalPunctuation(toSecondPerson(shorten(stripLeadingFiller(fullest), 22)))), fullest, seq) : null;
}

/** Whether a message carries a situation, a problem or a story worth taking as the conversation's purpose. */
export function isContentBearing(text: string): boolean {
  return splitSentences(text).some((sentence) => !isSceneSetting(sentence) && sentence.split(' ').length >= 4 && SITUATION.test(sentence));
}

/** The placeholder purpose used when the client agreed to go on without naming a topic. */
export const OPEN_PURPOSE = 'what is on your mind today';

/** Whether a purpose only sets the scene (or is the placeholder): a later story replaces it, and the statement does not quote it as a goal. */
export function isWeakPurpose(purpose: Slot | null): boolean {
  return purpose !== null && (purpose.text === OPEN_PURPOSE || splitSentences(purpose.quote).every(isSceneSetting));
}

/** The gist of a story as a purpose: its most telling sentence, in the coach's voice. */
export function purposeFromStory(text: string, seq: number, strict = true): Slot | null {
  const sentences = splitSentences(text).filter((sentence) => !isSceneSetting(sentence) && sentence.split(' ').length >= 3);
  const best = sentences.find((sentence) => SITUATION.test(sentence)) ?? (strict ? undefined : sentences[0]);
  return best ? slot(lowerFirst(stripFinalPunctuation(toSecondPerson(shorten(stripLeadingFiller(best), 22)))), best, seq) : null;
}

/**
 * The conversation's purpose, in the agreement step: the topic the client names. When the
 * purpose was asked, a story or a short topic ("Prioritising.") is the purpose too; sentences
 * that only set the scene (a greeting, who they are, who sent them) are not.
 */
export function findPurpose(text: string, seq: number, expected: boolean): Slot | null {
  const sentences = splitSentences(text);
  const found = firstMatch(sentences, PURPOSE) ?? firstMatch(sentences, GOAL);
  // The purpose is the topic itself ("my presentations"), so the reflection can say "focus on …".
  if (found) {
    const purpose = narrowedTopic(clauseSlot(found.sentence, found.match, seq));
    if (purpose.text.split(' ').length >= 2) return purpose;
  }
  if (expected) {
    const story = purposeFromStory(text, seq);
    if (story) return story;
    // A topic in a word or two ("Prioritising.", "My boss."), not an answer to something else.
    const topic = sentences.length === 1 && sentences[0]!.split(' ').length <= 12 ? sentences[0]! : null;
    if (topic && !isSceneSetting(topic) && /[a-z]{4,}/i.test(topic) && !/^(?:yes|yeah|yep|ok|okay|sure|fine|no|nope|hi|hello|hey|thanks|thank you|not sure|dunno|i don't know)\b/i.test(topic.trim()) && !/\b(?:minutes?|mins?|hours?|hrs?)\b/i.test(topic)) {
      return slot(lowerFirst(stripFinalPunctuation(toSecondPerson(stripLeadingFiller(topic)))), topic, seq);
    }
  }
  return null;
}

const TIME = /\b(?:(?:about|around|roughly|maybe|only|just)\s+)?(?:\d+|an?|one|two|three|half an?|ten|fifteen|twenty|thirty|forty(?:-five)?|forty five|sixty|ninety|a couple of|a few)\s?(?:-\s?)?(?:minutes?|mins?|hours?|hrs?)\b|\buntil (?:\d{1,2}(?::\d{2})?\s?(?:am|pm)?|noon|lunch)\b|\bnot (?:very )?long\b|\bplenty of time\b|\bas long as (?:it takes|needed|we need)\b|\ba quick (?:chat|session)\b/i;

/** The time available for this conversation ("about 30 minutes", "until noon"). */
export function findTimeAvailable(text: string, seq: number): Slot | null {
  const sentences = splitSentences(text);
  const found = firstMatch(sentences, TIME);
  if (!found) return null;
  return slot(found.match[0].trim(), found.sentence, seq);
}

/**
 * Whether a sentence reads as a goal: a goal marker ("I want to…", "my goal is…") that is not
 * inside a "when…"/"if…" clause ("When I want to say something, the topic has already changed"
 * is a difficulty, not a goal).
 */
export function hasGoalMarker(sentence: string): boolean {
  const lower = normalize(sentence);
  const match = GOAL.exec(lower);
  if (!match) return false;
  return !CONDITIONAL_GOAL.test(lower.slice(0, match.index + match[0].length));
}

/** A goal marker inside a when/if clause: "when I want to…", "every time I try to…", "if I'd like to…". */
const CONDITIONAL_GOAL = /\b(?:when|whenever|if|every time|each time|as soon as|the moment)\s+(?:\w+\s+){0,3}?i\b[^,]*$/;

/** Whether a sentence is framed as success or a goal ("success would be…", "I'd know it worked if…"): not a present limit. */
export function isSuccessOrGoalSentence(sentence: string): boolean {
  return SUCCESS.test(sentence) || /^(?:success|a win|progress|the goal|my goal|ideally)\b/i.test(sentence.trim());
}
