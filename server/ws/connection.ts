import type { RawData, WebSocket } from 'ws';
import { AppError, toAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ClientFrame } from '../protocol/client-frames.js';
import type { ServerFrame } from '../protocol/server-frames.js';
import type { SessionService } from '../session/service.js';
import { STEPS } from '../domain/steps.js';
import { frameMessageId, parseFrame } from './parse-frame.js';
import { RateLimiter } from './rate-limiter.js';

export interface ConnectionOptions {
  sessions: SessionService;
  logger: Logger;
  rateLimitPerMinute: number;
  onFrame?: (type: string) => void;
}

/**
 * One client's socket: validates every frame, applies the rate limit, and hands the work to the
 * session service. A bad frame gets an `error` frame and the connection stays open; closing the
 * socket aborts whatever the session was generating for it.
 */
export function handleConnection(socket: WebSocket, options: ConnectionOptions): void {
  const { sessions, logger } = options;
  const abort = new AbortController();
  const limiter = new RateLimiter(options.rateLimitPerMinute);
  let sessionId: string | null = null;

  const send = (frame: ServerFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };

  const requireSession = (): string => {
    if (!sessionId) throw new AppError('bad_request', 'start or resume a session first');
    return sessionId;
  };

  async function ready(id: string, token: string | undefined, after: number): Promise<void> {
    const snapshot = await sessions.snapshot(id, after);
    send({
      type: 'session.ready',
      sessionId: id,
      ...(token ? { token } : {}),
      mode: snapshot.mode,
      ...(snapshot.persona ? { persona: snapshot.persona } : {}),
      step: snapshot.step,
      steps: [...STEPS],
      history: snapshot.history,
      state: snapshot.state,
      engine: sessions.engineName,
    });
  }

  async function dispatch(frame: ClientFrame): Promise<void> {
    options.onFrame?.(frame.type);
    switch (frame.type) {
      case 'ping':
        send({ type: 'pong' });
        return;
      case 'session.start': {
        if (frame.mode !== 'coach') {
          throw new AppError('bad_request', `mode "${frame.mode}" is not available yet; use "coach"`);
        }
        const created = await sessions.create(frame.mode, frame.persona ?? null);
        sessionId = created.sessionId;
        await ready(created.sessionId, created.token, 0);
        await sessions.ensureOpening(created.sessionId, send, abort.signal);
        return;
      }
      case 'session.resume': {
        await sessions.authenticate(frame.sessionId, frame.token);
        sessionId = frame.sessionId;
        await ready(frame.sessionId, undefined, frame.after ?? 0);
        await sessions.ensureOpening(frame.sessionId, send, abort.signal);
        return;
      }
      case 'user.message': {
        const id = requireSession();
        if (!limiter.tryTake()) throw new AppError('rate_limited', 'too many messages; wait a moment and send again');
        await sessions.handleUserMessage(id, { id: frame.id, text: frame.text }, send, abort.signal);
        return;
      }
      case 'statement.request':
      case 'statement.confirm':
      case 'statement.edit':
      case 'step.goto':
        await sessions.handleCommand(requireSession(), frame, send, abort.signal);
        return;
      case 'feedback.request':
        requireSession();
        throw new AppError('bad_request', 'feedback is available in rehearse mode');
      case 'demo.next':
      case 'demo.auto':
        requireSession();
        throw new AppError('bad_request', 'demo frames are available in demo mode');
    }
  }

  socket.on('message', (data: RawData, isBinary: boolean) => {
    let frame: ClientFrame;
    try {
      frame = parseFrame(data, isBinary);
    } catch (error) {
      const appError = toAppError(error);
      const id = frameMessageId(data);
      send({ type: 'error', code: appError.code, message: appError.message, ...(id ? { id } : {}) });
      return;
    }
    dispatch(frame).catch((error: unknown) => {
      const appError = toAppError(error);
      if (appError.code === 'internal') {
        logger.error({ err: { message: (error as Error).message, stack: (error as Error).stack }, frame: frame.type }, 'frame failed');
      }
      const id = frame.type === 'user.message' ? frame.id : undefined;
      send({ type: 'error', code: appError.code, message: appError.message, ...(id ? { id } : {}) });
    });
  });

  socket.on('close', () => abort.abort());
  socket.on('error', (error) => logger.warn({ error: error.message }, 'socket error'));
}
