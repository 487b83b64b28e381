import type { RawData, WebSocket } from 'ws';
import { AppError, RateLimitedError, toAppError } from '../errors.js';
import type { AddressRateLimiter } from '../limits/address-limits.js';
import type { Logger } from '../logger.js';
import type { ClientFrame } from '../protocol/client-frames.js';
import type { ServerFrame } from '../protocol/server-frames.js';
import type { Mode } from '../domain/schemas.js';
import { assertFrameFitsMode } from './frame-modes.js';
import type { DemoProgress } from '../app/demo.js';
import type { SessionService } from '../app/service.js';
import { STEPS } from '../domain/steps.js';
import { DemoAutoplay } from './demo-autoplay.js';
import { frameMessageId, parseFrame } from './parse-frame.js';
import { RateLimiter } from './rate-limiter.js';
import type { SessionEvent } from '../app/session-events.js';
import { toFrame } from './session-frames.js';

/** The connection's TCP socket, as far as batching writes needs it. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

export interface ConnectionOptions {
  sessions: SessionService;
  logger: Logger;
  rateLimitPerMinute: number;
  /** Sessions created per address, shared with POST /api/sessions. */
  sessionStarts: AddressRateLimiter;
  /** User messages per address, over all its connections. */
  addressMessages: AddressRateLimiter;
  onFrame?: (type: string) => void;
  /** Demo auto-play turned on (+1) or off (-1) on some connection. */
  onAutoplay?: (delta: 1 | -1) => void;
}

/**
 * One client's socket: validates every frame, applies the rate limit, and hands the work to the
 * session service. A bad frame gets an `error` frame and the connection stays open; closing the
 * socket aborts whatever the session was generating for it.
 */
