/**
 * Frames of protocol v1 as the page sees them. The domain shapes are imported as types only from
 * the server's schemas, so the page and the server cannot drift apart and no zod code is bundled.
 */
import type {
  Constraint,
  FeedbackReport,
  HistoryItem,
  LearningPreference,
  Mode,
  Move,
  Need,
  Statement,
  StatementEdit,
} from '../../server/domain/schemas.js';
import type { StepId } from '../../server/domain/steps.js';

export type { Constraint, FeedbackReport, HistoryItem, LearningPreference, Mode, Move, Need, Statement, StatementEdit, StepId };

/** The `state` frame; `missing` is an announced addition to v1 and may be absent. */
export interface StateFrame {
  type?: 'state';
  seq?: number;
  step: StepId;
  needs: Need[];
  constraints: Constraint[];
  learningPreference: LearningPreference;
  statement: Statement | null;
  missing?: string[];
  /** Addition: set while coaching is paused after words of crisis. */
  paused?: boolean;
}

export interface SessionReadyFrame {
  type: 'session.ready';
  sessionId: string;
  token?: string;
  mode: Mode;
  persona?: string;
  step: StepId;
  steps: StepId[];
  history: HistoryItem[];
  state: StateFrame;
  /** Addition: which engine phrases the replies ("offline" or a model-backed one). */
  engine?: string;
}

export interface AssistantMessageFrame {
  type: 'assistant.message';
  turn: string | number;
  seq: number;
  replyTo?: string;
  role: 'coach' | 'client';
  text: string;
  step: StepId;
  moves: Move[];
}

export type ServerFrame =
  | SessionReadyFrame
  | { type: 'message.accepted'; id: string; seq: number }
  | { type: 'assistant.delta'; turn: string | number; text: string }
  | AssistantMessageFrame
  | (StateFrame & { type: 'state' })
  | { type: 'feedback'; seq: number; report: FeedbackReport }
  /** Addition (demo): after each exchange and each `demo.auto`, whether it plays on and whether it is over. */
  | { type: 'demo.status'; auto?: boolean; exchanges?: number; done?: boolean; reason?: string }
  | { type: 'error'; code: string; message: string; id?: string }
  | { type: 'pong' };

export type ClientFrame =
  | { type: 'session.start'; mode: Mode; persona?: string }
  | { type: 'session.resume'; sessionId: string; token: string; after?: number }
  | { type: 'user.message'; id: string; text: string }
  | { type: 'statement.request' }
  | { type: 'statement.edit'; statement: StatementEdit }
  | { type: 'statement.confirm' }
  | { type: 'step.goto'; step: StepId }
  | { type: 'feedback.request' }
  | { type: 'demo.next' }
  | { type: 'demo.auto'; on: boolean; delayMs?: number }
  | { type: 'ping' };

/** Narrow an unknown parsed JSON value to a frame with a string `type`; anything else is ignored. */
export function isServerFrame(value: unknown): value is ServerFrame {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
