import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server speaking the OpenAI-compatible wire format, scripted per test. Because it
 * is a real server on port 0, the real `openai` SDK (retries, timeouts, SSE parsing, aborts) is
 * what the tests exercise; nothing is mocked. It also serves whole-server integration tests
 * started with `OPENAI_BASE_URL` pointing at `baseURL`.
 *
 * Each `POST /v1/chat/completions` takes the next behaviour from the queue (or the default one
 * when the queue is empty) and answers as a stream (`stream: true`: SSE chunks, `data: [DONE]`)
 * or as one JSON completion, whichever the request asked for.
 */
export type FakeBehaviour =
  /** A reply in chunks; `delayMs` between chunks, `firstDelayMs` before the first. Non-streamed requests get the chunks joined. */
  | { kind: 'text'; chunks: string[]; delayMs?: number; firstDelayMs?: number; finishReason?: string }
  /** A JSON reply: an object is serialized, a string is sent as is (to test fences and prose); `delayMs` before answering. */
  | { kind: 'json'; body: unknown; delayMs?: number }
  /**
   * An HTTP error. Without `body`, an OpenAI-style error object; 429 and 5xx ask for a short retry
   * delay (`retry-after-ms`) unless `headers` are given, which then replace it (e.g. `retry-after: 3600`).
   */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** The stream dies halfway: `after` chunks are sent, then the socket is destroyed. */
  | { kind: 'cut'; chunks: string[]; after: number }
  /** Headers are sent, then silence until the client goes away. */
  | { kind: 'hang' }
  /** The connection is accepted and nothing at all is sent, not even headers, until the client goes away. */
  | { kind: 'never' }
  /** A stream that sends `chunks`, then stalls (no finish, no end) until the client goes away. */
  | { kind: 'stall'; chunks: string[] }
  /** The connection is dropped at once, before any byte of the answer. */
  | { kind: 'drop' }
  /** A 400 like servers without structured output, when the request asks for `json_schema`. */
  | { kind: 'reject_json_schema' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (null for GET). */
  body: any;
  /** The behaviour that answered it (chat completions only). */
  behaviour: FakeBehaviour['kind'] | 'default' | null;
  /** True once the client closed the connection before the answer was complete. */
  closedByClient: boolean;
  /** Settles when the answer is complete or the connection is gone. */
  done: Promise<void>;
  /** performance.now() when the request came in (this process's clock). */
  receivedAt: number;
}

export interface FakeOpenAIOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Answer `json_schema` requests with 400 always, like a server without structured output. */
  rejectJsonSchema?: boolean;
  /** Answers when the queue is empty. Defaults: a short coaching reply for text, `{}` for JSON. */
  defaultText?: string[];
  defaultJson?: unknown;
  /** Pauses of the default text reply: before its first chunk, and before each chunk (a slow model, so a turn can be cut at any point). */
  defaultFirstDelayMs?: number;
  defaultDelayMs?: number;
  models?: string[];
  /** Delay asked of the SDK before retrying a 429/5xx (the `retry-after-ms` header). */
  retryAfterMs?: number;
  /**
   * The default text reply ends with the draft statement when the request asks for it word for
   * word, as a model that follows the turn's instructions does: without it the guard rejects every
   * turn that proposes a statement, and a benchmark measures regenerations and the fallback.
   */
  sayStatement?: boolean;
}

/** How the turn's prompt asks for the draft statement (content/llm/turn.json, `statement`). */
const STATEMENT_REQUEST = /word for word: "(.*)"$/m;

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `${url}/v1`, what `OPENAI_BASE_URL` should be. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Chat completion requests only, in arrival order. */
  completionRequests(): RecordedRequest[];
  script(...behaviours: FakeBehaviour[]): void;
  /**
   * Behaviours for requests that ask for JSON (`response_format`: the extraction), taken before
   * the shared queue: a whole-server turn sends its extraction and its reply at the same time, so
   * their order of arrival is not something to script against.
   */
  scriptJson(...behaviours: FakeBehaviour[]): void;
  /** While false, every endpoint answers 503 (for readiness tests). */
  setAvailable(available: boolean): void;
  close(): Promise<void>;
}

