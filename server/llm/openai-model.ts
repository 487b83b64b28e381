import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import {
  ModelError,
  type ChatMessage,
  type FinishReason,
  type LanguageModel,
  type ModelStreamPart,
  type ModelUsage,
  type ObjectOptions,
  type StreamOptions,
} from './model.js';

/**
 * The OpenAI-compatible adapter: the only file that imports `openai`. It works against OpenAI
 * itself and against local servers that speak the same wire format (vLLM, llama.cpp, Ollama,
 * LM Studio), which is why it degrades structured output step by step and needs no key when
 * only a base URL is given.
 */
export interface OpenAIModelOptions {
  /** e.g. `http://localhost:8000/v1`; the SDK's default (api.openai.com) when absent. */
  baseURL?: string;
  apiKey?: string;
  model: string;
  /** Per attempt, until the response headers arrive (the SDK's own timeout). */
  timeoutMs?: number;
  /**
   * Retries the SDK makes before any body arrives (429, 408, 409, 5xx, connection errors). 0 by
   * default: the SDK sleeps for any `Retry-After` (an hour, if the server says so) and nothing
   * aborts that sleep but the signal, so retries are ours (llm/bounded-model.ts), within the turn's deadline.
   */
  maxRetries?: number;
  /** Longest silence allowed while a streamed body is being read: the SDK's timeout ends at the headers. */
  idleTimeoutMs?: number;
  /**
   * Longest a whole streamed reply may take. The idle timer alone is re-armed by every chunk, so a
   * server sending empty keep-alive chunks forever would otherwise hold the session's turn.
   */
  streamDeadlineMs?: number;
  /** For /readyz: how long listing the models may take. */
  pingTimeoutMs?: number;
  /** Newer OpenAI models refuse `max_tokens`; most local servers only know it. */
  tokenLimitParameter?: 'max_tokens' | 'max_completion_tokens';
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

/** Used when only a base URL is given: local servers ignore the key, the SDK insists on one. */
const PLACEHOLDER_API_KEY = 'not-needed';

export function createOpenAIModel(options: OpenAIModelOptions): LanguageModel {
  return new OpenAIModel(options);
}

class OpenAIModel implements LanguageModel {
  readonly id: string;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly idleTimeoutMs: number;
  private readonly streamDeadlineMs: number;
  private readonly pingTimeoutMs: number;
  private readonly tokenLimitParameter: 'max_tokens' | 'max_completion_tokens';
  /** Learned per instance: once a server refuses a response format, stop offering it. */
  private jsonSchemaUnsupported = false;
  private jsonObjectUnsupported = false;

