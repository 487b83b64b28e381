import { loadContent } from '../server/content/load-content.js';
import type { Move } from '../server/domain/schemas.js';
import type { StepId } from '../server/domain/steps.js';
import { offlineEngine } from '../server/phrase/offline-engine.js';
import type { CoachPlan } from '../server/domain/coach-plan.js';
import type { Understanding } from '../server/domain/understanding.js';
import { type SessionState, initialState } from '../server/domain/session-state.js';
import { clientTurn, openingTurn, recordPlan } from '../server/app/turn.js';

/**
 * The server's turn loop without its I/O, for tests and the evaluation: the very `clientTurn`
 * the session service runs (understand → apply → step machine → plan), then the offline
 * phrasing and `recordPlan`. What is measured here is what ships.
 */

/** The shipped content/, read once as the server reads it at start-up. */
export const shippedContent = loadContent();
const coachContent = shippedContent.coach;

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

/** Runs a scripted client through the coach; stops early when the conversation is complete. */
export async function runConversation(messages: string[], options: { stopAtComplete?: boolean } = {}): Promise<DriverResult> {
  let state = initialState('coach');
  let seq = 0;
  const turns: DriverTurn[] = [];
  const opening = openingTurn(coachContent, state);
  const openingText = await phrase(state, opening);
  state = recordPlan(state, opening, openingText.text);
  turns.push({ seq: ++seq, role: 'coach', step: state.step, text: openingText.text, moves: openingText.moves, plan: opening });

  for (const message of messages) {
    if (options.stopAtComplete !== false && state.step === 'complete') break;
    const clientSeq = ++seq;
    turns.push({ seq: clientSeq, role: 'client', step: state.step, text: message });
    const started = performance.now();
    const turn = clientTurn(coachContent, state, { text: message, seq: clientSeq });
    const { plan, understanding } = turn;
    const reply = await phrase(turn.state, plan);
    state = recordPlan(turn.state, plan, reply.text);
    const elapsedMs = performance.now() - started;
    turns.push({ seq: ++seq, role: 'coach', step: state.step, text: reply.text, moves: reply.moves, plan, understanding, elapsedMs });
  }
  return { turns, state };
}
