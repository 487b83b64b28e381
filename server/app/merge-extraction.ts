import type { Need } from '../domain/schemas.js';
import type { SessionState, Slot } from '../domain/session-state.js';
import type { Understanding } from '../domain/understanding.js';

/**
 * Folds a model's extraction of one client message into the state, by a written rule:
 *
 * 1. Nothing goes in while coaching is paused or the safety check question is pending.
 * 2. The offline reading stands: nothing already in the state is removed, reworded or overruled.
 * 3. Only items whose quote was found verbatim in the message arrive here (toUnderstanding checks).
 * 4. A need of a category not heard yet is added as tentative (confidence at most 0.6, not
 *    confirmed), so the coach checks it before relying on it; a category already heard only gains
 *    the quote as evidence. Constraints: the same, by kind.
 * 5. Goals and signs of progress are added when their quote is new (up to the offline caps); the
 *    first experiment and the learning preference only when still unknown.
 * 6. It is not a turn: the turn count, the step, the questions asked, the rolling summary and the
 *    statement are left alone, so the process moves at the same turns whatever the model's speed.
 */
export function mergeExtraction(state: SessionState, extracted: Partial<Understanding>): SessionState {
  if (state.paused || state.safetyCheck) return state;
  const seq = extracted.seq ?? 0;
  const next: SessionState = { ...state };

  const needs: Need[] = state.needs.map((need) => ({ ...need, evidence: [...need.evidence] }));
  for (const heard of extracted.needs ?? []) {
    const existing = needs.find((need) => need.category === heard.category);
    if (existing) {
      if (!existing.evidence.includes(heard.quote)) existing.evidence.push(heard.quote);
      continue;
    }
    needs.push({
      id: `need-${heard.category}`,
      category: heard.category,
      summary: heard.summary,
      evidence: [heard.quote],
      confidence: Math.min(TENTATIVE, heard.confidence),
      confirmed: false,
      seq,
    });
  }
  next.needs = needs;

  const constraints = state.constraints.map((constraint) => ({ ...constraint, evidence: [...constraint.evidence] }));
  for (const heard of extracted.constraints ?? []) {
    const existing = constraints.find((constraint) => constraint.kind === heard.kind);
    if (existing) {
      if (!existing.evidence.includes(heard.quote)) existing.evidence.push(heard.quote);
    } else {
      constraints.push({ kind: heard.kind, summary: heard.summary, evidence: [heard.quote], seq });
    }
  }
  next.constraints = constraints;

  next.goals = addNewSlots(state.goals, extracted.goals ?? [], SLOT_CAP);
  next.successSignals = addNewSlots(state.successSignals, extracted.successSignals ?? [], SLOT_CAP);
  if (!state.experiment && extracted.experiment) next.experiment = extracted.experiment;
  if (state.learningPreference === null && extracted.learningPreference) next.learningPreference = extracted.learningPreference;
  return next;
}

/** A model's reading of a need is a hint to check, never a certainty. */
const TENTATIVE = 0.6;
/** The offline reading keeps at most four goals and four signs; so does this. */
const SLOT_CAP = 4;

function addNewSlots(slots: Slot[], heard: Slot[], cap: number): Slot[] {
  const merged = [...slots];
  for (const slot of heard) {
    if (merged.length >= cap) break;
    const quote = slot.quote.toLowerCase();
    if (!merged.some((existing) => existing.quote.toLowerCase().includes(quote) || quote.includes(existing.quote.toLowerCase()))) merged.push(slot);
  }
  return merged;
}