  constructor(options: OpenAIModelOptions) {
    const apiKey = options.apiKey ?? (options.baseURL ? PLACEHOLDER_API_KEY : undefined);
    if (!apiKey) throw new Error('createOpenAIModel needs an apiKey, or a baseURL for a local server');
    this.id = options.model;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 0;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 15_000;
    this.streamDeadlineMs = options.streamDeadlineMs ?? 120_000;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 3_000;
    this.tokenLimitParameter = options.tokenLimitParameter ?? 'max_tokens';
    this.client = new OpenAI({
      apiKey,
      // Explicit, so the environment is read in one place (the server's config), not here.
      baseURL: options.baseURL ?? null,
      organization: null,
      project: null,
      timeout: this.timeoutMs,
      maxRetries: this.maxRetries,
      // The SDK logs unparsable stream data verbatim; conversation text must never reach the logs.
      logLevel: 'off',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async *stream(options: StreamOptions): AsyncGenerator<ModelStreamPart, void, undefined> {
    const request = new RequestController(options.signal, { idleTimeoutMs: this.idleTimeoutMs, deadlineMs: this.streamDeadlineMs });
    try {
      if (request.signal.aborted) {
        yield { type: 'error', error: request.explain(new APIUserAbortError()) };
        return;
      }
      let rawFinishReason: string | null = null;
      let usage: ModelUsage | undefined;
      try {
        const stream = await this.client.chat.completions.create(
          {
            model: this.id,
            messages: toSdkMessages(options.messages),
            stream: true,
            ...(options.maxTokens !== undefined ? { [this.tokenLimitParameter]: options.maxTokens } : {}),
            ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          },
          { signal: request.signal },
        );
        request.armIdleTimer();
        for await (const chunk of stream) {
          // The idle timer measures the server's silence, not the time our consumer takes.
          request.disarmIdleTimer();
          const choice = chunk.choices?.[0];
          if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
          if (choice?.finish_reason) rawFinishReason = choice.finish_reason;
          const text = choice?.delta?.content;
          if (text) yield { type: 'text-delta', text };
          request.armIdleTimer();
        }
        request.bodyConsumed();
      } catch (error) {
        yield { type: 'error', error: request.explain(error) };
        return;
      }
      // The SDK ends an aborted stream quietly: say why it stopped.
      if (request.stoppedBy !== null) {
        yield { type: 'error', error: request.explain(new APIUserAbortError()) };
        return;
      }
      if (rawFinishReason === null) {
        yield {
          type: 'error',
          error: new ModelError('unavailable', 'the model stream ended before the reply finished', { retryable: true }),
        };
        return;
      }
      yield { type: 'finish', finishReason: unifyFinishReason(rawFinishReason), rawFinishReason, ...(usage ? { usage } : {}) };
    } finally {
      request.dispose();
    }
  }

  async object<T>(options: ObjectOptions<T>): Promise<T> {
    const jsonSchema = toRequestJsonSchema(options.schema);
    let content: string | typeof RESPONSE_FORMAT_REFUSED = RESPONSE_FORMAT_REFUSED;
    if (!this.jsonSchemaUnsupported) {
      content = await this.complete(options.messages, options.signal, {
        type: 'json_schema',
        json_schema: { name: options.schemaName, schema: jsonSchema, strict: false },
      });
      if (content === RESPONSE_FORMAT_REFUSED) this.jsonSchemaUnsupported = true;
    }
    if (content === RESPONSE_FORMAT_REFUSED) {
      const messages = withSchemaInstruction(options.messages, jsonSchema);
      if (!this.jsonObjectUnsupported) {
        content = await this.complete(messages, options.signal, { type: 'json_object' });
        if (content === RESPONSE_FORMAT_REFUSED) this.jsonObjectUnsupported = true;
      }
      if (content === RESPONSE_FORMAT_REFUSED) content = await this.complete(messages, options.signal, undefined);
    }
    if (content === RESPONSE_FORMAT_REFUSED) {
      throw new ModelError('other', 'the model server refused every structured-output format', { retryable: false });
    }
    const parsed = options.schema.safeParse(extractJsonObject(content));
    if (!parsed.success) {
      throw new ModelError('bad_response', `the model's JSON does not match the ${options.schemaName} schema`, { retryable: true });
    }
    return parsed.data;
  }

  async ping(signal?: AbortSignal): Promise<boolean> {
    try {
      await this.client.models.list({ timeout: this.pingTimeoutMs, maxRetries: 0, ...(signal ? { signal } : {}) });
      return true;
    } catch {
      return false;
    }
  }

  /** One non-streamed completion; the marker when the server refuses the response format asked for. */
  private async complete(
    messages: ChatMessage[],
    signal: AbortSignal | undefined,
    responseFormat: ChatCompletionCreateParamsNonStreaming['response_format'],
  ): Promise<string | typeof RESPONSE_FORMAT_REFUSED> {
    // No idle timer without a streamed body; instead a deadline no honest attempt sequence exceeds.
    const request = new RequestController(signal, { deadlineMs: this.timeoutMs * (this.maxRetries + 1) });
    try {
      const completion = await this.client.chat.completions.create(
        {
          model: this.id,
          messages: toSdkMessages(messages),
          stream: false,
          ...(responseFormat ? { response_format: responseFormat } : {}),
        },
        { signal: request.signal },
      );
      request.bodyConsumed();
      const content = completion.choices?.[0]?.message?.content;
      if (typeof content !== 'string' || content.trim() === '') {
        throw new ModelError('bad_response', 'the model returned no content', { retryable: true });
      }
      return content;
    } catch (error) {
      if (responseFormat && refusesResponseFormat(error)) return RESPONSE_FORMAT_REFUSED;
      throw request.explain(error);
    } finally {
      request.dispose();
    }
  }
}

const RESPONSE_FORMAT_REFUSED = Symbol('response format refused');

/**
 * Links the caller's signal, an idle timer and an optional deadline to one AbortController for
 * the request, and remembers which of them stopped it so the error can say so.
 */
class RequestController {
  private readonly controller = new AbortController();
  private idleTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  stoppedBy: 'caller' | 'idle' | 'deadline' | null = null;
  private consumed = false;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly limits: { idleTimeoutMs?: number; deadlineMs?: number },
  ) {
    if (callerSignal?.aborted) this.stop('caller');
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (limits.deadlineMs !== undefined) this.deadlineTimer = setTimeout(() => this.stop('deadline'), limits.deadlineMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  armIdleTimer(): void {
    this.disarmIdleTimer();
    if (this.limits.idleTimeoutMs !== undefined) this.idleTimer = setTimeout(() => this.stop('idle'), this.limits.idleTimeoutMs);
  }

  disarmIdleTimer(): void {
    clearTimeout(this.idleTimer);
  }

  /** Our reason for the stop wins over whatever the SDK threw because of it. */
  explain(error: unknown): ModelError {
    if (error instanceof ModelError) return error;
    if (this.stoppedBy === 'idle') {
      return new ModelError('timeout', `the model server was silent for ${this.limits.idleTimeoutMs} ms`, { retryable: true });
    }
    if (this.stoppedBy === 'deadline') {
      return new ModelError('timeout', `the model server did not answer within ${this.limits.deadlineMs} ms`, { retryable: true });
    }
    if (this.stoppedBy === 'caller') return new ModelError('aborted', 'the request was aborted by the caller', { retryable: false });
    return toModelError(error);
  }

  /** The whole response was read: nothing is left open for dispose() to close. */
  bodyConsumed(): void {
    this.consumed = true;
  }

  dispose(): void {
    this.disarmIdleTimer();
    clearTimeout(this.deadlineTimer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    // Closes the connection if the body is still open (a consumer that stopped early). After a
    // response read to its end there is nothing to close, and an abort costs an exception with its
    // stack and a round of listeners on every request.
    if (!this.consumed) this.controller.abort();
  }

  private readonly onCallerAbort = (): void => this.stop('caller');

  private stop(reason: 'caller' | 'idle' | 'deadline'): void {
    if (this.stoppedBy !== null) return;
    this.stoppedBy = reason;
    this.controller.abort();
  }
}

/** Maps the SDK's error classes to ours. Server messages are not copied: a 401 may echo part of the key. */
export function toModelError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof APIUserAbortError) return new ModelError('aborted', 'the request was aborted', { retryable: false });
  if (error instanceof APIConnectionTimeoutError) {
    return new ModelError('timeout', 'the model server did not answer in time', { retryable: true });
  }
  if (error instanceof APIConnectionError) {
    return new ModelError('unavailable', 'the model server cannot be reached', { retryable: true });
  }
  if (error instanceof APIError) {
    const status = error.status;
    if (status === undefined) {
      return new ModelError('unavailable', 'the model server reported an error inside the stream', { retryable: true });
    }
    const retryAfterMs = readRetryAfter(error.headers);
    const after = retryAfterMs === undefined ? {} : { retryAfterMs };
    if (status === 429) return new ModelError('rate_limited', 'the model server is rate limiting us (429)', { retryable: true, status, ...after });
    if (status === 408) return new ModelError('timeout', 'the model server timed out (408)', { retryable: true, status });
    if (status >= 500) return new ModelError('unavailable', `the model server failed (${status})`, { retryable: true, status, ...after });
    if (status === 401 || status === 403) {
      return new ModelError('unavailable', `the model server refused our credentials (${status})`, { retryable: false, status });
    }
    return new ModelError('other', `the model server refused the request (${status})`, { retryable: false, status });
  }
  if (error instanceof SyntaxError) return new ModelError('bad_response', 'the model stream held unreadable data', { retryable: true });
  if (error instanceof Error && error.name === 'AbortError') {
    return new ModelError('aborted', 'the request was aborted', { retryable: false });
  }
  // undici's "terminated" and friends: the connection broke while the body was being read.
  if (error instanceof TypeError) return new ModelError('unavailable', 'the connection to the model server broke', { retryable: true });
  return new ModelError('other', 'the model request failed', { retryable: false });
}

/**
 * The wait a server asked for: `retry-after-ms` (OpenAI's own), else `Retry-After` in seconds or
 * as an HTTP date. Undefined when absent or unreadable.
 */
export function readRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Servers without structured output answer 400 (or 422) naming the parameter. */
function refusesResponseFormat(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  const said = `${error.message} ${error.param ?? ''} ${safeStringify(error.error)}`;
  return /response_format|json_schema|json_object|structured output/i.test(said);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function unifyFinishReason(raw: string): FinishReason {
  if (raw === 'stop' || raw === 'length') return raw;
  if (raw === 'error') return 'error';
  return 'other';
}

function toSdkMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message) => ({ role: message.role, content: message.content }) as ChatCompletionMessageParam);
}

/** JSON Schema of what the model should send (zod's input side); `$schema` confuses some servers. */
function toRequestJsonSchema(schema: z.ZodType): Record<string, unknown> {
  // The same schema is sent with every extraction: converted once.
  const known = requestJsonSchemas.get(schema);
  if (known) return known;
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  requestJsonSchemas.set(schema, jsonSchema);
  return jsonSchema;
}
const requestJsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/** Without server-side structured output, the schema travels in the prompt (json_object mode also needs the word JSON there). */
function withSchemaInstruction(messages: ChatMessage[], jsonSchema: Record<string, unknown>): ChatMessage[] {
  const instruction = `Answer with one JSON object only, no prose and no code fences, matching this JSON Schema:\n${JSON.stringify(jsonSchema)}`;
  const systemIndex = messages.findIndex((message) => message.role === 'system');
  if (systemIndex === -1) return [{ role: 'system', content: instruction }, ...messages];
  return messages.map((message, index) => (index === systemIndex ? { ...message, content: `${message.content}\n\n${instruction}` } : message));
}

/**
 * Tolerant reading of a model's JSON: strips Markdown fences and any prose around it, then
 * parses the first balanced `{...}` block.
 */
export function extractJsonObject(text: string): unknown {
  const unfenced = text.replace(/```[a-zA-Z]*\s*/g, '');
  const start = unfenced.indexOf('{');
  if (start === -1) throw new ModelError('bad_response', 'the model returned no JSON object', { retryable: true });
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = start; index < unfenced.length; index += 1) {
    const character = unfenced[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) {
        try {
          return JSON.parse(unfenced.slice(start, index + 1));
        } catch {
          break;
        }
      }
    }
  }
  throw new ModelError('bad_response', 'the model returned malformed JSON', { retryable: true });
}
