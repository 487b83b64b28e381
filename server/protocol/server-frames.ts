import type {
  Constraint,
  FeedbackReport,
  HistoryItem,
  LearningPreference,
  Mode,
  Move,
  Need,
  Statement,
} from '../domain/schemas.js';
import type { StepId } from '../domain/steps.js';

export const ERROR_CODES = [
  'bad_request',
  'too_large',
  'rate_limited',
  'not_found',
  'conflict',
  'upstream_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The `state` frame's body (without type and seq), also used in session.ready and GET /api/sessions/:id. */
export interface StateView {
  step: StepId;
  needs: Need[];
  constraints: Constraint[];
  learningPreference: LearningPreference;
  statement: Statement | null;
  /** What is still missing before the current step may be left (an addition to v1). */
  missing: string[];
  /** Every transition so far with its reason (an addition to v1). */
  transitions: { from: StepId; to: StepId; reason: string; by: 'client' | 'coach'; seq: number }[];
  /** Coaching is paused after words of crisis (an addition to v1). */
  paused: boolean;
}

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
  | { type: 'error'; code: ErrorCode; message: string; id?: string }
  | { type: 'pong' };

export type FrameSink = (frame: ServerFrame) => void;
