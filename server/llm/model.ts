import type { z } from 'zod';

/**
 * Our own small language-model interface: the only seam the rest of the server sees. The
 * OpenAI-compatible adapter implements it, and so can test fakes; nothing outside
 * `openai-model.ts` imports the `openai` package. Errors travel as stream parts or as a thrown
 * `ModelError`, never as the SDK's own classes.
 */

/** One chat message sent to a model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A unified reason for the end of a reply; the provider's own value is kept beside it. */
export type FinishReason = 'stop' | 'length' | 'error' | 'other';

export interface ModelUsage {
  promptTokens: number;
  completionTokens: number;
}

/** A streamed piece of a model reply: a discriminated union, errors travel as parts. */
export type ModelStreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; finishReason: FinishReason; rawFinishReason: string | null; usage?: ModelUsage }
  | { type: 'error'; error: ModelError };

export type ModelErrorCode = 'timeout' | 'rate_limited' | 'unavailable' | 'bad_response' | 'aborted' | 'other';

/**
 * The one error a model raises. `retryable` says whether trying again later may succeed (a
 * timeout, a rate limit, a 5xx) as opposed to a fault that will repeat (bad credentials, a
 * request the server refuses). Messages never carry conversation text or keys.
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly code: ModelErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  /** How long the server asked us to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfterMs?: number;

  constructor(code: ModelErrorCode, message: string, options: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export interface StreamOptions {
  messages: ChatMessage[];
  /** Aborting it stops the request, so a departed client stops spending tokens. */
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
}

export interface ObjectOptions<T> {
  messages: ChatMessage[];
  /** Validates what comes back; keep it lenient (`nullish()` fields), models are sloppy. */
  schema: z.ZodType<T>;
  /** A short identifier for the schema, sent to servers that support structured output. */
  schemaName: string;
  signal?: AbortSignal;
}

/**
 * A chat model. `stream` never throws: failures arrive as one `error` part that ends the stream.
 * `object` resolves with a value checked by the schema or rejects with a `ModelError`.
 * `ping` says whether the model server can be reached (for /readyz) and never throws.
 */
export interface LanguageModel {
  readonly id: string;
  stream(options: StreamOptions): AsyncIterable<ModelStreamPart>;
  object<T>(options: ObjectOptions<T>): Promise<T>;
  ping(signal?: AbortSignal): Promise<boolean>;
}
