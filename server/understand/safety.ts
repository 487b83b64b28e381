import type { MoveKind, MoveLink } from '../domain/schemas.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { clauseBreak, type CrisisTier, type HelpKind, type ScreenOptions } from './crisis-screen.js';
import type { SafetyContent } from './safety-content.js';
import { compileLexicon, lexiconText, matchingEntries } from './lexicon.js';
import { z } from 'zod';
import professionalAdvice from '../../content/lexicon/professional-advice.json' with { type: 'json' };

type AdviceDomain = 'medical' | 'legal' | 'financial' | 'mental_health';
const AdviceEntryExtra = z.object({ kind: z.enum(['request', 'domain', 'injection']), domain: z.enum(['medical', 'legal', 'financial', 'mental_health']).optional() });
import { splitSentences, stripFinalPunctuation, stripLeadingFiller } from './text.js';

/**
 * Safety screening runs before any coaching: words of crisis pause the coaching (the crisis screen
 * of crisis-screen.ts, built from the shipped content/), ambiguous words get one direct check question first, requests for medical, legal or financial
 * advice are redirected to a professional, and attempts to take the coach out of its role are
 * declined in one line.
 */

/** Requests for professional advice and attempts to change the coach's role (content/lexicon/professional-advice.json). */
const ADVICE_LEXICON = compileLexicon('professional-advice', professionalAdvice, AdviceEntryExtra);
const REQUEST = ADVICE_LEXICON.entries.filter((entry) => entry.data.kind === 'request');
const DOMAINS = ADVICE_LEXICON.entries.filter((entry) => entry.data.kind === 'domain');
const INJECTION = ADVICE_LEXICON.entries.filter((entry) => entry.data.kind === 'injection');

/** The professional a sentence asks advice of: a request and a domain in the same sentence, or null. */
function adviceDomain(text: string): AdviceDomain | null {
  for (const sentence of splitSentences(text)) {
    const form = lexiconText(sentence);
    if (!REQUEST.some((entry) => entry.regex.test(form))) continue;
    const domain = DOMAINS.find((entry) => entry.regex.test(form));
    if (domain?.data.domain) return domain.data.domain;
  }
  return null;
}

export type SafetyFlag = 'crisis' | 'check' | 'professional_advice' | 'injection';

export interface SafetyResult {
  flag: SafetyFlag | null;
  /** For professional advice: which kind of professional to name. */
  domain: 'medical' | 'legal' | 'financial' | 'mental_health' | 'general' | null;
  /** For crisis: which reviewed help text answers it. */
  help?: HelpKind | null;
  /** What raised a crisis or check: a lexicon entry id, or 'model'. */
  source?: string | null;
}

/** Screens one client message; crisis (then the check tier) wins over everything else. */
export function screenSafety(safety: SafetyContent, text: string, context: ScreenOptions['context'] = 'client'): SafetyResult {
  const reading = safety.screen(text, { context });
  if (reading.tier === 'crisis') return { flag: 'crisis', domain: null, help: reading.help ?? 'suicide', source: reading.source };
  if (reading.tier === 'check') return { flag: 'check', domain: null, source: reading.source };
  if (INJECTION.some((entry) => entry.regex.test(lexiconText(text)))) return { flag: 'injection', domain: null };
  const domain = adviceDomain(text);
  return domain ? { flag: 'professional_advice', domain } : { flag: null, domain: null };
}

/** The longest quote the check question carries, in words. */
const QUOTE_WORDS = 12;

/**
 * The person's own words that raised the check, to quote back: the shortest clause (else the
 * sentence) the screen reads as crisis or check, trimmed to a short phrase without end punctuation.
 */
export function checkQuote(safety: SafetyContent, text: string, context: ScreenOptions['context'] = 'client'): string {
  const screen = safety.screen;
  const sentences = splitSentences(text);
  // No sentence raises it alone (a long message the model reads as a whole): nothing is quoted,
  // rather than a first sentence that says nothing of the kind ("How would I know…").
  const found = sentences.find((sentence) => screen(sentence, { context }).tier !== null);
  if (!found && sentences.length > 1) return '';
  const raising = found ?? sentences[0] ?? text;
  const pieces = raising
    .split(clauseBreak(safety.clauses, 'quote-break'))
    .map((piece) => piece.trim())
    .filter((piece) => piece.split(/\s+/).length >= 3);
  const clause = pieces.filter((piece) => screen(piece, { context }).tier !== null).sort((first, second) => first.length - second.length)[0];
  const chosen = stripFinalPunctuation(stripLeadingFiller(clause ?? raising).replace(clauseBreak(safety.clauses, 'leading-subordinator'), '')) || stripFinalPunctuation(raising);
  const words = chosen.split(/\s+/);
  return words.length > QUOTE_WORDS ? `${words.slice(0, QUOTE_WORDS).join(' ')}…` : chosen;
}