const DEFAULT_TEXT = ['It sounds like this matters to you. ', 'What would you most like to get from our time today?'];

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const queue: FakeBehaviour[] = [];
  const jsonQueue: FakeBehaviour[] = [];
  const requests: RecordedRequest[] = [];
  let available = true;
  let created = 1_700_000_000;

  const server = createServer((req, res) => {
    let settle: () => void = () => {};
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      headers: req.headers,
      body: null,
      behaviour: null,
      closedByClient: false,
      done: new Promise<void>((resolve) => (settle = resolve)),
      receivedAt: performance.now(),
    };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished && !destroyedByServer.has(res)) record.closedByClient = true;
      settle();
    });
    readBody(req)
      .then((text) => {
        record.body = text ? safeParse(text) : null;
        return route(record, res);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  });

  async function route(record: RecordedRequest, res: FakeResponse): Promise<void> {
    if (!available) return sendError(res, 503, 'the model server is down');
    if (options.apiKey !== undefined && record.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided', 'invalid_api_key');
    }
    const path = record.path.replace(/^\/v1/, '');
    if (record.method === 'GET' && path === '/models') {
      const data = (options.models ?? ['fake-coach']).map((id) => ({ id, object: 'model', created, owned_by: 'fake' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (record.method === 'POST' && path === '/chat/completions') return answerCompletion(record, res);
    return sendError(res, 404, `no route for ${record.method} ${record.path}`);
  }

  function defaultChunks(body: any): string[] {
    const chunks = options.defaultText ?? DEFAULT_TEXT;
    if (!options.sayStatement || !Array.isArray(body.messages)) return chunks;
    const prompt = body.messages.map((message: { content?: unknown }) => (typeof message.content === 'string' ? message.content : '')).join('\n');
    const statement = STATEMENT_REQUEST.exec(prompt)?.[1];
    return statement ? [...chunks, ` ${statement}`] : chunks;
  }

  async function answerCompletion(record: RecordedRequest, res: FakeResponse): Promise<void> {
    const body = record.body ?? {};
    const streamed = body.stream === true;
    const formatType: string | undefined = body.response_format?.type;
    const wantsJson = formatType === 'json_schema' || formatType === 'json_object';
    if (options.rejectJsonSchema && formatType === 'json_schema') {
      record.behaviour = 'reject_json_schema';
      return rejectJsonSchema(res);
    }
    const next = (wantsJson ? jsonQueue.shift() : undefined) ?? queue.shift();
    record.behaviour = next?.kind ?? 'default';
    const behaviour: FakeBehaviour =
      next ??
      (wantsJson
        ? { kind: 'json', body: options.defaultJson ?? {} }
        : { kind: 'text', chunks: defaultChunks(body), firstDelayMs: options.defaultFirstDelayMs ?? 0, delayMs: options.defaultDelayMs ?? 0 });
    const model = typeof body.model === 'string' ? body.model : 'fake-coach';
    created += 1;
    const completionId = `chatcmpl-fake-${created}`;

    switch (behaviour.kind) {
      case 'reject_json_schema':
        return rejectJsonSchema(res);
      case 'status':
        return sendStatus(res, behaviour);
      case 'hang':
        res.writeHead(200, { 'content-type': streamed ? 'text/event-stream' : 'application/json' });
        res.flushHeaders();
        return; // silence until the client goes away
      case 'never':
        return; // not even headers
      case 'drop':
        return destroyByServer(res);
      case 'stall':
        return streamChunks(res, completionId, model, behaviour.chunks, { stallAtEnd: true });
      case 'json': {
        if (behaviour.delayMs) await sleep(behaviour.delayMs);
        if (res.destroyed) return;
        const content = typeof behaviour.body === 'string' ? behaviour.body : JSON.stringify(behaviour.body);
        if (!streamed) return sendJson(res, 200, completion(completionId, model, content, 'stop'));
        return streamChunks(res, completionId, model, [content], { finishReason: 'stop' });
      }
      case 'text':
        if (!streamed) return sendJson(res, 200, completion(completionId, model, behaviour.chunks.join(''), behaviour.finishReason ?? 'stop'));
        return streamChunks(res, completionId, model, behaviour.chunks, {
          delayMs: behaviour.delayMs ?? 0,
          firstDelayMs: behaviour.firstDelayMs ?? 0,
          finishReason: behaviour.finishReason ?? 'stop',
          includeUsage: body.stream_options?.include_usage === true,
        });
      case 'cut':
        if (!streamed) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write(JSON.stringify(completion(completionId, model, behaviour.chunks.join(''), 'stop')).slice(0, 20));
          return destroyByServer(res);
        }
        return streamChunks(res, completionId, model, behaviour.chunks.slice(0, behaviour.after), { cutAtEnd: true });
    }
  }

  async function streamChunks(
    res: FakeResponse,
    completionId: string,
    model: string,
    chunks: string[],
    how: { delayMs?: number; firstDelayMs?: number; finishReason?: string; includeUsage?: boolean; cutAtEnd?: boolean; stallAtEnd?: boolean },
  ): Promise<void> {
    if (how.firstDelayMs) await sleep(how.firstDelayMs);
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const event = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}): string =>
      `data: ${JSON.stringify({
        id: completionId,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...extra,
      })}\n\n`;
    res.write(event({ role: 'assistant', content: '' }, null));
    for (const chunk of chunks) {
      if (how.delayMs) await sleep(how.delayMs);
      if (res.destroyed) return;
      res.write(event({ content: chunk }, null));
    }
    if (how.stallAtEnd) return; // silence, connection open, until the client goes away
    if (how.cutAtEnd) {
      // Let what was written reach the client first: destroying drops unflushed writes.
      await new Promise<void>((resolve) => res.write('', () => resolve()));
      return destroyByServer(res);
    }
    res.write(event({}, how.finishReason ?? 'stop'));
    if (how.includeUsage) {
      const completionTokens = chunks.join('').split(/\s+/).filter(Boolean).length;
      res.write(
        `data: ${JSON.stringify({
          id: completionId,
          object: 'chat.completion.chunk',
          created,
          model,
          choices: [],
          usage: { prompt_tokens: 10, completion_tokens: completionTokens, total_tokens: 10 + completionTokens },
        })}\n\n`,
      );
    }
    res.end('data: [DONE]\n\n');
  }

  function sendStatus(res: FakeResponse, behaviour: Extract<FakeBehaviour, { kind: 'status' }>): void {
    const retryHeaders: Record<string, string> =
      behaviour.status === 429 || behaviour.status >= 500 ? { 'retry-after-ms': String(options.retryAfterMs ?? 5) } : {};
    const body = behaviour.body ?? {
      error: { message: `fake failure ${behaviour.status}`, type: behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null },
    };
    sendJson(res, behaviour.status, body, behaviour.headers ?? retryHeaders);
  }

  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    completionRequests: () => requests.filter((request) => request.path.endsWith('/chat/completions')),
    script: (...behaviours) => void queue.push(...behaviours),
    scriptJson: (...behaviours) => void jsonQueue.push(...behaviours),
    setAvailable: (value) => void (available = value),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type FakeResponse = ServerResponse;

/** Responses the fake itself cut off, so `closedByClient` only reports the client going away. */
const destroyedByServer = new WeakSet<ServerResponse>();

function rejectJsonSchema(res: FakeResponse): void {
  sendJson(res, 400, {
    error: {
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported by this server.",
      type: 'invalid_request_error',
      param: 'response_format',
      code: null,
    },
  });
}

function sendError(res: FakeResponse, status: number, message: string, code: string | null = null): void {
  sendJson(res, status, { error: { message, type: 'invalid_request_error', param: null, code } });
}

function sendJson(res: FakeResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function completion(id: string, model: string, content: string, finishReason: string): unknown {
  return {
    id,
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function destroyByServer(res: FakeResponse): void {
  destroyedByServer.add(res);
  res.socket?.destroy();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
