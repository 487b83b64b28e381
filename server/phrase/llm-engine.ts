import { z } from 'zod';
import { CONSTRAINT_KINDS, LEARNING_PREFERENCES, NEED_CATEGORIES, type HistoryItem, type Move } from '../domain/schemas.js';
import type { CrisisScreen } from '../safety/crisis-screen.js';
import { ModelError, type LanguageModel } from '../llm/model.js';
import type { PromptTemplates } from '../llm/prompt-templates.js';
import type { StepBook } from '../domain/steps.js';
import type { Slot } from '../domain/session-state.js';
import { buildCoachMessages, buildRefineMessages } from './llm-prompt.js';
import { planText, toMove } from './offline-engine.js';
import type { CoachEngine, PhraseInput, PhrasePart } from './engine.js';
import type { CoachPlan } from '../domain/coach-plan.js';
import type { Understanding } from '../domain/understanding.js';

/** The few logger calls the engine makes: outcomes and error codes, never conversation text. Pino fits. */
export interface EngineLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface LlmEngineOptions {
  model: LanguageModel;
  /** Answers whenever the model cannot: the offline engine in production. */
  fallback: CoachEngine;
  logger?: EngineLogger;
  /** The validated model instructions and step briefs (content/llm, content/steps), loaded at start-up. */
  templates: PromptTemplates;
  /** Each step's title and exit criteria, for the step's brief. */
  steps: StepBook;
  /** About 90 words with room to finish the sentence. */
  maxTokens?: number;
  temperature?: number;
  /** Screens the person's words and the model's replies (the crisis screen loaded at start-up). */
  screen: CrisisScreen;
}

/**
 * A coach engine that has a model phrase the server's plan and, optionally, refine what the
 * client's message says. The model never chooses the moves: `finish.moves` are the plan's.
 *
 * Failure handling, so a turn is always answered and the engine never throws:
 * - the model fails before any text: the fallback engine answers the whole turn (its deltas are
 *   passed on) and `finish.fallback` is true;
 * - the stream dies halfway: an `error` part (meaning "the text streamed so far is void"), then
 *   the fallback's full reply as one `finish` with `fallback: true`. Splicing an offline ending
 *   onto half a model sentence reads badly, and the reply that is stored is whole and coherent;
 *   clients replace the streamed text with the final message anyway;
 * - the caller's signal aborts: the request stops (no more tokens spent) and the stream ends with
 *   an `error` part (code `aborted`) and no `finish`: the caller decides what to store.
 */
