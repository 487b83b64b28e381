import type {
  FeedbackReport,
  HistoryItem,
  Mode,
  Move,
} from '../domain/schemas.js';
import type { StepId } from '../domain/steps.js';
import type { ErrorCode } from '../errors.js';
import type { StateView } from '../domain/state-view.js';

export { ERROR_CODES, type ErrorCode } from '../errors.js';
export type { StateView } from '../domain/state-view.js';

/** Server → client frames of protocol v1. */
export type ServerFrame =
  | {
      type: 'session.ready';
      sessionId: string;
      token?: string;
      mode: Mode;
      persona?: string;
      step: StepId;
      steps: StepId[];
      history: HistoryItem[];
      state: StateView;
      /** Which engine phrases the coach's turns: 'offline' or 'openai' (an addition to v1). */
      engine: string;
    }
  | { type: 'message.accepted'; id: string; seq: number }
  | { type: 'assistant.delta'; turn: string; text: string }
  | {
      type: 'assistant.message';
      turn: string;
      seq: number;
      replyTo?: string;
      role: 'coach' | 'client';
      text: string;
      step: StepId;
      moves: Move[];
      /** Set when the configured model failed and the offline engine answered (an addition to v1). */
      fallback?: boolean;
    }
  | ({ type: 'state'; seq: number } & StateView)
  | { type: 'feedback'; seq: number; report: FeedbackReport }
  /** Where a demo stands: after every demo.next, demo.auto, and when auto-play stops by itself (an addition to v1). */
  | { type: 'demo.status'; auto: boolean; done: boolean; exchanges: number; reason?: 'done' | 'error' }
  | { type: 'error'; code: ErrorCode; message: string; id?: string; /** rate_limited: seconds to wait before trying again. */ retryAfter?: number }
  | { type: 'pong' };

export type FrameSink = (frame: ServerFrame) => void;
