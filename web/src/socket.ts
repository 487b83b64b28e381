/**
 * One WebSocket to `/ws` that comes back by itself. After a drop it waits with exponential
 * backoff (with jitter, capped) and reconnects; the owner is told through `onOpen` so it can send
 * `session.resume`. A ping every 20 s lets a silently dead connection be noticed and replaced.
 */
import { isServerFrame, type ClientFrame, type ServerFrame } from './protocol.js';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SocketHandlers {
  onOpen(): void;
  onFrame(frame: ServerFrame): void;
  onStatus(status: ConnectionStatus, retryInMs?: number): void;
}

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 15_000;
const PING_EVERY_MS = 20_000;
const SILENCE_LIMIT_MS = 45_000;

export function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

export class RapportSocket {
  private socket: WebSocket | null = null;
  private failedAttempts = 0;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private lastHeardAt = 0;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {
    window.addEventListener('online', this.reconnectNow);
  }

  connect(): void {
    if (this.stopped) return;
    window.clearTimeout(this.retryTimer);
    this.handlers.onStatus(this.failedAttempts === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (socket !== this.socket) return;
      this.lastHeardAt = Date.now();
      this.startPinging();
      this.handlers.onStatus('open');
      this.handlers.onOpen();
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.socket) return;
      this.lastHeardAt = Date.now();
      if (typeof event.data !== 'string') return;
      let value: unknown;
      try {
        value = JSON.parse(event.data);
      } catch {
        return;
      }
      if (isServerFrame(value)) this.handlers.onFrame(value);
    });
    socket.addEventListener('close', () => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.stopPinging();
      this.scheduleRetry();
    });
    // An `error` is always followed by `close`, where the retry is scheduled.
  }

  /** The session is up again: the next drop starts the backoff from the beginning. */
  markHealthy(): void {
    this.failedAttempts = 0;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Send a frame; false when the connection is not open (the caller keeps it for later). */
  send(frame: ClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Close for good: no reconnect (the conversation was left or deleted). */
  close(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.reconnectNow);
    this.stopPinging();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'bye');
    this.handlers.onStatus('closed');
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failedAttempts);
    // Jitter spreads out many pages reconnecting at once after a server restart.
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.failedAttempts += 1;
    this.handlers.onStatus('reconnecting', delay);
    this.retryTimer = window.setTimeout(() => this.connect(), delay);
  }

  private readonly reconnectNow = (): void => {
    if (this.stopped || this.socket) return;
    this.connect();
  };

  private startPinging(): void {
    this.stopPinging();
    this.pingTimer = window.setInterval(() => {
      if (Date.now() - this.lastHeardAt > SILENCE_LIMIT_MS) {
        // Nothing heard for too long: the connection is dead even if the browser has not noticed.
        this.socket?.close();
        return;
      }
      this.send({ type: 'ping' });
    }, PING_EVERY_MS);
  }

  private stopPinging(): void {
    window.clearInterval(this.pingTimer);
  }
}
