import type { CoachPlan } from '../domain/coach-plan.js';
import type { ReplyRules } from '../llm/reply-rules.js';

/**
 * Checks a model's reply while it streams, one sentence at a time, before the client sees it.
 *
 * Why sentence by sentence: a reply is short (two to four sentences) and most junk shows in its
 * first sentence ("As an AI…", a list marker, a code fence, another language), so holding each
 * sentence until it is complete and checked keeps junk off the screen while the client still
 * sees the reply grow. Buffering the whole reply would be safer still but would add the whole
 * generation time to the first word shown. The rules that need the whole reply (one question at
 * most, the word cap, the statement word for word, a reply cut at the token limit) are checked as
 * each sentence arrives or at the end; when one fails after sentences were shown, those
 * sentences were each fine, and the final message replaces them (the engine says so with an
 * `error` part).
 */
export interface GuardContext {
  plan: CoachPlan;
  /** The client's language code (from `clientLanguage`). */
  language: string;
  /** True when the words read as crisis language (the crisis screen). */
  isCrisis?: (text: string) => boolean;
}

export interface GuardStep {
  /** Checked text that may be shown now (possibly empty). */
  release: string;
  /** The rule the reply broke, or null. Once set, nothing more of this reply may be shown. */
  rejected: string | null;
}

/** A sentence ends at . ! ? … (with any closing quote or bracket) followed by space, or at a line break. */
const BOUNDARY = /[.!?…]+["'”’)\]]*\s+|\n+/gu;
const WORD = /[\p{L}\p{N}'’-]+/gu;

export class ReplyGuard {
  private pending = '';
  private shown = '';
  private questions = 0;
  private words = 0;
  private rejected: string | null = null;
  private readonly questionsAllowed: number;
  private readonly maxWords: number;
  private readonly moveKinds: Set<string>;

  constructor(
    private readonly rules: ReplyRules,
    private readonly context: GuardContext,
  ) {
    const { plan } = context;
    this.moveKinds = new Set(plan.moves.map((move) => move.kind));
    const asks = plan.moves.some((move) => move.kind === 'open_question' || move.kind === 'closed_question' || move.kind === 'needs_check');
    this.questionsAllowed = asks ? rules.maxQuestions : 0;
    // The statement is shown word for word; its length is the server's, not the model's verbosity.
    this.maxWords = rules.maxWords + (plan.statement ? countWords(plan.statement.text) : 0);
  }

  /** The whole text released so far. */
  get text(): string {
    return this.shown;
  }

  push(delta: string): GuardStep {
    if (this.rejected) return { release: '', rejected: this.rejected };
    this.pending += delta;
    let end = 0;
    for (const match of this.pending.matchAll(BOUNDARY)) end = match.index + match[0].length;
    if (end === 0) return { release: '', rejected: null };
    const complete = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    return this.take(complete);
  }

  /** The end of the stream: the last sentence, then the whole-reply rules. */
  finish(finishReason: string): GuardStep {
    if (this.rejected) return { release: '', rejected: this.rejected };
    // A reply cut at the token limit ends mid-thought: never shown half-finished.
    if (finishReason === 'length') return this.reject('cut_at_limit');
    const last = this.pending;
    this.pending = '';
    const step = this.take(last);
    if (step.rejected) return step;
    if (this.shown.trim() === '') return this.reject('empty');
    const statement = this.context.plan.statement?.text;
    if (statement && !squash(this.shown).includes(squash(statement))) return this.reject('statement_differs');
    return step;
  }

  private take(text: string): GuardStep {
    let release = '';
    for (const sentence of splitSentences(text)) {
      const broken = this.check(sentence);
      if (broken) return this.reject(broken);
      release += sentence;
      this.shown += sentence;
    }
    return { release, rejected: null };
  }

  private check(sentence: string): string | null {
    if (sentence.trim() === '') return null;
    for (const pattern of this.rules.patterns) {
      if (pattern.allowedWhenMove && this.moveKinds.has(pattern.allowedWhenMove)) continue;
      if (pattern.regex.test(sentence)) return pattern.id;
    }
    this.questions += (sentence.match(/\?/g) ?? []).length;
    if (this.questions > this.questionsAllowed) return this.questionsAllowed === 0 ? 'question_not_planned' : 'too_many_questions';
    this.words += countWords(sentence);
    if (this.words > this.maxWords) return 'too_long';
    if (!inLanguage(sentence, this.context.language, this.rules.languages)) return 'other_language';
    if (this.context.isCrisis?.(this.shown + sentence)) return 'crisis_words';
    return null;
  }

  private reject(rule: string): GuardStep {
    this.rejected = rule;
    return { release: '', rejected: rule };
  }
}

/** Sentences with their trailing whitespace, so joining them gives the text back. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[0].length;
    sentences.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences;
}

function countWords(text: string): number {
  return (text.match(WORD) ?? []).length;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[\s"“”'‘’]+/g, ' ').trim();
}

/** How many of each language's common words the text holds. */
function languageHits(text: string, languages: ReplyRules['languages']): Map<string, number> {
  const words = (text.toLowerCase().replace(/’/g, "'").match(WORD) ?? []) as string[];
  const hits = new Map<string, number>();
  for (const [code, common] of Object.entries(languages)) hits.set(code, words.filter((word) => common.has(word)).length);
  return hits;
}

/**
 * The language the client writes in: the language with the most common words in their text,
 * when it has a clear lead; otherwise `fallback` (the coach's own language).
 */
export function clientLanguage(text: string, languages: ReplyRules['languages'], fallback = 'en'): string {
  const ranked = [...languageHits(text, languages)].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 3 || (second && best[1] < second[1] * 1.5)) return fallback;
  return best[0];
}

/** False only when the sentence is clearly in another language: several of its common words and few of the client's. */
function inLanguage(sentence: string, language: string, languages: ReplyRules['languages']): boolean {
  const hits = languageHits(sentence, languages);
  const own = hits.get(language) ?? 0;
  for (const [code, count] of hits) if (code !== language && count >= 3 && own * 2 < count) return false;
  return true;
}
