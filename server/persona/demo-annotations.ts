import { z } from 'zod';
import type { CoachPlan } from '../domain/coach-plan.js';
import { CONSTRAINT_KINDS, MOVE_KINDS, NEED_CATEGORIES } from '../domain/schemas.js';

const words = z.string().trim().min(1).max(200);

/**
 * What a demonstration says about each coach move, in words people use (content/demo/annotations.json):
 * what each technique does, and plain names for the need categories and limits the policy's labels
 * name by id ("links back to the need: work_life_balance").
 */
export const DemoAnnotationsSchema = z
  .object({
    techniques: z.object(Object.fromEntries(MOVE_KINDS.map((kind) => [kind, words])) as Record<(typeof MOVE_KINDS)[number], typeof words>).strict(),
    needs: z.object(Object.fromEntries(NEED_CATEGORIES.map((category) => [category, words])) as Record<(typeof NEED_CATEGORIES)[number], typeof words>).strict(),
    limits: z.object(Object.fromEntries(CONSTRAINT_KINDS.map((kind) => [kind, words])) as Record<(typeof CONSTRAINT_KINDS)[number], typeof words>).strict(),
  })
  .strict();
export type DemoAnnotations = z.infer<typeof DemoAnnotationsSchema>;

/** Replaces every need category or limit id in a label ("need: work_life_balance", "limit: time", any snake_case id) with its plain words. */
export function inPlainWords(text: string, annotations: DemoAnnotations): string {
  const needs = annotations.needs as Record<string, string>;
  const limits = annotations.limits as Record<string, string>;
  return text
    .replace(/\b(need|limit): ([a-z]+(?:_[a-z]+)*)/g, (whole, kind: string, id: string) => {
      const plain = (kind === 'need' ? needs : limits)[id];
      return plain ? `${kind}: ${plain}` : whole;
    })
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (id) => needs[id] ?? limits[id] ?? id.replace(/_/g, ' '));
}

/** The coach's plan with a trainer's note on every move (a note the policy set is kept after it), all in plain words. */
export function annotateForTrainers(plan: CoachPlan, annotations: DemoAnnotations): CoachPlan {
  return {
    ...plan,
    moves: plan.moves.map((move) => {
      const technique = annotations.techniques[move.kind];
      return {
        ...move,
        ...(move.label ? { label: inPlainWords(move.label, annotations) } : {}),
        note: move.note ? `${technique} (${inPlainWords(move.note, annotations)})` : technique,
      };
    }),
  };
}