/** The check question with the person's words quoted; `again`: asked a second time, after an unclear answer, with the help lines. */
export function checkQuestion(safety: SafetyContent, quote: string, seed: number, again = false): string {
  const stems = again ? safety.texts.checkAgain : safety.texts.check;
  return stems[Math.abs(seed) % stems.length]!.replace('{quote}', quote === '' ? safety.texts.wholeMessage : `\u201c${quote}\u201d`);
}

/**
 * What an answer to the check question says (content/lexicon/crisis-answers.json, read in order):
 * 'yes' when it names or owns the thoughts (or voices risk, or repeats ambiguous words after the
 * question was already asked again), or is a bare yes or hedge; 'no' for a clear no or an answer
 * that names work, the session or an everyday pressure ("i mean the job", "lol no, the deadline");
 * 'unclear' otherwise ("i don't know", "...", words of neither kind). `tier` is the screen's
 * reading of the answer (crisis words are answered by the caller before this is asked);
 * `askedAgain`: the question was already asked a second time.
 */
export type CheckAnswer = 'yes' | 'no' | 'unclear';
export function readCheckAnswer(safety: SafetyContent, text: string, tier: CrisisTier | null, askedAgain: boolean): CheckAnswer {
  if (tier === 'crisis') return 'yes';
  const said = new Set(matchingEntries(safety.answers, text).map((entry) => entry.data.answer));
  if (said.has('thoughts')) return 'yes';
  if (tier === 'check') return askedAgain ? 'yes' : 'unclear';
  if (said.has('unsure')) return 'unclear';
  if (said.has('no') || said.has('work')) return 'no';
  if (said.has('yes')) return 'yes';
  return 'unclear';
}

/**
 * While paused: whether the person says they want to go on ("I'm okay now, can we carry on?") or
 * that they were read wrong ("I'm not suicidal lol, I meant the deadline"): either ends the pause,
 * unless they also say they cannot go on or that it was no joke.
 */
export function resumeReading(safety: SafetyContent, text: string): 'go-on' | 'misread' | null {
  const said = matchingEntries(safety.resume, text).map((entry) => entry.data.means);
  if (said.includes('not-go-on')) return null;
  return said.includes('misread') ? 'misread' : said.includes('go-on') ? 'go-on' : null;
}

export function wantsToGoOn(safety: SafetyContent, text: string): boolean {
  return resumeReading(safety, text) !== null;
}

/** The links of the help texts that stand in `text`, for the page to show as real links. */
export function linksIn(safety: SafetyContent, text: string): MoveLink[] {
  return safety.texts.links.filter((link) => text.includes(link.text));
}

/** A reviewed safety text, said as written, with the links the page shows for its numbers and sites. */
const SAFETY_LABEL = 'safety: ';

/** Whether a move is one of the safety moves (help, the check question, the paused line): reviewed text, said as written. */
export function isSafetyMove(move: { label?: string | undefined }): boolean {
  return move.label?.startsWith(SAFETY_LABEL) === true;
}

export function safetyMove(safety: SafetyContent, kind: MoveKind, label: string, text: string): PlannedMove {
  const links = linksIn(safety, text);
  return { kind, label: `${SAFETY_LABEL}${label}`, text, ...(links.length > 0 ? { links } : {}) };
}

/** Coach replies within which a check already answered is not asked again on the model's word alone. */
export const CHECK_REST_REPLIES = 6;

/**
 * Whether the check question was answered lately (the coach said it was the work, or let it go after
 * two unclear answers): a new check on the model's word alone is then not asked again for a few
 * replies. Words of the crisis lexicon, and any crisis reading, still act at once. Without this a
 * long-winded client is asked the same question three times in a row (tenth session's blind reading).
 */
export function checkAnsweredLately(safety: SafetyContent, recentCoachTexts: readonly string[]): boolean {
  const answered = [...safety.texts.checkClear, ...safety.texts.checkLetGo];
  return recentCoachTexts.slice(-CHECK_REST_REPLIES).some((said) => answered.some((line) => said.includes(line)));
}
