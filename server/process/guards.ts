import type { StepId } from '../domain/steps.js';
import type { SessionState } from '../domain/session-state.js';

/**
 * Exit criteria of each step, as data: each names what must be true before the conversation may
 * leave the step going forward, and says in words what is still missing.
 */
export const EXIT_CRITERIA: Record<StepId, { id: string; missing: string; met: (state: SessionState) => boolean }[]> = {
  clarify_agreement: [
    { id: 'purpose', missing: 'what this conversation is for', met: (state) => state.agreement.purpose !== null },
    { id: 'consent', missing: 'your agreement to go on', met: (state) => state.agreement.consent },
  ],
  create_partnership: [
    { id: 'statement_drafted', missing: 'a draft partnership statement', met: (state) => state.statement !== null },
    {
      id: 'statement_confirmed',
      missing: 'your confirmation (or edit) of the partnership statement',
      met: (state) => state.statement?.status === 'confirmed',
    },
  ],
  construct_plan: [
    {
      id: 'dated_action',
      missing: 'at least one action with a date and a way to see progress',
      met: (state) => state.plan.some((action) => action.byWhen !== null && action.measure !== null),
    },
  ],
  collaborate_challenge: [
    { id: 'commitment', missing: 'your commitment to the plan', met: (state) => state.commitment !== null },
    { id: 'check_in', missing: 'a check-in rhythm', met: (state) => state.checkIn !== null },
  ],
  complete: [],
};

/** What is still missing before `step` may be left going forward; empty when its exit criteria are met. */
export function missingForStep(step: StepId, state: SessionState): string[] {
  return EXIT_CRITERIA[step].filter((criterion) => !criterion.met(state)).map((criterion) => criterion.missing);
}
