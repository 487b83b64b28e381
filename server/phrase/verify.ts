import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CoachPlan, PlannedMove } from '../domain/coach-plan.js';
import { STEPS, type StepId } from '../domain/steps.js';
import { cleanText, type CleanLexicons } from '../understand/clean.js';
import { lexiconText, matchingEntries, type Lexicon } from '../understand/lexicon.js';
import { misfilledFrame, type FrameSlots } from './frame-slots.js';
import { parsedTerms } from '../understand/term-parses.js';
import { verblessAfterStem } from './reflection-grammar.js';
import { isSafetyMove } from '../understand/safety.js';
import { contentWords } from '../understand/text.js';
import { splitOnSpaces, collapseSpaces } from '../understand/spaces.js';

/**
 * Say less, never wrong: every sentence the policy planned is checked before it is said, and a
 * sentence that fails is dropped; when that leaves the turn without a question (or without
 * anything), a plain line from `content/phrases/fallbacks.json` takes its place.
 *
 * The checks, each with a reason a trainer can read:
 * - noise: the normaliser would still change the sentence (a filler, a stutter, a restart, a
 *   transcript mark or chat spelling echoed from the client), ignoring its tidy-up rules;
 * - wording: an entry of `content/lexicon/verify-wording.json` matches the sentence, its
 *   unquoted frame or a quoted stretch (a broken pronoun swap, person and verb that disagree, a
 *   clause cut mid-way or ending on a word that opens a phrase, an empty statement part);
 * - misfilled frame: a reflection frame whose slot holds words of the wrong shape ("In other
 *   words, the main thing is.", "Okay: you'll conversation with her."), by `frame-slots.ts`;
 * - stray capital: a capitalised word inside a sentence that `compromise` does not read as a
 *   name ("So Obviously, you…");
 * - no verb: a long sentence in which `compromise` finds no verb;
 * - too long: more words than a listener can take in one sentence;
 * - repeat: said in one of the coach's last few replies, or earlier in this turn.
 *
 * Pure: the lexicons and banks are loaded once at start-up and passed in.
 */

export const FallbacksSchema = z
  .object({
    version: z.literal(1),
    _about: z.string().optional(),
    feeling: z.array(z.string().min(1)).min(1),
    keyPhrase: z.array(z.string().min(1)).min(1),
    heard: z.array(z.string().min(1)).min(1),
    questions: z.object(Object.fromEntries(STEPS.map((step) => [step, z.array(z.string().min(1)).min(1)])) as Record<StepId, z.ZodArray<z.ZodString>>).strict(),
  })
  .strict();
export type Fallbacks = z.infer<typeof FallbacksSchema>;

export interface VerifyContent {
  clean: CleanLexicons;
  wording: Lexicon<unknown>;
  fallbacks: Fallbacks;
  /** The reflection frames and the shapes their slots need (content/phrases/frame-slots.json). */
  frames: FrameSlots;
}

export type Rejection = 'after a dropped statement' | 'learner echo' | 'noise' | 'agreement' | 'broken swap' | 'echoed filler' | 'broken clause' | 'empty part' | 'misfilled frame' | 'dangling' | 'stray capital' | 'no verb' | 'too long' | 'repeat';

/** Sentences longer than this are hard to follow when spoken back (quoted statements excepted). */
export const MAX_SENTENCE_WORDS = 40;
/** How many of the coach's last replies a sentence must not repeat. */
export const REPEAT_WINDOW = 4;
/** A sentence this long with no verb is a fragment ("In other words, the evenings." is fine; a long verbless list is not). */
const NO_VERB_MIN_WORDS = 12;
/** Sentences shorter than this may repeat ("Take your time." is fine twice). */
const REPEAT_MIN_WORDS = 3;

