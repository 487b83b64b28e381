import { z } from 'zod';
import type { ProcessQuestion } from '../domain/understanding.js';
import { compileLexicon, entriesById, lexiconText, type LexiconEntry } from './lexicon.js';
import { wordSet } from './word-patterns.js';
import { splitSentences, words } from './text.js';

/**
 * What the client asks of the process itself, as opposed to what they say about their work:
 * move on, go back, confirm, reject, or see the statement. Confirm and reject are read only from
 * short answers or clear phrases, so "yes, but my boss..." is content, not a confirmation.
 *
 * The words are data (content/lexicon/intents.json, pleasantries.json, process-questions.json),
 * loaded once at start-up into `IntentLexicons` and passed in.
 */

export type Intent = 'move_on' | 'go_back' | 'confirm' | 'reject' | 'statement';

/**
 * A question about the conversation itself: what the coach's question means, an example of an
 * answer, the coach's own advice, or how long this takes. Each gets a plain answer, not a reflection.
 */
const PROCESS_QUESTIONS = ['clarify', 'dont_know', 'example', 'advice', 'duration', 'summary', 'doubt', 'challenge', 'information', 'opinion', 'arrangement', 'keep_copy', 'what_next'] as const satisfies readonly ProcessQuestion[];
export type Pleasantry = 'thanks' | 'greeting' | 'closing';

/** `maxWords`: the most words a message may have for the entry to count. */
const IntentEntryExtra = z.object({ maxWords: z.number().int().positive().optional() });
const ProcessQuestionEntryExtra = z.object({ question: z.enum(PROCESS_QUESTIONS), maxWords: z.number().int().positive() });

const INTENT_IDS = [
  'go-back', 'go-back-elsewhere', 'reject', 'reject-phrase', 'move-on', 'statement', 'statement-request', 'confirm-short', 'affirmative-word', 'confirm-phrase',
  'short-yes', 'weak-yes', 'reservation', 'change-request', 'consent-no', 'consent-yes', 'privacy-question', 'self-question', 'hesitation', 'explicit-confirm',
] as const;
const PLEASANTRY_IDS = ['closing', 'thanks', 'greeting', 'feedback', 'filler', 'farewell'] as const;

type IntentEntry = LexiconEntry<z.infer<typeof IntentEntryExtra>>;

/** The compiled lexicons of intents, pleasantries and process questions. */
export interface IntentLexicons {
  intents: Record<(typeof INTENT_IDS)[number], IntentEntry>;
  /** The entries `closing`, `thanks` and `greeting` name the pleasantry they read; `feedback` on the session ("that was useful") is read as thanks. */
  pleasantries: Record<(typeof PLEASANTRY_IDS)[number], IntentEntry>;
  /** Tried in file order; the first that matches a short enough message names the question. */
  processQuestions: LexiconEntry<z.infer<typeof ProcessQuestionEntryExtra>>[];
  /** The words a short yes may be made of, and the words a pleasantry may carry besides itself. */
  affirmativeWords: Set<string>;
  pleasantryFillers: Set<string>;
  /** The pleasantry patterns again, global, for cutting every one out of a message. */
  pleasantryCuts: { closing: RegExp; thanks: RegExp; greeting: RegExp; feedback: RegExp };
}

/** Validates and compiles the documents (read by the caller from content/lexicon). Throws LexiconError. */
export function compileIntentLexicons(documents: { intents: unknown; pleasantries: unknown; processQuestions: unknown }): IntentLexicons {
  const intents = entriesById(compileLexicon('intents', documents.intents, IntentEntryExtra), INTENT_IDS);
  const pleasantries = entriesById(compileLexicon('pleasantries', documents.pleasantries, IntentEntryExtra), PLEASANTRY_IDS);
  const global = (entry: LexiconEntry<unknown>) => new RegExp(entry.regex.source, 'giu');
  return {
    intents,
    pleasantries,
    processQuestions: compileLexicon('process-questions', documents.processQuestions, ProcessQuestionEntryExtra).entries,
    affirmativeWords: wordSet('intents', intents['affirmative-word']),
    pleasantryFillers: wordSet('pleasantries', pleasantries.filler),
    // The greeting is anchored at the start and cut once, as before.
    pleasantryCuts: { closing: global(pleasantries.closing), thanks: global(pleasantries.thanks), greeting: pleasantries.greeting.regex, feedback: global(pleasantries.feedback) },
  };
}