export function handleConnection(socket: WebSocket, options: ConnectionOptions, address: string, transport?: Corkable): void {
  const { sessions, logger } = options;
  const abort = new AbortController();
  const limiter = new RateLimiter(options.rateLimitPerMinute);
  // Everything else a client can ask for (commands, feedback, demo steps, new sessions) stores
  // events and may call a model too: a roomier bucket of its own keeps buttons usable and floods out.
  const commandLimiter = new RateLimiter(options.rateLimitPerMinute * 4);
  let sessionId: string | null = null;
  let mode: Mode | null = null;
  /** Demo auto-play of this connection's session: one timer per connection, cleared on close. */
  let autoplay: DemoAutoplay | null = null;

  /**
   * Frames made in one run of the event loop's work go out in one write: the end of a reply (its
   * last delta, turn.stored and state.changed) is one write instead of three. The socket is corked
   * at the first frame and uncorked once the current work is done (process.nextTick), so no frame
   * waits for anything but the code already running. message.accepted goes at once: the turn's
   * understanding and prompt come after it in the same run.
   */
  let corked = false;
  const uncork = (): void => {
    if (!corked) return;
    corked = false;
    transport?.uncork();
  };
  const send = (frame: ServerFrame): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (transport && !corked && frame.type !== 'message.accepted') {
      corked = true;
      transport.cork();
      process.nextTick(uncork);
    }
    socket.send(JSON.stringify(frame));
    if (frame.type === 'message.accepted') uncork();
  };
  /** The session's events, sent as their protocol frames. */
  const emit = (event: SessionEvent): void => send(toFrame(event));

  const requireSession = (type?: ClientFrame['type']): string => {
    if (!sessionId || !mode) throw new AppError('bad_request', 'start or resume a session first');
    if (type) assertFrameFitsMode(type, mode);
    return sessionId;
  };

  function sendStatus(progress: DemoProgress, reason?: 'done' | 'error'): void {
    send({ type: 'demo.status', auto: autoplay?.active ?? false, ...progress, ...(reason ? { reason } : {}) });
  }

  async function demoStatus(id: string, reason?: 'done' | 'error'): Promise<void> {
    sendStatus(await sessions.demoProgress(id), reason);
  }

  function autoplayFor(id: string): DemoAutoplay {
    if (autoplay) return autoplay;
    const play = async () => {
      const progress = await sessions.demoNext(id, emit, abort.signal);
      if (!progress.done) sendStatus(progress);
      return progress;
    };
    autoplay = new DemoAutoplay(play, {
      active: (on) => options.onAutoplay?.(on ? 1 : -1),
      stopped: (reason, error) => {
        if (reason === 'error') {
          const appError = toAppError(error);
          send({ type: 'error', code: appError.code, message: appError.message });
        }
        demoStatus(id, reason).catch(() => undefined);
      },
    });
    return autoplay;
  }

  /** A connection moving to another session leaves the previous one's auto-play behind. */
  async function leaveSession(): Promise<void> {
    const previous = autoplay;
    autoplay = null;
    await previous?.stop();
  }

  /** session.ready with the snapshot, then the opening turn when the session is new: one hold of its lock. */
  async function open(id: string, token: string | undefined, after: number): Promise<void> {
    await sessions.open(id, after, (snapshot) => {
      mode = snapshot.mode;
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
    }, emit, abort.signal);
  }

  async function dispatch(frame: ClientFrame): Promise<void> {
    options.onFrame?.(frame.type);
    if (frame.type !== 'ping' && frame.type !== 'user.message' && !commandLimiter.tryTake()) {
      throw new AppError('rate_limited', 'too many requests; wait a moment and try again');
    }
    switch (frame.type) {
      case 'ping':
        send({ type: 'pong' });
        return;
      case 'session.start': {
        const waitMs = options.sessionStarts.take(address);
        if (waitMs !== null) throw new RateLimitedError('too many new sessions from this address; wait a moment and try again', waitMs);
        await leaveSession();
        const created = await sessions.create(frame.mode, frame.persona ?? null);
        sessionId = created.sessionId;
        await open(created.sessionId, created.token, 0);
        return;
      }
      case 'session.resume': {
        await sessions.authenticate(frame.sessionId, frame.token);
        await leaveSession();
        sessionId = frame.sessionId;
        await open(frame.sessionId, undefined, frame.after ?? 0);
        return;
      }
      case 'user.message': {
        const id = requireSession(frame.type);
        if (!limiter.tryTake()) throw new RateLimitedError('too many messages; wait a moment and send again', limiter.waitMs());
        const waitMs = options.addressMessages.take(address);
        if (waitMs !== null) throw new RateLimitedError('too many messages from this address; wait a moment and send again', waitMs);
        await sessions.handleUserMessage(id, { id: frame.id, text: frame.text }, emit, abort.signal);
        return;
      }
      case 'statement.request':
      case 'statement.confirm':
      case 'statement.edit':
      case 'step.goto':
        await sessions.handleCommand(requireSession(frame.type), frame, emit, abort.signal);
        return;
      case 'feedback.request':
        await sessions.requestFeedback(requireSession(frame.type), emit);
        return;
      case 'demo.next': {
        // demoNext answers with the progress it just saved: no second read of the session.
        sendStatus(await sessions.demoNext(requireSession(frame.type), emit, abort.signal));
        return;
      }
      case 'demo.auto': {
        const id = requireSession(frame.type);
        if (frame.on) {
          const progress = await sessions.demoProgress(id);
          if (progress.done) throw new AppError('conflict', 'the demo is complete; start a new one to watch again');
          // The socket may have closed while we waited: nothing would ever stop a timer started now.
          if (abort.signal.aborted) return;
          autoplayFor(id).start(frame.delayMs);
          sendStatus(progress);
        } else {
          await autoplay?.stop();
          await demoStatus(id);
        }
        return;
      }
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
      const retryAfter = appError instanceof RateLimitedError ? appError.retryAfterSeconds : undefined;
      send({ type: 'error', code: appError.code, message: appError.message, ...(id ? { id } : {}), ...(retryAfter ? { retryAfter } : {}) });
    });
  });

  socket.on('close', () => {
    abort.abort();
    void leaveSession();
  });
  socket.on('error', (error) => logger.warn({ error: error.message }, 'socket error'));
}
