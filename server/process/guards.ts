import type { StepBook, StepId } from '../domain/steps.js';
import type { SessionState } from '../domain/session-state.js';

/**
 * The guards a step's exit criteria name (content/steps/<step>/step.json, `exit[].check`): each says
 * whether one thing the step needs is there. The wording of what is missing lives in the step file.
 */
export const EXIT_CHECKS: Record<string, (state: SessionState) => boolean> = {
  purpose: (state) => state.agreement.purpose !== null,
  consent: (state) => state.agreement.consent,
  statement_drafted: (state) => state.statement !== null,
  statement_confirmed: (state) => state.statement?.status === 'confirmed',
  dated_action: (state) => state.plan.some((action) => action.byWhen !== null && action.measure !== null),
  commitment: (state) => state.commitment !== null,
  check_in: (state) => state.checkIn !== null,
};

/** Throws when a step file names a guard that does not exist (checked at start-up). */
export function checkExitCriteria(steps: StepBook): void {
  for (const [step, definition] of Object.entries(steps)) {
    for (const criterion of definition.exit) {
      if (!EXIT_CHECKS[criterion.check]) throw new Error(`content/steps/${step}/step.json: unknown exit check "${criterion.check}" (known: ${Object.keys(EXIT_CHECKS).join(', ')})`);
    }
  }
}

/** What is still missing before `step` may be left going forward; empty when its exit criteria are met. */
export function missingForStep(steps: StepBook, step: StepId, state: SessionState): string[] {
  return steps[step].exit.filter((criterion) => !EXIT_CHECKS[criterion.check]!(state)).map((criterion) => criterion.missing);
}