/** The words of a text in lexicon form (letters only). */
function wordsOf(lower: string): string[] {
  return lower.match(/[a-z]+/g) ?? [];
}

/** Whether the entry matches the text (in lexicon form) and, when it has a word limit, the text is short enough. */
function reads(entry: LexiconEntry<{ maxWords?: number | undefined }>, lower: string, wordCount = lower.split(' ').length): boolean {
  return (entry.data.maxWords === undefined || wordCount <= entry.data.maxWords) && entry.regex.test(lower);
}

/** A short answer made only of affirmative words ("Exactly, yes.", "Yes, that's it, thanks"). */
function affirmativeOnly(lexicons: IntentLexicons, lower: string): boolean {
  const tokens = wordsOf(lower);
  const limit = lexicons.intents['affirmative-word'].data.maxWords ?? Infinity;
  return tokens.length > 0 && tokens.length <= limit && tokens.every((token) => lexicons.affirmativeWords.has(token));
}

/** The process intent of a message, or null when it is plain content. */
export function findIntent(lexicons: IntentLexicons, text: string): Intent | null {
  const lower = lexiconText(text);
  const entry = lexicons.intents;
  if (reads(entry['go-back'], lower) && !reads(entry['go-back-elsewhere'], lower)) return 'go_back';
  if (reads(entry.reject, lower) || reads(entry['reject-phrase'], lower)) return 'reject';
  if (reads(entry['move-on'], lower)) return 'move_on';
  if (reads(entry.statement, lower) && reads(entry['statement-request'], lower)) return 'statement';
  // A lone "right", "ok" or "mm-hmm" is a nod that one is listening, not a clear yes to confirm anything.
  if (reads(entry['weak-yes'], lower)) return null;
  if (reads(entry['confirm-short'], lower) || affirmativeOnly(lexicons, lower) || reads(entry['confirm-phrase'], lower)) return 'confirm';
  // "Yes, definitely committed.": a short yes with no reservation in it.
  if (reads(entry['short-yes'], lower) && !reads(entry.reservation, lower)) return 'confirm';
  return null;
}

/** "Confirmed.", "Sweet, that's all good. Confirmed.": the statement confirmed in so many words. */
export function confirmsExplicitly(lexicons: IntentLexicons, text: string): boolean {
  return reads(lexicons.intents['explicit-confirm'], lexiconText(text));
}

/** A message that ends with a goodbye in a sentence of its own ("… Have nice day. Dziękuję!"): the client is leaving. */
export function endsWithFarewell(lexicons: IntentLexicons, sentences: readonly string[]): boolean {
  const last = sentences.at(-1);
  if (last === undefined) return false;
  const farewell = (sentence: string) => lexicons.pleasantries.farewell.regex.test(lexiconText(sentence));
  if (farewell(last)) return true;
  // "Right, that's me. Wasn't as bad as I thought. Cheers.": thanks to end on, after a goodbye.
  const onlyThanks = words(last).length <= THANKS_WORDS && lexicons.pleasantries.thanks.regex.test(lexiconText(last));
  return onlyThanks && sentences.slice(0, -1).some(farewell);
}

/** The most words a closing "thanks" may have ("Cheers.", "Thanks a lot!"). */
const THANKS_WORDS = 3;

/** A yes that asks for a change in the same breath ("Yes, is good. Only one small thing… can you change?"): no confirmation. */
export function asksForChange(lexicons: IntentLexicons, text: string): boolean {
  return reads(lexicons.intents['change-request'], lexiconText(text));
}

