import type { Move } from '../server/domain/schemas.js';
import { nextStep, previousStep, type StepId } from '../server/domain/steps.js';
import { applyUnderstanding } from '../server/coach/apply.js';
import { offlineEngine } from '../server/coach/offline-engine.js';
import { type PlanContext, openingPlan, planTurn } from '../server/coach/policy.js';
import { recordCoachTurn } from '../server/coach/record.js';
import type { CoachPlan, Understanding } from '../server/coach/types.js';
import { understand } from '../server/coach/understand.js';
import { missingForStep } from '../server/session/guards.js';
import { type SessionState, initialState } from '../server/session/state.js';

/**
 * A stand-in for the server's turn loop, for tests and the evaluation: understand → apply → a
 * minimal step machine (advance when the exit criteria are met, move on or go back on request,
 * refuse with what is missing) → plan → phrase → record. The real machine lives in server/session.
 */

export interface DriverTurn {
  seq: number;
  role: 'coach' | 'client';
  step: StepId;
  text: string;
  moves?: Move[];
  plan?: CoachPlan;
  understanding?: Understanding;
  /** Milliseconds spent on understand + apply + plan + phrase for this client turn. */
  elapsedMs?: number;
}

export interface DriverResult {
  turns: DriverTurn[];
  state: SessionState;
}

async function phrase(state: SessionState, plan: CoachPlan): Promise<{ text: string; moves: Move[] }> {
  let text = '';
  let moves: Move[] = [];
  for await (const part of offlineEngine.phrase({ state, recent: [], message: null, plan })) {
    if (part.type === 'finish') {
      text = part.text;
      moves = part.moves;
    }
  }
  return { text, moves };
}

function moveTo(state: SessionState, to: StepId, seq: number, reason: string): SessionState {
  return { ...state, step: to, turnsInStep: 0, transitions: [...state.transitions, { from: state.step, to, reason, by: 'client', seq }] };
}

/** Runs a scripted client through the coach; stops early when the conversation is complete. */
export async function runConversation(messages: string[], options: { stopAtComplete?: boolean } = {}): Promise<DriverResult> {
  let state = initialState('coach');
  let seq = 0;
  const turns: DriverTurn[] = [];
  const opening = openingPlan(state);
  const openingText = await phrase(state, opening);
  state = recordCoachTurn(state, opening, openingText.text);
  turns.push({ seq: ++seq, role: 'coach', step: state.step, text: openingText.text, moves: openingText.moves, plan: opening });

  for (const message of messages) {
    if (options.stopAtComplete !== false && state.step === 'complete') break;
    const clientSeq = ++seq;
    turns.push({ seq: clientSeq, role: 'client', step: state.step, text: message });
    const started = performance.now();
    const understanding = understand(message, clientSeq, state);
    state = applyUnderstanding(state, understanding);
    const context: PlanContext = {};
    if (!understanding.safety && !state.paused) {
      const missing = missingForStep(state.step, state);
      const forward = nextStep(state.step);
      if (understanding.intent === 'go_back') {
        const back = previousStep(state.step);
        if (back) {
          context.transition = { from: state.step, to: back, reason: 'client asked to go back' };
          state = moveTo(state, back, clientSeq, 'client asked to go back');
        }
      } else if (forward && missing.length === 0) {
        context.transition = { from: state.step, to: forward, reason: 'exit criteria met' };
        state = moveTo(state, forward, clientSeq, 'exit criteria met');
      } else if (forward && understanding.intent === 'move_on') {
        context.refused = { to: forward, missing };
      }
    }
    const plan = planTurn(state, understanding, context);
    const reply = await phrase(state, plan);
    state = recordCoachTurn(state, plan, reply.text);
    const elapsedMs = performance.now() - started;
    turns.push({ seq: ++seq, role: 'coach', step: state.step, text: reply.text, moves: reply.moves, plan, understanding, elapsedMs });
  }
  return { turns, state };
}