export function createLlmEngine(options: LlmEngineOptions): CoachEngine {
  const { model, fallback, logger } = options;
  const { templates, steps } = options;
  const maxTokens = options.maxTokens ?? 220;
  const temperature = options.temperature ?? 0.6;
  const screen = (): CrisisScreen => options.screen;

  async function* phrase(input: PhraseInput, signal?: AbortSignal): AsyncGenerator<PhrasePart, void, undefined> {
    // Words of crisis get the reviewed text as written, with its helplines: a model's
    // paraphrase of where to find immediate help is not a risk worth taking.
    if (isCrisisPlan(input)) {
      yield* fallback.phrase(input);
      return;
    }
    const moves = planMoves(input.plan);
    // Earlier turns of crisis (and the help that answered them) stay out of the model's prompt too.
    const modelInput: PhraseInput = { ...input, recent: withoutSafetyTurns(input.recent, screen()) };
    let text = '';
    let failure: ModelError | null = null;
    let finished = false;
    let heldBack = false;
    try {
      const messages = buildCoachMessages(modelInput, templates, steps);
      for await (const part of model.stream({ messages, maxTokens, temperature, ...(signal ? { signal } : {}) })) {
        if (part.type === 'text-delta') {
          // Leading whitespace would show as an empty bubble; the stored text is trimmed anyway.
          const delta = text === '' ? part.text.trimStart() : part.text;
          if (delta === '') continue;
          text += delta;
          // Screened before it is shown: once the model's own words read as crisis, nothing more
          // of its reply reaches the person and the request stops (the tail is enough, and cheap).
          if (screen()(text.slice(-REPLY_TAIL), { context: 'client' }).tier === 'crisis') {
            heldBack = true;
            break;
          }
          yield { type: 'text-delta', text: delta };
        } else if (part.type === 'error') {
          failure = part.error;
          break;
        } else {
          finished = true;
          if (part.finishReason === 'length') logger?.warn({ engine: 'openai', finishReason: 'length' }, 'model reply cut at the token limit');
          break;
        }
      }
    } catch (error) {
      failure = error instanceof ModelError ? error : new ModelError('other', 'the model stream failed', { retryable: false });
    }

    const reply = text.trim();
    if (heldBack || (finished && reply !== '' && screen()(reply, { context: 'client' }).tier === 'crisis')) {
      // The model's own words read as crisis language: what it streamed is void, and the offline
      // engine's wording of the same plan is the reply of this turn.
      logger?.warn({ engine: 'openai', code: 'crisis_words_in_reply' }, 'model reply held back; the fallback engine answers');
      yield { type: 'error', error: new ModelError('bad_response', 'the model reply was held back by the crisis screen', { retryable: false }), retryable: false };
      yield* fallbackReply(input, { passDeltas: false });
      return;
    }
    if (finished && reply !== '') {
      yield { type: 'finish', text: reply, moves, engine: 'openai' };
      return;
    }
    failure ??= new ModelError('bad_response', 'the model finished without any text', { retryable: true });
    if (signal?.aborted || failure.code === 'aborted') {
      yield { type: 'error', error: failure, retryable: false };
      return;
    }
    const halfway = reply !== '';
    logger?.warn(
      { engine: 'openai', code: failure.code, status: failure.status, retryable: failure.retryable, halfway },
      'model failed; the fallback engine answers',
    );
    if (halfway) yield { type: 'error', error: failure, retryable: failure.retryable };
    yield* fallbackReply(input, { passDeltas: !halfway });
  }

  /** The fallback's reply; if even that fails, the plan's own offline text. */
  async function* fallbackReply(input: PhraseInput, how: { passDeltas: boolean }): AsyncGenerator<PhrasePart, void, undefined> {
    try {
      for await (const part of fallback.phrase(input)) {
        if (part.type === 'text-delta') {
          if (how.passDeltas) yield part;
        } else if (part.type === 'finish') {
          yield { ...part, fallback: true };
          return;
        }
      }
    } catch {
      // fall through to the plan's own text
    }
    logger?.warn({ engine: fallback.name }, 'fallback engine failed; using the plan text');
    const text = planText(input);
    yield { type: 'finish', text, moves: planMoves(input.plan), engine: fallback.name, fallback: true };
  }

  return {
    name: 'openai',
    phrase,
    async refine(input, signal) {
      // Words of crisis (the turn pauses) or of the check question (it is pending) never reach the model, not even to be read.
      if (input.state.paused || input.state.safetyCheck) return null;
      try {
        const extraction = await model.object({
          messages: buildRefineMessages({ ...input, recent: withoutSafetyTurns(input.recent, screen()) }, templates, steps),
          schema: ExtractionSchema,
          schemaName: 'client_message_understanding',
          ...(signal ? { signal } : {}),
        });
        return toUnderstanding(extraction, input.message);
      } catch (error) {
        const details = error instanceof ModelError ? { code: error.code, status: error.status } : { code: 'unexpected' };
        logger?.warn({ engine: 'openai', ...details }, 'model refinement failed; the offline understanding stands');
        return null;
      }
    },
    ready: () => model.ping(),
  };
}

function planMoves(plan: CoachPlan): Move[] {
  return plan.moves.map(toMove);
}

/** Lenient on purpose: a sloppy item is dropped (`catch(null)`), never the whole extraction. */
const SlotItem = z.object({ text: z.string(), quote: z.string() });
const lenientList = <T extends z.ZodType>(item: T) => z.array(item.nullable().catch(null)).nullish().catch(null);

export const ExtractionSchema = z.object({
  needs: lenientList(
    z.object({
      category: z.enum(NEED_CATEGORIES).catch('other'),
      summary: z.string(),
      quote: z.string(),
      confidence: z.number().nullish().catch(null),
    }),
  ),
  constraints: lenientList(z.object({ kind: z.enum(CONSTRAINT_KINDS).catch('other'), summary: z.string(), quote: z.string() })),
  goals: lenientList(SlotItem),
  successSignals: lenientList(SlotItem),
  experiment: SlotItem.nullish().catch(null),
  learningPreference: z.enum(LEARNING_PREFERENCES).nullish().catch(null),
});
export type Extraction = z.infer<typeof ExtractionSchema>;

