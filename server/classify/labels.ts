/** The four main behaviours behind the six labels, and the sub-type splits used in reports. */
import type { UtteranceLabel } from '../domain/schemas.js';

export const BEHAVIOURS = ['question', 'reflection', 'input', 'other'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export function behaviourOf(label: UtteranceLabel): Behaviour {
  if (label === 'question_open' || label === 'question_closed') return 'question';
  if (label === 'reflection_simple' || label === 'reflection_complex') return 'reflection';
  return label;
}
