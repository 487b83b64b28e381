import { isSafetyMove } from '../understand/safety.js';
import { z } from 'zod';
import { CONSTRAINT_KINDS, LEARNING_PREFERENCES, NEED_CATEGORIES, type HistoryItem, type Move } from '../domain/schemas.js';
import type { CrisisScreen } from '../understand/crisis-screen.js';
import { ModelError, type ChatMessage, type LanguageModel } from '../llm/model.js';
import { boundModel, type BoundedModel } from '../llm/bounded-model.js';
import { createTurnBudget } from '../llm/turn-budget.js';
import { clientLanguage, ReplyGuard, type GuardStep } from './llm-guard.js';
import type { PromptTemplates } from '../llm/prompt-templates.js';
import type { StepBook } from '../domain/steps.js';
import type { Slot } from '../domain/session-state.js';
import { buildCoachMessages, buildRefineMessages, withRegenerateNote } from './llm-prompt.js';
import { planText, toMove } from './offline-engine.js';
import type { CoachEngine, PhraseInput, PhrasePart } from './engine.js';
import type { CoachPlan } from '../domain/coach-plan.js';
import type { Understanding } from '../domain/understanding.js';

/** The few logger calls the engine makes: outcomes and error codes, never conversation text. Pino fits. */
export interface EngineLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** What became of one model turn, for the metrics: never any text. */
export type EngineOutcome =
  | { type: 'model' }
  | { type: 'rejected'; rule: string }
  | { type: 'fallback'; reason: 'circuit_open' | 'model_failed' | 'rejected' | 'deadline' };

export interface LlmEngineOptions {
  /** The model with its waits bounded (llm/bounded-model.ts); a bare model is wrapped with the defaults. */
  model: BoundedModel | LanguageModel;
  /** Answers whenever the model cannot: the offline engine in production. */
  fallback: CoachEngine;
  logger?: EngineLogger;
  /** The validated model instructions, step briefs and reply rules (content/llm, content/steps), loaded at start-up. */
  templates: PromptTemplates;
  /** Each step's title and exit criteria, for the step's brief. */
  steps: StepBook;
  /** About 90 words with room to finish the sentence. */
  maxTokens?: number;
  temperature?: number;
  /** Screens the person's words and the model's replies (the crisis screen loaded at start-up). */
  screen: CrisisScreen;
  /** Everything the model may take for one reply, retries and regeneration included (25 s by default). */
  turnDeadlineMs?: number;
  /** The same bound for the extraction of one message, which runs beside the reply. */
  extractionDeadlineMs?: number;
  onOutcome?: (outcome: EngineOutcome) => void;
}

/** Replies per turn the model may write: the first, and one more after the guard rejected it. */
const MAX_REPLIES = 2;
/** A regeneration is only worth starting with at least this much of the deadline left. */
const LEAST_TIME_FOR_A_REPLY_MS = 1_500;

/**
 * A coach engine whose model composes the reply from the plan's intents and the client's words.
 * The model never chooses the moves: `finish.moves` are the plan's.
 *
 * Every turn ends with a sane reply within the deadline, and the engine never throws:
 * - each sentence is checked by the guard (llm-guard.ts) before it is shown; a reply that breaks
 *   a rule is written once more (the model is told which rule), then the fallback answers;
 * - the model fails, is slow, or its breaker is open: the fallback answers (its deltas are passed
 *   on when nothing of the model's was shown);
 * - something was shown and the reply is then rejected or dies: an `error` part (meaning "the
 *   text streamed so far is void"), then the replacement as one `finish` (clients replace the
 *   streamed text with the final message);
 * - the caller's signal aborts: the request stops and the stream ends with an `error` part (code
 *   `aborted`) and no `finish`: the caller decides what to store.
 */
