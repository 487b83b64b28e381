import type { Statement, StatementEdit } from '../domain/schemas.js';
import { nextStep, previousStep, stepIndex, STEPS, type StepBook, type StepId } from '../domain/steps.js';
import { missingForStep } from './guards.js';
import type { SessionState, Transition } from '../domain/session-state.js';

/** Everything that can change the process of a session, apart from understanding a message. */
export type MachineEvent =
  | { type: 'goto'; to: StepId; by: 'client' | 'coach'; seq: number }
  | { type: 'next'; by: 'client' | 'coach'; seq: number }
  | { type: 'back'; by: 'client' | 'coach'; seq: number }
  /** Move forward one step when the current step's exit criteria are met (after the page confirms the statement). */
  | { type: 'advance_if_ready'; seq: number }
  /**
   * After a client turn, the machine's auto-advance rule: answers given ahead of the process may
   * meet the next steps' exit criteria too, so it moves on while they are met, at most
   * AUTO_ADVANCE_STEPS steps, and never into `holdBefore` (an obstacle voiced in the turn that
   * would close the session gets its challenge turn first).
   */
  | { type: 'settle'; seq: number; holdBefore?: StepId }
  | { type: 'statement.set'; statement: Statement }
  | { type: 'statement.edit'; edit: StatementEdit }
  | { type: 'statement.confirm' }
  /** The client wants to end here: the conversation closes whatever is still missing (the statement stays as it stands). */
  | { type: 'close'; by: 'client'; seq: number };

/** What the session service must do or say because of a transition; the machine itself runs nothing. */
export type Effect =
  | { type: 'transitioned'; transition: Transition }
  | { type: 'refused'; to: StepId; missing: string[]; reason: string }
  | { type: 'unchanged'; reason: string }
  | { type: 'statement.changed'; status: Statement['status'] };

export interface TransitionResult {
  state: SessionState;
  effects: Effect[];
}

/**
 * The pure transition function: the next state and the effects to run. Moving back is always
 * allowed; moving forward needs every step passed over to have met its exit criteria.
 */
export function transition(steps: StepBook, state: SessionState, event: MachineEvent): TransitionResult {
  switch (event.type) {
    case 'goto':
      return gotoStep(steps, state, event.to, event.by, event.seq);
    case 'next': {
      const to = nextStep(state.step);
      return to ? gotoStep(steps, state, to, event.by, event.seq) : unchanged(state, 'the conversation is already complete');
    }
    case 'back': {
      const to = previousStep(state.step);
      return to ? gotoStep(steps, state, to, event.by, event.seq) : unchanged(state, 'this is already the first step');
    }
    case 'advance_if_ready':
      return advanceIfReady(steps, state, event.seq);
    case 'settle': {
      let result: TransitionResult = { state, effects: [] };
      for (let count = 0; count < AUTO_ADVANCE_STEPS && nextStep(result.state.step) !== (event.holdBefore ?? null); count += 1) {
        const advanced = advanceIfReady(steps, result.state, event.seq);
        if (advanced.effects.length === 0) break;
        result = { state: advanced.state, effects: [...result.effects, ...advanced.effects] };
      }
      return result;
    }
    case 'statement.set':
      return setStatement(state, event.statement);
    case 'statement.edit':
      return editStatement(state, event.edit);
    case 'statement.confirm':
      return confirmStatement(state);
    case 'close':
      return state.step === 'complete' ? unchanged(state, 'the conversation is already complete') : move(state, 'complete', event.by, event.seq, 'the client chose to stop here');
  }
}

/** How many steps one client turn may move on by itself (see the `settle` event). */
export const AUTO_ADVANCE_STEPS = 3;

function advanceIfReady(steps: StepBook, state: SessionState, seq: number): TransitionResult {
  const to = nextStep(state.step);
  if (!to || missingForStep(steps, state.step, state).length > 0) return { state, effects: [] };
  return move(state, to, 'coach', seq, `exit criteria of "${steps[state.step].title}" met`);
}

function gotoStep(steps: StepBook, state: SessionState, to: StepId, by: 'client' | 'coach', seq: number): TransitionResult {
  const from = state.step;
  if (to === from) return unchanged(state, `already in "${steps[to].title}"`);
  if (stepIndex(to) < stepIndex(from)) {
    return move(state, to, by, seq, `${by} asked to go back to "${steps[to].title}"`);
  }
  for (const step of STEPS.slice(stepIndex(from), stepIndex(to))) {
    const missing = missingForStep(steps, step, state);
    if (missing.length > 0) {
      return {
        state,
        effects: [
          { type: 'refused', to, missing, reason: `"${steps[step].title}" still needs ${missing.join(' and ')}` },
        ],
      };
    }
  }
  return move(state, to, by, seq, `${by} asked to move on to "${steps[to].title}"; exit criteria met`);
}

function move(state: SessionState, to: StepId, by: 'client' | 'coach', seq: number, reason: string): TransitionResult {
  const record: Transition = { from: state.step, to, reason, by, seq };
  return {
    state: { ...state, step: to, turnsInStep: 0, transitions: [...state.transitions, record] },
    effects: [{ type: 'transitioned', transition: record }],
  };
}

function unchanged(state: SessionState, reason: string): TransitionResult {
  return { state, effects: [{ type: 'unchanged', reason }] };
}

/** Drafts or refreshes the statement, keeping the fields the client edited by hand. */
function setStatement(state: SessionState, drafted: Statement): TransitionResult {
  const previous = state.statement;
  const edited = new Set(previous?.editedFields ?? []);
  const merged: Statement = { ...drafted, status: 'draft', editedFields: [...edited] };
  if (previous) {
    for (const field of edited) (merged as Record<string, unknown>)[field] = (previous as Record<string, unknown>)[field];
  }
  return { state: { ...state, statement: merged }, effects: [{ type: 'statement.changed', status: 'draft' }] };
}

/** A client's edit is their own wording: it keeps the status (a confirmed statement stays confirmed). */
function editStatement(state: SessionState, edit: StatementEdit): TransitionResult {
  if (!state.statement) return unchanged(state, 'there is no statement to edit yet');
  const fields = Object.keys(edit);
  const edited = new Set([...(state.statement.editedFields ?? []), ...fields]);
  const statement: Statement = { ...state.statement, ...edit, editedFields: [...edited] };
  return { state: { ...state, statement }, effects: [{ type: 'statement.changed', status: statement.status }] };
}

function confirmStatement(state: SessionState): TransitionResult {
  if (!state.statement) return unchanged(state, 'there is no statement to confirm yet');
  if (state.statement.status === 'confirmed') return unchanged(state, 'the statement is already confirmed');
  const statement: Statement = { ...state.statement, status: 'confirmed' };
  return { state: { ...state, statement }, effects: [{ type: 'statement.changed', status: 'confirmed' }] };
}

/** Runs several events in order, collecting their effects. */
export function transitionAll(steps: StepBook, state: SessionState, events: MachineEvent[]): TransitionResult {
  let current = state;
  const effects: Effect[] = [];
  for (const event of events) {
    const result = transition(steps, current, event);
    current = result.state;
    effects.push(...result.effects);
  }
  return { state: current, effects };
}
