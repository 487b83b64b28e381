/** The four coaching steps of the ATD model plus the closing step; ids are fixed by protocol v1. */
export const STEPS = [
  'clarify_agreement',
  'create_partnership',
  'construct_plan',
  'collaborate_challenge',
  'complete',
] as const;

export type StepId = (typeof STEPS)[number];

export const STEP_TITLES: Record<StepId, string> = {
  clarify_agreement: 'Clarify the agreement',
  create_partnership: 'Create a partnership',
  construct_plan: 'Construct a development plan',
  collaborate_challenge: 'Collaborate and challenge',
  complete: 'Complete',
};

export function stepIndex(step: StepId): number {
  return STEPS.indexOf(step);
}

export function nextStep(step: StepId): StepId | null {
  const index = stepIndex(step);
  return index < STEPS.length - 1 ? STEPS[index + 1]! : null;
}

export function previousStep(step: StepId): StepId | null {
  const index = stepIndex(step);
  return index > 0 ? STEPS[index - 1]! : null;
}
