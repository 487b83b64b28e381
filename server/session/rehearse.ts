import { randomUUID } from 'node:crypto';
import { loadOfflineClassifier, type UtteranceClassifier } from '../classify/classifier.js';
import { simulateClient, recordClientLine } from '../persona/client-simulator.js';
import { personaById } from '../persona/persona-bank.js';
import { initialRehearsal, type RehearsalState } from '../persona/persona-state.js';
import type { FrameSink } from '../protocol/server-frames.js';
import { assistantFrame, type SessionIO } from './session-io.js';
import type { SessionState } from './state.js';
import { defaultCrisisScreen, safetyContent } from '../content/load-safety.js';
import { toMove } from '../coach/offline-engine.js';
import { safetyMove, wantsToGoOn } from '../coach/safety.js';
import type { PlannedMove } from '../coach/types.js';

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
    private readonly classifier: UtteranceClassifier = loadOfflineClassifier(),
  ) {}

  /** The client opens with its first words. */
  async opening(sessionId: string, state: SessionState, sink: FrameSink): Promise<void> {
    const persona = personaById(state.persona);
    await this.io.sayText(sessionId, { role: 'client', text: persona.opening, step: state.step, moves: [] }, sink);
    const rehearsal = recordClientLine(rehearsalOf(state), persona.opening);
    await this.io.saveAndEmitState(sessionId, { ...state, rehearsal }, sink);
  }

  /**
   * One turn of the person's coaching: durable first (role `coach`), labelled by the offline
   * classifier against the client's previous line, answered by the simulated client. A resent id
   * is stored once; its stored answer is sent again (or produced if it was lost).
   */
  async userMessage(sessionId: string, state: SessionState, message: { id: string; text: string }, sink: FrameSink): Promise<void> {
    const store = this.io.store;
    const appended = await store.appendMessage(sessionId, { role: 'coach', text: message.text, step: state.step, clientMessageId: message.id });
    sink({ type: 'message.accepted', id: message.id, seq: appended.seq });
    let text = message.text;
    if (appended.duplicate) {
      const events = await store.listEvents(sessionId, appended.seq - 1, ['message']);
      const answer = events.find((event) => event.replyTo === message.id);
      if (answer) {
        sink(assistantFrame(answer, randomUUID()));
        return;
      }
      text = events.find((event) => event.seq === appended.seq)?.text ?? text;
    }
    // The person's own words are screened first (a coach's risk question to the client is not theirs).
    if (await this.safetyTurn(sessionId, state, { id: message.id, text }, sink)) return;
    const persona = personaById(state.persona);
    const rehearsal = rehearsalOf(state);
    const { label } = this.classifier.classify({ text, previousClient: rehearsal.lastClientLine });
    const simulated = simulateClient(persona, rehearsal, { text, label, seq: appended.seq });
    await this.io.sayText(sessionId, { role: 'client', text: simulated.reply, step: state.step, moves: [], replyTo: message.id }, sink);
    await this.io.saveAndEmitState(sessionId, { ...state, rehearsal: simulated.state }, sink);
  }

  /**
   * Words of crisis in the person's own text: the bot steps out of the role-play with the reviewed
   * help instead of the client's reply, and the rehearsal pauses; while paused the simulated client
   * stays silent until the person says they want to go on. Returns whether this turn was answered so.
   */
  private async safetyTurn(sessionId: string, state: SessionState, message: { id: string; text: string }, sink: FrameSink): Promise<boolean> {
    const reading = defaultCrisisScreen()(message.text, { context: 'rehearse' });
    if (reading.tier !== 'crisis' && !state.paused) return false;
    const texts = safetyContent().texts;
    let move: PlannedMove;
    let paused = true;
    if (reading.tier === 'crisis') {
      const help = reading.help ?? 'suicide';
      move = safetyMove('information', `steps out of the role-play: immediate help (${help}); the rehearsal pauses`, `${texts.rehearsalNote} ${texts.help[help].text.join(' ')}`);
    } else if (reading.tier !== 'check' && wantsToGoOn(message.text)) {
      move = safetyMove('structuring', 'the rehearsal resumes', texts.resume[0]!);
      paused = false;
    } else {
      move = safetyMove('information', 'the rehearsal stays paused', texts.pausedStill.join(' '));
    }
    await this.io.sayText(sessionId, { role: 'client', text: move.text, step: state.step, moves: [toMove(move)], replyTo: message.id }, sink);
    await this.io.saveAndEmitState(sessionId, { ...state, paused }, sink);
    return true;
  }
}
