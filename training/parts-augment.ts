/**
 * The part reader (server/understand/part-kind.ts) judges words in the form a statement part is
 * stored in: "say my opinion when I have it", not "I want to say my opinion when I have it". The
 * writers of training/understanding/parts*.jsonl wrote whole sentences, so each row is also given
 * in every form the coach's own readers would store from it (the goal, sign and experiment
 * readers of server/understand/slots.ts, in the client's voice), with the row's label: an aim
 * stays an aim without its "I want to", and the words a reader would wrongly lift out of a
 * sentence that is no part ("two weeks before I see the coach") are exactly what the gate must refuse.
 */
import { toFirstPerson } from '../server/understand/paraphrase.js';
import { findExperiment, findGoals, findSuccessSignals, goalFromAnswer } from '../server/understand/slots.js';
import type { Slot } from '../server/domain/session-state.js';

export function storedForms(text: string): string[] {
  const slots: (Slot | null)[] = [...findGoals(text, 0), goalFromAnswer(text, 0), ...findSuccessSignals(text, 0, true), findExperiment(text, 0, true)];
  const forms = slots.filter((slot): slot is Slot => slot !== null).map((slot) => slot.own ?? toFirstPerson(slot.text));
  return [...new Set(forms)].filter((form) => form.trim() !== '' && form.trim() !== text.trim());
}

/** The rows and their stored forms, each form with the label and file of its row. */
export function withStoredForms<Row extends { text: string }>(rows: readonly Row[]): Row[] {
  return rows.flatMap((row) => [row, ...storedForms(row.text).map((form) => ({ ...row, text: form }))]);
}