export function createLlmEngine(options: LlmEngineOptions): CoachEngine {
  const { fallback, logger, templates, steps } = options;
  const model = 'available' in options.model ? options.model : boundModel(options.model);
  const maxTokens = options.maxTokens ?? 220;
  const temperature = options.temperature ?? 0.6;
  const turnDeadlineMs = options.turnDeadlineMs ?? 25_000;
  const extractionDeadlineMs = options.extractionDeadlineMs ?? turnDeadlineMs;
  const screen = (): CrisisScreen => options.screen;
  const isCrisis = (text: string): boolean => screen()(text.slice(-REPLY_TAIL), { context: 'client' }).tier === 'crisis';
  const report = (outcome: EngineOutcome): void => options.onOutcome?.(outcome);

  async function* phrase(input: PhraseInput, signal?: AbortSignal): AsyncGenerator<PhrasePart, void, undefined> {
    // Words of crisis get the reviewed text as written, with its helplines: a model's
    // paraphrase of where to find immediate help is not a risk worth taking.
    if (isCrisisPlan(input)) {
      yield* fallback.phrase(input);
      return;
    }
    if (!model.available()) {
      report({ type: 'fallback', reason: 'circuit_open' });
      yield* fallbackReply(input, { passDeltas: true });
      return;
    }
    const moves = planMoves(input.plan);
    // Earlier turns of crisis (and the help that answered them) stay out of the model's prompt too.
    const modelInput: PhraseInput = { ...input, recent: withoutSafetyTurns(input.recent, screen()) };
    const language = clientLanguage(clientWords(modelInput), templates.guard.languages);
    const baseMessages = buildCoachMessages(modelInput, templates, steps);
    const budget = createTurnBudget(turnDeadlineMs, signal);
    let shownAny = false;
    let failure: ModelError | null = null;
    let rejectedRule: string | null = null;
    try {
      for (let reply = 1; reply <= MAX_REPLIES; reply += 1) {
        const messages: ChatMessage[] = rejectedRule ? withRegenerateNote(baseMessages, rejectedRule, templates.turn) : baseMessages;
        const guard = new ReplyGuard(templates.guard, { plan: input.plan, language, isCrisis });
        // A second reply is shown only whole, at the end, if the first already put words on screen.
        const streaming = !shownAny;
        let shownNow = '';
        let outcome: 'ok' | 'rejected' | 'failed' = 'failed';
        for await (const part of model.stream({ messages, maxTokens, temperature, budget })) {
          if (part.type === 'error') {
            failure = part.error;
            break;
          }
          const step: GuardStep = part.type === 'text-delta' ? guard.push(part.text) : guard.finish(part.finishReason);
          if (streaming && step.release) {
            const text = shownNow === '' ? step.release.trimStart() : step.release;
            if (text !== '') {
              shownNow += text;
              shownAny = true;
              yield { type: 'text-delta', text };
            }
          }
          if (step.rejected) {
            rejectedRule = step.rejected;
            outcome = 'rejected';
            break;
          }
          if (part.type === 'finish') {
            outcome = 'ok';
            break;
          }
        }
        if (outcome === 'ok') {
          report({ type: 'model' });
          yield { type: 'finish', text: guard.text.trim(), moves, engine: 'openai' };
          return;
        }
        if (outcome === 'failed' || budget.stoppedBy !== null) break;
        report({ type: 'rejected', rule: rejectedRule! });
        logger?.warn({ engine: 'openai', code: 'guard_rejected', rule: rejectedRule, reply }, 'model reply rejected by the guard');
        // A model that wrote words of crisis is not asked again: the reviewed offline wording answers.
        if (rejectedRule === 'crisis_words' || budget.remainingMs() < LEAST_TIME_FOR_A_REPLY_MS) break;
      }
    } finally {
      budget.dispose();
    }

    if (signal?.aborted || budget.stoppedBy === 'caller') {
      yield { type: 'error', error: new ModelError('aborted', 'the request was aborted by the caller', { retryable: false }), retryable: false };
      return;
    }
    const reason = budget.stoppedBy === 'deadline' || failure?.code === 'timeout' ? 'deadline' : failure ? 'model_failed' : 'rejected';
    report({ type: 'fallback', reason });
    logger?.warn({ engine: 'openai', reason, code: failure?.code, status: failure?.status, shownAny }, 'the fallback engine answers this turn');
    if (shownAny) {
      const error = failure ?? new ModelError('bad_response', `the model reply broke the rule ${rejectedRule}`, { retryable: false });
      yield { type: 'error', error, retryable: false };
    }
    yield* fallbackReply(input, { passDeltas: !shownAny });
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
      if (!model.available()) return null;
      const budget = createTurnBudget(extractionDeadlineMs, signal);
      try {
        const extraction = await model.object({
          messages: buildRefineMessages({ ...input, recent: withoutSafetyTurns(input.recent, screen()) }, templates, steps),
          schema: ExtractionSchema,
          schemaName: 'client_message_understanding',
          budget,
        });
        return toUnderstanding(extraction, input.message);
      } catch (error) {
        const details = error instanceof ModelError ? { code: error.code, status: error.status } : { code: 'unexpected' };
        logger?.warn({ engine: 'openai', ...details }, 'model extraction failed; the offline understanding stands');
        return null;
      } finally {
        budget.dispose();
      }
    },
    // Ready while the offline engine can answer: a model outage must not take the node out of a load balancer.
    ready: async () => true,
    health: () => ({ model: model.id, ...model.health() }),
  };
}

/** The client's words of this turn and the turns before: what their language is read from. */
function clientWords(input: PhraseInput): string {
  const earlier = input.recent.filter((item) => item.role === 'client' && item.seq !== input.message?.seq).map((item) => item.text);
  return [...earlier.slice(-2), input.message?.text ?? ''].join('\n');
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
  return Boolean(input.plan.pauses) || input.state.paused || input.plan.moves.some(isSafetyMove);
}
