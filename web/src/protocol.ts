/**
 * Frames of protocol v1 as the page sees them. Every shape is imported as a type only from the
 * server's own modules, so the page and the server cannot drift apart; type-only imports are erased
 * by the build, so no server or zod code is bundled.
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
import type { ClientFrame } from '../../server/protocol/client-frames.js';
import type { ServerFrame, StateView } from '../../server/protocol/server-frames.js';

export type { ClientFrame, Constraint, FeedbackReport, HistoryItem, LearningPreference, Mode, Move, Need, ServerFrame, Statement, StatementEdit, StepId };

/** The body of a `state` frame (also inside `session.ready`). */
export type StateFrame = StateView;
export type SessionReadyFrame = Extract<ServerFrame, { type: 'session.ready' }>;
export type AssistantMessageFrame = Extract<ServerFrame, { type: 'assistant.message' }>;

/** Narrow an unknown parsed JSON value to a frame with a string `type`; anything else is ignored. */
export function isServerFrame(value: unknown): value is ServerFrame {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
