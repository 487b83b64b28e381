import { sessionPersona } from './persona-catalog.js';
import { randomUUID } from 'node:crypto';
import type { UtteranceClassifier } from '../classify/classifier.js';
import { simulateClient, recordClientLine } from '../persona/client-simulator.js';
import type { PersonaBank } from '../persona/persona-bank.js';
import { initialRehearsal, type RehearsalState } from '../domain/rehearsal.js';
import { storedTurnEvent, type EventSink } from './session-events.js';
import type { SessionIO } from './session-io.js';
import type { SessionState } from '../domain/session-state.js';
import type { SafetyContent } from '../understand/safety-content.js';
import { toMove } from '../phrase/offline-engine.js';
import { checkQuestion, checkQuote, readCheckAnswer, safetyMove, wantsToGoOn } from '../understand/safety.js';
import type { HelpKind } from '../understand/crisis-screen.js';
import type { PlannedMove } from '../domain/coach-plan.js';

/** The persona's runtime state of a session (older snapshots may lack it). */
export function rehearsalOf(state: SessionState): RehearsalState {
  return state.rehearsal ?? initialRehearsal(state.persona ?? '');
}

/**
 * Rehearse mode: the person is the coach and the bot a client with hidden needs. The person's
 * turns are stored with role `coach`, the client's with role `client`, so the transcript reads
 * right. Callers hold the session's lock.
 */
export class RehearseRunner {
  constructor(
    private readonly io: SessionIO,
    private readonly personas: PersonaBank,
    private readonly classifier: UtteranceClassifier,
    private readonly safety: SafetyContent,
  ) {}

  /** The client opens with its first words. */
  async opening(sessionId: string, state: SessionState, sink: EventSink): Promise<void> {
    const persona = sessionPersona(this.personas, state);
    await this.io.sayText(sessionId, { role: 'client', text: persona.opening, step: state.step, moves: [] }, sink);
    const rehearsal = recordClientLine(rehearsalOf(state), persona.opening);
    await this.io.saveAndEmitState(sessionId, { ...state, rehearsal }, sink);
  }

  /**
   * One turn of the person's coaching: durable first (role `coach`), labelled by the offline
   * classifier against the client's previous line, answered by the simulated client. A resent id
   * is stored once; its stored answer is sent again (or produced if it was lost).
   */
  async userMessage(sessionId: string, state: SessionState, message: { id: string; text: string }, sink: EventSink): Promise<void> {
    const store = this.io.store;
    const appended = await store.appendMessage(sessionId, { role: 'coach', text: message.text, step: state.step, clientMessageId: message.id });
    sink({ type: 'message.accepted', id: message.id, seq: appended.seq });
    let text = message.text;
    if (appended.duplicate) {
      const events = await store.listEvents(sessionId, appended.seq - 1, ['message']);
      const answer = events.find((event) => event.replyTo === message.id);
      if (answer) {
        sink(storedTurnEvent(answer, randomUUID()));
        return;
      }
      text = events.find((event) => event.seq === appended.seq)?.text ?? text;
    }
    // The person's own words are screened first (a coach's risk question to the client is not theirs).
    if (await this.safetyTurn(sessionId, state, { id: message.id, text, seq: appended.seq }, sink)) return;
    const persona = sessionPersona(this.personas, state);
    const rehearsal = rehearsalOf(state);
    const { label } = this.classifier.classify({ text, previousClient: rehearsal.lastClientLine });
    const simulated = simulateClient(persona, rehearsal, { text, label, seq: appended.seq });
    await this.io.sayText(sessionId, { role: 'client', text: simulated.reply, step: state.step, moves: [], replyTo: message.id }, sink);
    await this.io.saveAndEmitState(sessionId, { ...state, rehearsal: simulated.state }, sink);
  }

  /**
   * Words of crisis in the person's own text: the bot steps out of the role-play with the reviewed
   * help instead of the client's reply, and the rehearsal pauses; while paused the simulated client
   * stays silent until the person says they want to go on. Ambiguous words of their own get the
   * check question first, out of the role-play too; its answer is read as in coach mode (a clear no
   * goes back to the rehearsal, a yes gets the help, an unclear answer is asked once more). Returns whether this turn was answered so.
   */
  private async safetyTurn(sessionId: string, state: SessionState, message: { id: string; text: string; seq: number }, sink: EventSink): Promise<boolean> {
    const safety = this.safety;
    const reading = safety.screen(message.text, { context: 'rehearse' });
    if (reading.tier === null && !state.paused && !state.safetyCheck) return false;
    const texts = safety.texts;
    const { safetyCheck: _answered, ...rest } = state;
    const help = (kind: HelpKind): [PlannedMove, SessionState] => [
      safetyMove(safety, 'information', `steps out of the role-play: immediate help (${kind}); the rehearsal pauses`, `${texts.rehearsalNote} ${texts.help[kind].text.join(' ')}`),
      { ...rest, paused: true },
    ];
    let move: PlannedMove;
    let next: SessionState;
    if (reading.tier === 'crisis') [move, next] = help(reading.help ?? 'suicide');
    else if (state.paused) {
      const resumes = reading.tier !== 'check' && wantsToGoOn(safety, message.text);
      move = resumes ? safetyMove(safety, 'structuring', 'the rehearsal resumes', texts.resume[0]!) : safetyMove(safety, 'information', 'the rehearsal stays paused', texts.pausedStill.join(' '));
      next = { ...rest, paused: !resumes };
    } else if (state.safetyCheck) {
      // Read as in coach mode: a yes gets the help; an unclear answer the help lines and the question
      // once more; a clear no (or work named), or unclear twice, goes back to the rehearsal.
      const check = state.safetyCheck;
      const answer = readCheckAnswer(safety, message.text, reading.tier, check.again === true);
      if (answer === 'yes') [move, next] = help('suicide');
      else if (answer === 'unclear' && !check.again) {
        move = safetyMove(safety, 'closed_question', 'out of the role-play: the help lines briefly, and the question once more', `${texts.rehearsalNote} ${checkQuestion(safety, check.quote, message.seq, true)}`);
        next = { ...rest, safetyCheck: { ...check, again: true } };
      } else {
        move = answer === 'no'
          ? safetyMove(safety, 'structuring', 'the check was a clear no; the rehearsal goes on', texts.checkClear[0]!)
          : safetyMove(safety, 'structuring', 'the check was unclear twice: the help lines once more; the rehearsal goes on', texts.checkLetGo[0]!);
        next = rest;
      }
    } else {
      const quote = checkQuote(safety, message.text, 'rehearse');
      move = safetyMove(safety, 'closed_question', 'steps out of the role-play to ask directly what the words mean', `${texts.rehearsalNote} ${checkQuestion(safety, quote, message.seq)}`);
      next = { ...rest, safetyCheck: { quote, seq: message.seq } };
    }
    await this.io.sayText(sessionId, { role: 'client', text: move.text, step: state.step, moves: [toMove(move)], replyTo: message.id }, sink);
    await this.io.saveAndEmitState(sessionId, next, sink);
    return true;
  }
}
