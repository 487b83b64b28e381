import { z } from 'zod';

/** The four coaching steps of the ATD model plus the closing step; ids are fixed by protocol v1. */
export const STEPS = [
  'clarify_agreement',
  'create_partnership',
  'construct_plan',
  'collaborate_challenge',
  'complete',
] as const;

export type StepId = (typeof STEPS)[number];

/** One exit criterion of a step: the guard it names (see process/guards.ts) and what is missing, in words. */
export const ExitCriterionSchema = z.object({ check: z.string().min(1), missing: z.string().trim().min(1) }).strict();

/** content/steps/<step>/step.json: what a coach or trainer edits about a step (its model brief is prompt.md beside it). */
export const StepDefinitionSchema = z
  .object({
    version: z.literal(1),
    title: z.string().trim().min(1),
    /** What the coach says on entering the step. */
    intro: z.string().trim().min(1),
    /** What must be true before the conversation may leave the step going forward. */
    exit: z.array(ExitCriterionSchema),
  })
  .strict();
export type StepDefinition = z.infer<typeof StepDefinitionSchema>;

/** Every step's definition, by id. */
export type StepBook = Record<StepId, StepDefinition>;

/** Validates the step files (one document per step); the message names the step and the field. */
export function parseStepBook(documents: Record<StepId, unknown>): StepBook {
  return Object.fromEntries(
    STEPS.map((step) => {
      const parsed = StepDefinitionSchema.safeParse(documents[step]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`content/steps/${step}/step.json: field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      }
      return [step, parsed.data];
    }),
  ) as StepBook;
}

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
