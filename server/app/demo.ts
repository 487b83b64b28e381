import { sessionPersona } from './persona-catalog.js';
import type { UtteranceClassifier } from '../classify/classifier.js';
import type { CoachContent } from '../policy/coach-content.js';
import type { CoachPlan } from '../domain/coach-plan.js';
import type { UtteranceLabel } from '../domain/schemas.js';
import { annotateForTrainers, type DemoAnnotations } from '../persona/demo-annotations.js';
import type { StepId } from '../domain/steps.js';
import { AppError } from '../errors.js';
import { pickLine, recordClientLine, simulateClient } from '../persona/client-simulator.js';
import type { Persona, PersonaBank } from '../persona/persona-bank.js';
import type { RehearsalState } from '../domain/rehearsal.js';
import { storedTurnEvent, type EventSink } from './session-events.js';
import { rehearsalOf } from './rehearse.js';
import type { SessionIO } from './session-io.js';
import type { SessionState } from '../domain/session-state.js';
import { clientTurn } from './turn.js';

/** A demo ends at the close, or after this many exchanges if the close is never reached. */
export const MAX_DEMO_EXCHANGES = 40;

export interface DemoProgress {
  /** Client lines played so far. */
  exchanges: number;
  /** The conversation reached `complete` (or the exchange limit): nothing more to play. */
  done: boolean;
}

type DemoKey = keyof Persona['demo'];

/**
 * What the persona says in each step of a demo, in order: lines the coach can hear, and
 * `listen` where the client answers the coach's last turn as in a rehearsal (revealing a need
 * when it is invited). The position is the number of client turns in the step.
 */
const SCRIPT: Record<StepId, (DemoKey | 'listen')[]> = {
  clarify_agreement: ['purpose', 'time', 'consent'],
  create_partnership: ['listen', 'goal', 'listen', 'success', 'listen', 'learning', 'strength', 'listen', 'experiment'],
  construct_plan: ['action', 'measure'],
  collaborate_challenge: ['commitment', 'confidence', 'obstacle', 'checkIn'],
  complete: [],
};

export function demoProgress(state: SessionState): DemoProgress {
  const exchanges = rehearsalOf(state).turns;
  return { exchanges, done: state.step === 'complete' || exchanges >= MAX_DEMO_EXCHANGES };
}

/**
 * The persona's next line in a demo, purely: a draft statement is agreed to; otherwise the
 * step's script decides, and past its end the client answers like a rehearsal client.
 */
export function demoClientLine(
  persona: Persona,
  state: SessionState,
  coach: { text: string; label: UtteranceLabel; seq: number },
): { line: string; rehearsal: RehearsalState; revealed?: string } {
  const rehearsal = rehearsalOf(state);
  const scripted = (line: string | null) => (line ? { line, rehearsal: recordClientLine(rehearsal, line) } : null);
  if (state.step === 'create_partnership' && state.statement?.status === 'draft') {
    // A draft with a part missing was shown to ask for that part: the persona gives it, as a
    // client would; a complete draft is agreed to.
    const statement = state.statement;
    const missing: DemoKey | null = statement.goals.length === 0 ? 'goal' : statement.successIndicators.length === 0 ? 'success' : statement.firstExperiment.trim() === '' ? 'experiment' : null;
    if (missing === null) {
      const agreed = scripted(pickLine(persona.agreement, rehearsal));
      if (agreed) return agreed;
    } else if (!rehearsal.used.includes(persona.demo[missing])) return { line: persona.demo[missing], rehearsal: recordClientLine(rehearsal, persona.demo[missing]) };
  }
  const script = SCRIPT[state.step];
  for (const entry of script.slice(state.turnsInStep)) {
    if (entry === 'listen') break;
    const line = persona.demo[entry];
    if (!rehearsal.used.includes(line)) return { line, rehearsal: recordClientLine(rehearsal, line) };
  }
  const simulated = simulateClient(persona, rehearsal, coach);
  return { line: simulated.reply, rehearsal: simulated.state, ...(simulated.revealed ? { revealed: simulated.revealed } : {}) };
}

/**
 * Demo mode: the bot plays both sides. Each exchange is the persona's line (role `client`) and
 * the offline coach's answer (role `coach`, every move annotated for trainers), both stored.
 * Callers hold the session's lock.
 */
export class DemoRunner {
  constructor(
    private readonly io: SessionIO,
    private readonly coach: CoachContent,
    private readonly personas: PersonaBank,
    private readonly classifier: UtteranceClassifier,
    private readonly annotations: DemoAnnotations,
  ) {}

  progress(state: SessionState): DemoProgress {
    return demoProgress(state);
  }

  async next(sessionId: string, state: SessionState, sink: EventSink, signal?: AbortSignal): Promise<DemoProgress> {
    if (demoProgress(state).done) throw new AppError('conflict', 'the demo is complete; start a new one to watch again');
    const [last] = await this.io.store.listEvents(sessionId, 0, ['message'], 1);
    let current = state;
    let client: { text: string; seq: number };
    if (last && last.role === 'client') {
      // The coach's answer to the last line was lost (a crash mid-exchange): answer it now.
      client = { text: last.text, seq: last.seq };
    } else {
      const persona = sessionPersona(this.personas, state);
      const coachText = last?.text ?? '';
      const { label } = this.classifier.classify({ text: coachText, previousClient: rehearsalOf(state).lastClientLine });
      const chosen = demoClientLine(persona, state, { text: coachText, label, seq: last?.seq ?? 0 });
      const stored = await this.io.sayText(sessionId, { role: 'client', text: chosen.line, step: state.step, moves: [] }, sink);
      current = { ...state, rehearsal: chosen.rehearsal };
      await this.io.store.saveState(sessionId, current);
      client = { text: chosen.line, seq: stored.seq };
    }
    const turn = clientTurn(this.coach, current, client);
    const recent = await this.io.recent(sessionId);
    const next = await this.io.speak(sessionId, turn.state, annotateForTrainers(turn.plan, this.annotations), { message: client, recent, sink, ...(signal ? { signal } : {}) });
    return demoProgress(next);
  }
}