/** Consent: a plain yes to going on (short answers only; "sure, but..." counts as yes). */
export function isConsent(lexicons: IntentLexicons, text: string): boolean | null {
  const lower = lexiconText(text);
  if (reads(lexicons.intents['consent-no'], lower)) return false;
  if (reads(lexicons.intents['consent-yes'], lower)) return true;
  return null;
}

/** A hesitation about going on ("hang on, who reads this?", "can we stop"): not a yes, whatever else the message says. */
export function hesitates(lexicons: IntentLexicons, text: string): boolean {
  return reads(lexicons.intents.hesitation, lexiconText(text));
}

/**
 * A message that is only a pleasantry: thanks, a greeting, or a closing ("thanks, that's all").
 * Such a message is answered the way a person would, never reflected back.
 */
export function findPleasantry(lexicons: IntentLexicons, text: string): Pleasantry | null {
  const lower = lexiconText(text);
  const tokens = wordsOf(lower);
  const { closing, thanks, greeting, feedback } = lexicons.pleasantries;
  const matched = [closing, thanks, greeting, feedback].filter((entry) => entry.regex.test(lower));
  const found = matched[0];
  // "Thank you very much, was more useful than I thought": the longest limit of the forms present.
  if (tokens.length === 0 || !found || tokens.length > Math.max(...matched.map((entry) => entry.data.maxWords ?? Infinity))) return null;
  // Only the pleasantry: "thanks, but my team ..." carries content and is reflected as usual.
  const cuts = lexicons.pleasantryCuts;
  const stripped = lower.replace(cuts.closing, ' ').replace(cuts.thanks, ' ').replace(cuts.greeting, ' ').replace(cuts.feedback, ' ');
  const rest = wordsOf(stripped).filter((token) => !lexicons.pleasantryFillers.has(token));
  return rest.length === 0 ? (found.id === 'feedback' ? 'thanks' : (found.id as Pleasantry)) : null;
}

/** Whether one of the message's sentences is only a word of feedback on the session ("that was more useful than I thought"). */
export function givesSessionFeedback(lexicons: IntentLexicons, text: string): boolean {
  // "ok. thanks. it was alright actually.": the thanks and the word on the session may be sentences apart.
  const sentences = splitSentences(text);
  return sentences.some((sentence) => lexicons.pleasantries.feedback.regex.test(lexiconText(sentence))) && sentences.some((sentence) => findPleasantry(lexicons, sentence) !== null);
}

/** A question about who sees or keeps this conversation: answered plainly before anything else. */
export function asksAboutPrivacy(lexicons: IntentLexicons, text: string): boolean {
  return reads(lexicons.intents['privacy-question'], lexiconText(text));
}

/**
 * The question about the process the message asks: the whole message, or one of its sentences
 * that ends in a question mark ("Success… I'd leave before 5. What would you do, honestly?"),
 * each held to the entry's word limit on its own.
 */
export function findProcessQuestion(lexicons: IntentLexicons, text: string): ProcessQuestion | null {
  const read = (piece: string) => {
    const lower = lexiconText(piece);
    const words = lower.split(' ').length;
    return lexicons.processQuestions.find((entry) => reads(entry, lower, words))?.data.question ?? null;
  };
  return read(text) ?? splitSentences(text).filter((sentence) => sentence.trimEnd().endsWith('?')).map(read).find((question) => question !== null) ?? null;
}

/** Words that only nod ("ok", "perfect", "great"): a sentence made of them alone carries no content. */
export function onlyFiller(lexicons: IntentLexicons, text: string): boolean {
  const tokens = wordsOf(lexiconText(text));
  return tokens.length > 0 && tokens.every((token) => lexicons.pleasantryFillers.has(token));
}

/**
 * A question about themselves put to the coach ("Is that a problem?", "Is 5 bad?", "is it normal
 * that…?", "Or is it?"): a coach answers it briefly, without judging, before going on.
 */
export function asksAboutThemselves(lexicons: IntentLexicons, text: string): boolean {
  return reads(lexicons.intents['self-question'], lexiconText(text));
}
