import type { Move } from '../server/domain/schemas.js';
import type { SessionState } from '../server/domain/session-state.js';
import { contentWords, normalize, splitSentences } from '../server/understand/text.js';
import type { DriverTurn } from './driver.js';

/**
 * The figures the coach is held to, computed from a driven conversation: question openness and
 * reflection share in the partnership step (from the coach's own moves), capture of the labelled
 * needs, constraints and learning preference, repeats, and statement completeness/traceability.
 */

export const QUESTION_KINDS = new Set<Move['kind']>(['open_question', 'closed_question', 'needs_check']);
export const REFLECTION_KINDS = new Set<Move['kind']>(['simple_reflection', 'complex_reflection', 'summary']);
const OPEN_START = /^(?:what|how|which|where|when|who|why|tell me|in what way)\b/i;

/** Whether a needs check is worded as an open question (its last question sentence starts with what/how…). */
function openlyWorded(text: string): boolean {
  const questions = text.match(/[^.!?]+\?/g) ?? [];
  const last = questions[questions.length - 1]?.trim() ?? '';
  return OPEN_START.test(last);
}

export interface PartnershipFigures {
  coachTurns: number;
  questions: number;
  openQuestions: number;
  reflections: number;
  turnsReflectingContent: number;
}

export function partnershipFigures(turns: DriverTurn[]): PartnershipFigures {
  const figures: PartnershipFigures = { coachTurns: 0, questions: 0, openQuestions: 0, reflections: 0, turnsReflectingContent: 0 };
  turns.forEach((turn, index) => {
    if (turn.role !== 'coach' || turn.step !== 'create_partnership' || !turn.plan) return;
    const client = turns[index - 1];
    if (!client || client.role !== 'client') return;
    figures.coachTurns++;
    let reflectsContent = false;
    const clientWords = new Set(contentWords(client.text));
    for (const move of turn.plan.moves) {
      if (QUESTION_KINDS.has(move.kind)) {
        figures.questions++;
        if (move.kind === 'open_question' || (move.kind === 'needs_check' && openlyWorded(move.text))) figures.openQuestions++;
      }
      if (REFLECTION_KINDS.has(move.kind)) {
        figures.reflections++;
        // A reflection counts as the client's own content only when it shares a content word with what they just said.
        if (contentWords(move.text).some((word) => clientWords.has(word))) reflectsContent = true;
      }
    }
    if (reflectsContent) figures.turnsReflectingContent++;
  });
  return figures;
}

/**
 * Whether a piece of evidence is the labelled quote: one contains the other, or the evidence
 * holds most of the quote's content words. A quote that runs over two sentences ("I cannot
 * contact headquarters directly. All must go through my manager") is matched sentence by
 * sentence, since the coach keeps one sentence per piece of evidence.
 */
function overlaps(evidence: string, quote: string): boolean {
  const parts = splitSentences(quote).filter((part) => contentWords(part).length >= 3);
  return overlapsOne(evidence, quote) || (parts.length > 1 && parts.some((part) => overlapsOne(evidence, part)));
}

function overlapsOne(evidence: string, quote: string): boolean {
  const first = normalize(evidence);
  const second = normalize(quote);
  if (first.includes(second) || second.includes(first)) return true;
  const a = new Set(contentWords(first));
  const b = contentWords(second);
  const shared = b.filter((word) => a.has(word)).length;
  return b.length > 0 && shared / b.length >= 0.6;
}

export interface CaptureFigures {
  needsTruth: number;
  needsCaptured: number;
  needsExtra: number;
  constraintsTruth: number;
  constraintsCaptured: number;
  learningTruth: number;
  learningCorrect: number;
}

export interface Truth {
  needs: { category: string; quote: string }[];
  constraints: { kind: string; quote: string }[];
  learningPreference: string | null;
}

export function captureFigures(state: SessionState, truth: Truth): CaptureFigures {
  const needsCaptured = truth.needs.filter((need) => state.needs.some((found) => found.category === need.category && found.evidence.some((evidence) => overlaps(evidence, need.quote)))).length;
  const truthCategories = new Set(truth.needs.map((need) => need.category));
  const needsExtra = state.needs.filter((found) => !truthCategories.has(found.category)).length;
  const constraintsCaptured = truth.constraints.filter((constraint) =>
    state.constraints.some((found) => found.kind === constraint.kind && found.evidence.some((evidence) => overlaps(evidence, constraint.quote))),
  ).length;
  return {
    needsTruth: truth.needs.length,
    needsCaptured,
    needsExtra,
    constraintsTruth: truth.constraints.length,
    constraintsCaptured,
    learningTruth: truth.learningPreference ? 1 : 0,
    learningCorrect: truth.learningPreference && state.learningPreference === truth.learningPreference ? 1 : 0,
  };
}

