import type { Constraint, LearningPreference, Need, Statement } from './schemas.js';
import type { StepId } from './steps.js';

/** What a client sees of a session's state: the `state` frame's body (without type and seq), also in session.ready and GET /api/sessions/:id. */
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

