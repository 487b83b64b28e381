import type { UtteranceClassifier } from '../classify/classifier.js';
import { initialRehearsal, type RehearsalState } from '../domain/rehearsal.js';
import { recordClientLine, simulateClient } from '../persona/client-simulator.js';
import type { Persona } from '../persona/persona-schema.js';
import type { StoredEvent } from '../store/store.js';

/**
 * The simulated client's state as it stood after the transcript given: the rehearsal played again
 * turn by turn. The simulator is pure and the offline classifier labels as it did live, so each
 * client line comes out as it was said; a line that does not (one the bot said stepping out of the
 * role-play for safety) is only recorded, never taken as a reveal.
 */
export function replayRehearsal(persona: Persona, messages: readonly StoredEvent[], classifier: UtteranceClassifier): RehearsalState {
  let state = initialRehearsal(persona.id);
  let pending: ReturnType<typeof simulateClient> | null = null;
  for (const message of messages) {
    if (message.kind !== 'message') continue;
    if (message.role === 'coach') {
      const { label } = classifier.classify({ text: message.text, previousClient: state.lastClientLine });
      pending = simulateClient(persona, state, { text: message.text, label, seq: message.seq });
      continue;
    }
    const steppedOut = (message.moves ?? []).length > 0;
    if (pending && !steppedOut && pending.reply === message.text) state = pending.state;
    else if (!steppedOut) state = recordClientLine(state, message.text);
    pending = null;
  }
  return state;
}