/** Keeps only what the client really said: an item whose quote is not in the message is dropped. */
export function toUnderstanding(extraction: Extraction, message: { text: string; seq: number }): Partial<Understanding> {
  const verbatim = (quote: string): string | null => findVerbatim(message.text, quote);
  const slots = (items: Extraction['goals']): Slot[] =>
    (items ?? []).flatMap((item) => {
      const quote = item ? verbatim(item.quote) : null;
      return item && quote ? [{ text: item.text.trim() || quote, quote, seq: message.seq }] : [];
    });
  const needs = (extraction.needs ?? []).flatMap((need) => {
    const quote = need ? verbatim(need.quote) : null;
    if (!need || !quote) return [];
    const confidence = Math.min(1, Math.max(0, need.confidence ?? 0.6));
    return [{ category: need.category, summary: need.summary.trim() || quote, quote, confidence }];
  });
  const constraints = (extraction.constraints ?? []).flatMap((constraint) => {
    const quote = constraint ? verbatim(constraint.quote) : null;
    return constraint && quote ? [{ kind: constraint.kind, summary: constraint.summary.trim() || quote, quote }] : [];
  });
  const [experiment] = slots(extraction.experiment ? [extraction.experiment] : []);
  return {
    seq: message.seq,
    needs,
    constraints,
    goals: slots(extraction.goals),
    successSignals: slots(extraction.successSignals),
    ...(experiment ? { experiment } : {}),
    ...(extraction.learningPreference ? { learningPreference: extraction.learningPreference } : {}),
  };
}

/**
 * The client's own words for `quote`, as they appear in `text`, or null when they do not. The
 * match forgives case, runs of whitespace, curly quotes and the quotation marks or final full
 * stop models add; what is returned is the client's original text.
 */
export function findVerbatim(text: string, quote: string): string | null {
  const trimmed = quote.trim().replace(/^["'“”‘’«»\s]+|["'“”‘’«»\s.,;:!?…]+$/g, '');
  if (trimmed.replace(/\s/g, '').length < 3) return null;
  const haystack = normalize(text);
  const needle = normalize(trimmed).normalized;
  const at = haystack.normalized.indexOf(needle);
  if (at === -1) return null;
  const start = haystack.origin[at]!;
  const end = haystack.origin[at + needle.length - 1]! + 1;
  return text.slice(start, end);
}

/** Lower-cased, whitespace collapsed, typographic quotes straightened; `origin[i]` is where character i came from. */
function normalize(text: string): { normalized: string; origin: number[] } {
  let normalized = '';
  const origin: number[] = [];
  let previousWasSpace = false;
  for (let index = 0; index < text.length; index += 1) {
    let character = text[index]!;
    if (/\s/.test(character)) {
      if (previousWasSpace) continue;
      character = ' ';
      previousWasSpace = true;
    } else {
      previousWasSpace = false;
    }
    character = character.replace(/[‘’`]/, "'").replace(/[“”]/, '"');
    const lower = character.toLowerCase();
    normalized += lower.length === 1 ? lower : character;
    origin.push(index);
  }
  return { normalized, origin };
}

/** How much of a reply being streamed is screened at each piece: a sentence or two. */
const REPLY_TAIL = 240;

/**
 * The recent transcript without its safety exchanges: a coach turn with a safety move, the client
 * turn it answered, and any client turn the crisis screen reads as crisis or check.
 */
export function withoutSafetyTurns(recent: HistoryItem[], screen: CrisisScreen): HistoryItem[] {
  const dropped = new Set<number>();
  recent.forEach((item, index) => {
    if (item.role === 'coach' && item.moves?.some((move) => move.label?.startsWith('safety'))) {
      dropped.add(index);
      const answered = recent.slice(0, index).findLastIndex((earlier) => earlier.role === 'client');
      if (answered >= 0) dropped.add(answered);
    } else if (item.role === 'client' && screen(item.text, { context: 'client' }).tier !== null) dropped.add(index);
  });
  return recent.filter((_item, index) => !dropped.has(index));
}

/** A turn that answers crisis language or keeps coaching paused after it. */
function isCrisisPlan(input: PhraseInput): boolean {
  return Boolean(input.plan.pauses) || input.state.paused || input.plan.moves.some((move) => move.label?.startsWith('safety: '));
}