/** The sentences of a text, a quoted stretch kept whole with the sentence around it. */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    current += char;
    if (char === '"' || char === '\u201c' || char === '\u201d') quoted = char === '\u201c' ? true : char === '\u201d' ? false : !quoted;
    const next = text[i + 1];
    // A sentence ends at . ! or ? before a space, outside quotes; or at a closing quote right after one ("…two." Next).
    const closesQuote = !quoted && /["\u201d]/.test(char) && /[.!?]/.test(text[i - 1] ?? '');
    if (!quoted && (/[.!?]/.test(char) || closesQuote) && (next === undefined || /\s/.test(next)) && !/[.!?]/.test(next ?? '')) {
      if (current.trim()) sentences.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) sentences.push(current.trim());
  return sentences;
}

function comparable(sentence: string): string {
  return lexiconText(sentence)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the normaliser would change the sentence beyond tidying: it carries the client's noise. */
function readNoise(content: VerifyContent, sentence: string): boolean {
  // Capital edits are not noise (below), so the name finder's parse is not run.
  const result = cleanText(sentence, content.clean, { names: false });
  if (!result.changed) return false;
  // A typographic apostrophe read as chat spelling ("you’re" for "you're") is not noise.
  const same = (a: string, b: string) => a.replace(/[\u2019\u2018`]/g, "'") === b.replace(/[\u2019\u2018`]/g, "'");
  return result.edits.some((edit) => edit.rule !== 'space' && edit.rule !== 'capital' && !tidyRule(content, edit.rule) && !same(edit.removed, edit.replacement));
}

const tidyRules = new WeakMap<CleanLexicons, Set<string>>();
function tidyRule(content: VerifyContent, rule: string): boolean {
  let rules = tidyRules.get(content.clean);
  if (!rules) {
    rules = new Set();
    for (const lexicon of [content.clean.fillers, content.clean.restarts, content.clean.spelling]) {
      for (const entry of lexicon.entries) if (entry.data.stage === 'tidy') rules.add(`${lexicon.name}:${entry.id}`);
    }
    tidyRules.set(content.clean, rules);
  }
  return rules.has(rule);
}

interface Term {
  text: string;
  tags: readonly string[];
}

/** The terms compromise reads, with the implicit ones of a contraction ("what's" → what + is) kept, their text empty. */
function termsOf(sentence: string): readonly Term[] {
  // A parse costs milliseconds and the same sentences and words come back turn after turn (the
  // plan's own wording, a name read in lower case): each is parsed once (term-parses.ts).
  return parsedTerms(sentence);
}

/** Plan-check verdicts remembered per sentence (see wordingVerdict); the oldest go first. */
const REMEMBERED_PARSES = 4_096;

const NAME_LIKE = new Set(['Noun', 'ProperNoun', 'Person', 'Place', 'Organization', 'Date', 'Value', 'Adjective']);
const STRAY = new Set(['Adverb', 'Modal', 'Auxiliary', 'Conjunction', 'Preposition', 'Determiner', 'Pronoun', 'Expression', 'QuestionWord', 'Copula']);

function strayCapital(terms: readonly Term[]): boolean {
  const written = terms.filter((term) => term.text !== '');
  return written.slice(1).some((term, index) => {
    const previous = written[index]!;
    // After a colon or an opening quote a capital starts a new sentence.
    if (/[:"\u201c]$/.test(previous.text) || /^["\u201c]/.test(term.text) || term.text === 'I' || !/^[A-Z][a-z]/.test(term.text)) return false;
    // compromise reads any capitalised word as a name; read in lower case, a word that is then an
    // adverb, a modal or a function word was capitalised by mistake: a sentence start carried into
    // the middle by a swap ("So Obviously, you…", "So you Can I…"). Nouns, adjectives and verbs
    // may be names ("Priya", "English", "Slack"), so they pass.
    const lower = termsOf(term.text.toLowerCase())[0];
    if (lower === undefined) return false;
    // "So you Don't like…": a verb capitalised right after a pronoun carried a sentence start in.
    // "…you don't get timid, You get quieter": a pronoun is never a name (compromise tags "you" a noun too).
    if (lower.tags.includes('Pronoun')) return true;
    const before = previous.tags.includes('Pronoun') && !previous.tags.includes('Possessive');
    if (before && lower.tags.includes('Verb') && !lower.tags.some((tag) => NAME_LIKE.has(tag))) return true;
    return !lower.tags.some((tag) => NAME_LIKE.has(tag)) && lower.tags.some((tag) => STRAY.has(tag));
  });
}

/** The comparable form of every sentence of some texts: what a new sentence must not repeat. */
function saidKeys(texts: readonly string[]): Set<string> {
  return new Set(texts.flatMap((text) => sentencesOf(text).map(comparable)));
}

/**
 * Why a sentence must not be said, or null when it may. `recent` holds the coach's last replies
 * and this turn's earlier sentences (or their comparable forms, built once by `verifyPlan`).
 */
export function checkSentence(content: VerifyContent, sentence: string, recent: readonly string[] | ReadonlySet<string> = []): Rejection | null {
  const verdict = wordingVerdict(content, sentence);
  if (verdict) return verdict;
  const key = comparable(sentence);
  const said = Array.isArray(recent) ? saidKeys(recent) : (recent as ReadonlySet<string>);
  if (key.split(' ').length >= REPEAT_MIN_WORDS && said.has(key)) return 'repeat';
  return null;
}

/**
 * Every check but the repeat: they read the sentence and the lexicons only, and the plan's wording
 * comes back turn after turn, so each sentence's verdict is made once per set of lexicons and
 * remembered by a hash of the sentence (the text itself is not kept; the oldest go first).
 */
function wordingVerdict(content: VerifyContent, sentence: string): Rejection | null {
  let byWording = verdicts.get(content.clean);
  if (!byWording) verdicts.set(content.clean, (byWording = new WeakMap()));
  let known = byWording.get(content.wording);
  if (!known) byWording.set(content.wording, (known = new Map()));
  const key = createHash('sha256').update(sentence).digest('base64');
  const remembered = known.get(key);
  if (remembered !== undefined) return remembered;
  const verdict = readWording(content, sentence);
  if (known.size >= REMEMBERED_PARSES) known.delete(known.keys().next().value!);
  known.set(key, verdict);
  return verdict;
}
const verdicts = new WeakMap<CleanLexicons, WeakMap<Lexicon<unknown>, Map<string, Rejection | null>>>();

function readWording(content: VerifyContent, sentence: string): Rejection | null {
  if (readNoise(content, sentence)) return 'noise';
  const unquoted = collapseSpaces(sentence.replace(QUOTED_STRETCH, ' something ')).trim();
  // Quoted stretches are checked on their own too: a cut inside a quote is as bad as at the end.
  const quotes = [...sentence.matchAll(/["\u201c]([^"\u201d]+)["\u201d]/g)].flatMap((match) => sentencesOf(match[1]!));
  for (const part of [sentence, unquoted, ...quotes]) {
    const wording = matchingEntries(content.wording, part)[0];
    if (wording) return (wording.data.means as Rejection | undefined) ?? 'broken clause';
  }
  if (misfilledFrame(content.frames, sentence)) return 'misfilled frame';
  // "You're saying a respirologist.": a stem that gives back a clause, followed by no verb.
  if (verblessAfterStem(sentence)) return 'no verb';
  // compromise costs a parse: only for a sentence with a capital past its first word, or a long one.
  const words = splitOnSpaces(unquoted).filter(Boolean);
  // After a colon a capital may start what follows ("One idea: Ask…"), so each part is read on its own.
  const parts = unquoted.split(/:\s+/);
  const capitalInside = parts.some((part) => splitOnSpaces(part).slice(1).some((word) => /^[A-Z][a-z]/.test(word)));
  if (capitalInside && parts.some((part) => strayCapital(termsOf(part)))) return 'stray capital';
  if (words.length >= NO_VERB_MIN_WORDS && !termsOf(unquoted).some((term) => term.tags.includes('Verb'))) return 'no verb';
  if (words.length > MAX_SENTENCE_WORDS) return 'too long';
  return null;
}

export interface VerifyContext {
  step: StepId;
  /** The coach's last replies, oldest first. */
  recentReplies: readonly string[];
  /** Feeling words the client used this turn, strongest first. */
  feelings: readonly string[];
  seed: number;
  /**
   * For a client who writes English as a second language (second-language.ts): what they said, which
   * the coach's sentences must not give back word for word outside a quote of the statement. The
   * reflections already say it in other words; this catches every other path (plan notes, risks
   * named, summaries), whichever move made the sentence.
   */
  learnerWords?: readonly string[];
}

/** A stretch of the sentence in double quotes (a statement shown, words quoted back). */
const QUOTED_STRETCH = /["\u201c][^"\u201d]*["\u201d]/g;

/** Words in a row the coach may share with a learner's sentence before it counts as an echo. */
const LEARNER_RUN = 5;

/** Every run of LEARNER_RUN words of the texts with two content words in it (a run of stop words is anyone's). */
function learnerRuns(texts: readonly string[]): Set<string> {
  const runs = new Set<string>();
  for (const text of texts) {
    const tokens = comparable(text).split(' ').filter(Boolean);
    for (let at = 0; at + LEARNER_RUN <= tokens.length; at++) {
      const run = tokens.slice(at, at + LEARNER_RUN);
      if (contentWords(run.join(' ')).length >= 2) runs.add(run.join(' '));
    }
  }
  return runs;
}

/** Whether the sentence, its quotes aside, holds a run of the learner's words. */
function echoesLearner(sentence: string, runs: ReadonlySet<string>): boolean {
  if (runs.size === 0) return false;
  const tokens = comparable(sentence.replace(QUOTED_STRETCH, ' | ')).split(' ').filter(Boolean);
  for (let at = 0; at + LEARNER_RUN <= tokens.length; at++) if (runs.has(tokens.slice(at, at + LEARNER_RUN).join(' '))) return true;
  return false;
}

export interface VerifiedPlan {
  plan: CoachPlan;
  /** What was dropped and why (for tests, trainers' labels and the evaluation). */
  rejected: { sentence: string; reason: Rejection }[];
}

const isQuestion = (text: string) => /\?["\u201d)]?\s*$/.test(text.trim());

/** Moves whose wording was reviewed as written and is never changed: the help given in a crisis and the check question. */
function protectedMove(move: PlannedMove): boolean {
  return (move.links?.length ?? 0) > 0 || isSafetyMove(move);
}

/** The first line of `lines`, from `seed` on, that passes every check; null when none does. */
function freshLine(content: VerifyContent, lines: readonly string[], seed: number, recent: Set<string>, fill: (line: string) => string = (line) => line): string | null {
  for (let offset = 0; offset < lines.length; offset++) {
    const line = fill(lines[(seed + offset) % lines.length]!);
    if (sentencesOf(line).every((sentence) => checkSentence(content, sentence, recent) === null)) {
      for (const sentence of sentencesOf(line)) recent.add(comparable(sentence));
      return line;
    }
  }
  return null;
}

/**
 * Checks every sentence of a plan; drops those that fail; then makes sure the turn still asks
 * something (when it did before) and is never empty. Protected moves pass untouched, and a plan
 * that pauses coaching is left exactly as the policy made it.
 */
export function verifyPlan(content: VerifyContent, plan: CoachPlan, context: VerifyContext): VerifiedPlan {
  if (plan.pauses || plan.moves.some(protectedMove)) return { plan, rejected: [] };
  // What a sentence must not repeat: the last replies, then each sentence kept in this turn.
  const said = saidKeys(context.recentReplies.slice(-REPEAT_WINDOW));
  const rejected: VerifiedPlan['rejected'] = [];
  const moves: PlannedMove[] = [];
  const askedBefore = plan.moves.some((move) => isQuestion(move.text));
  const runs = learnerRuns(context.learnerWords ?? []);
  const check = (sentence: string): Rejection | null => checkSentence(content, sentence, said) ?? (echoesLearner(sentence, runs) ? 'learner echo' : null);
  // Whether the move before was dropped whole: a question pointing back at it with "that" is then said with its words named.
  let droppedBefore = false;
  for (const [index, original] of plan.moves.entries()) {
    const move = droppedBefore && original.standalone ? { ...original, text: original.standalone } : original;
    droppedBefore = false;
    const sentences = sentencesOf(move.text);
    const kept: string[] = [];
    for (const sentence of sentences) {
      const reason = check(sentence);
      if (reason) rejected.push({ sentence, reason });
      else {
        kept.push(sentence);
        said.add(comparable(sentence));
      }
    }
    if (kept.length === 0) {
      // Another wording of the same move (another sentence of theirs given back), when one passes whole.
      const alternative = move.alternatives?.find((text) => sentencesOf(text).every((sentence) => check(sentence) === null));
      if (alternative) {
        // Another sentence of theirs now stands before the question: "that" would point at it, not the topic.
        droppedBefore = true;
        for (const sentence of sentencesOf(alternative)) said.add(comparable(sentence));
        const { alternatives: _others, ...rest } = move;
        moves.push({ ...rest, text: alternative });
        continue;
      }
      // A statement that cannot be shown takes with it what the policy put after it ("one part is
      // still missing", "how well does that capture it?"): the turn falls back to a plain question.
      if (move.note === 'draft' || move.note === 'changed part of the draft') {
        for (const after of plan.moves.slice(index + 1)) rejected.push({ sentence: after.text, reason: 'after a dropped statement' });
        break;
      }
      droppedBefore = true;
      continue;
    }
    // A question move that lost its question is no longer a question.
    if (move.questionId && !isQuestion(kept[kept.length - 1]!)) {
      const { questionId: _dropped, ...rest } = move;
      moves.push({ ...rest, kind: 'structuring', text: kept.join(' ') });
    } else moves.push(kept.length === sentences.length ? move : { ...move, text: kept.join(' ') });
  }
  // The alternatives are the verifier's alone: the plan it returns carries none.
  if (rejected.length === 0) return { plan: { ...plan, moves: plan.moves.map(withoutAlternatives) }, rejected };
  const hasQuestion = moves.some((move) => isQuestion(move.text));
  if (moves.length === 0 || (askedBefore && !hasQuestion)) {
    const feeling = context.feelings[0];
    // Something of the client first (a feeling they named), when the turn has nothing of theirs left.
    const heardSomething = moves.some((move) => move.kind.endsWith('reflection') || move.kind === 'summary' || move.kind === 'affirmation');
    const line = !heardSomething && feeling ? freshLine(content, content.fallbacks.feeling, context.seed, said, (stem) => stem.replace('{feeling}', feeling)) : null;
    if (line) moves.unshift({ kind: 'complex_reflection', label: 'names the feeling heard', text: line });
    // The policy's own next question first (a missing part, the client's topic); the plain bank after it.
    const reserve = plan.reserve && !moves.some((move) => move.questionId === plan.reserve?.questionId) ? freshLine(content, [plan.reserve.text], 0, said) : null;
    const question = reserve ? null : freshLine(content, content.fallbacks.questions[context.step], context.seed, said);
    if (reserve && plan.reserve) moves.push(plan.reserve);
    else if (question) moves.push({ kind: 'open_question', label: 'asks a plain open question', text: question });
    else if (moves.length === 0) moves.push({ kind: 'structuring', label: 'listens', text: freshLine(content, content.fallbacks.heard, context.seed, said) ?? content.fallbacks.heard[0]! });
  }
  return { plan: { ...plan, moves: moves.map(withoutAlternatives) }, rejected };
}

function withoutAlternatives(move: PlannedMove): PlannedMove {
  if (!move.alternatives && move.standalone === undefined) return move;
  const { alternatives: _others, standalone: _named, ...rest } = move;
  return rest;
}