/** Question sentences said more than once, verbatim, in one session. */
export function repeatedQuestions(turns: DriverTurn[]): string[] {
  const seen = new Map<string, number>();
  for (const turn of turns) {
    if (turn.role !== 'coach') continue;
    for (const question of turn.text.match(/[^.!?]+\?/g) ?? []) {
      const key = normalize(question);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  return [...seen.entries()].filter(([, count]) => count > 1).map(([question]) => question);
}

export interface StatementFigures {
  drafted: boolean;
  confirmed: boolean;
  complete: boolean;
  traceable: boolean;
  missing: string[];
}

export function statementFigures(state: SessionState, turns: DriverTurn[]): StatementFigures {
  const statement = state.statement;
  if (!statement) return { drafted: false, confirmed: false, complete: false, traceable: false, missing: ['statement'] };
  const missing: string[] = [];
  if (statement.goals.length === 0) missing.push('goals');
  if (statement.needs.length === 0) missing.push('needs');
  if (statement.successIndicators.length === 0) missing.push('successIndicators');
  if (!statement.firstExperiment) missing.push('firstExperiment');
  const clientBySeq = new Map(turns.filter((turn) => turn.role === 'client').map((turn) => [turn.seq, turn.text]));
  const fields = ['goals', 'needs', 'successIndicators', 'firstExperiment'];
  const traced = fields.every((field) => {
    const empty = field === 'firstExperiment' ? !statement.firstExperiment : (statement[field as 'goals'] as string[]).length === 0;
    if (empty) return true;
    const sources = statement.sources.filter((source) => source.field === field);
    return sources.length > 0 && sources.every((source) => (clientBySeq.get(source.seq) ?? '').includes(source.quote));
  });
  return { drafted: true, confirmed: statement.status === 'confirmed', complete: missing.length === 0, traceable: traced, missing };
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** One label per coach turn, like an MI coder: a turn holding a question is a question turn. */
export type TurnLabel = 'question_open' | 'question_closed' | 'reflection' | 'other';

export interface TurnFigures {
  turns: number;
  questionTurns: number;
  openQuestionTurns: number;
  reflectionTurns: number;
}

function emptyTurnFigures(): TurnFigures {
  return { turns: 0, questionTurns: 0, openQuestionTurns: 0, reflectionTurns: 0 };
}

function countLabel(figures: TurnFigures, label: TurnLabel): void {
  figures.turns++;
  if (label === 'question_open' || label === 'question_closed') figures.questionTurns++;
  if (label === 'question_open') figures.openQuestionTurns++;
  if (label === 'reflection') figures.reflectionTurns++;
}

/** The partnership-step coach turns that answer a client message, each with that message. */
function partnershipTurns(turns: DriverTurn[]): { coach: DriverTurn; client: DriverTurn }[] {
  const pairs: { coach: DriverTurn; client: DriverTurn }[] = [];
  turns.forEach((turn, index) => {
    if (turn.role !== 'coach' || turn.step !== 'create_partnership' || !turn.plan) return;
    const client = turns[index - 1];
    if (client && client.role === 'client') pairs.push({ coach: turn, client });
  });
  return pairs;
}

/** The label a turn gets from its own planned moves: any question makes it a question turn. */
export function moveTurnLabel(moves: readonly { kind: Move['kind']; text?: string }[]): TurnLabel {
  const question = moves.find((move) => QUESTION_KINDS.has(move.kind));
  if (question) return question.kind === 'open_question' || (question.kind === 'needs_check' && openlyWorded(question.text ?? '')) ? 'question_open' : 'question_closed';
  if (moves.some((move) => REFLECTION_KINDS.has(move.kind))) return 'reflection';
  return 'other';
}

/** Per-turn figures of the partnership step from the coach's own moves. */
export function moveTurnFigures(turns: DriverTurn[]): TurnFigures {
  const figures = emptyTurnFigures();
  for (const { coach } of partnershipTurns(turns)) countLabel(figures, moveTurnLabel(coach.plan!.moves));
  return figures;
}

/**
 * Per-turn figures of the partnership step from an independent utterance classifier (the
 * project's offline MI classifier), each coach turn read with the client message it answers.
 */
export function classifierTurnFigures(turns: DriverTurn[], classify: (input: { text: string; previousClient: string }) => { label: string }): TurnFigures {
  const figures = emptyTurnFigures();
  for (const { coach, client } of partnershipTurns(turns)) {
    const label = classify({ text: coach.text, previousClient: client.text }).label;
    countLabel(figures, label === 'question_open' ? 'question_open' : label === 'question_closed' ? 'question_closed' : label.startsWith('reflection') ? 'reflection' : 'other');
  }
  return figures;
}

/** Adds each of part's figures to the total of the same name (the total may keep more figures than part has). */
export function addFigures<K extends string>(total: Record<NoInfer<K>, number>, part: Record<K, number>): void {
  for (const key of Object.keys(part) as K[]) total[key] += part[key];
}

