import type { ServerFrame } from '../protocol/server-frames.js';
import type { SessionEvent } from '../app/session-events.js';

/** The protocol v1 frame of a session event. */
export function toFrame(event: SessionEvent): ServerFrame {
  switch (event.type) {
    case 'message.accepted':
      return { type: 'message.accepted', id: event.id, seq: event.seq };
    case 'reply.delta':
      return { type: 'assistant.delta', turn: event.turn, text: event.text };
    case 'turn.stored': {
      const { type: _type, ...turn } = event;
      return { type: 'assistant.message', ...turn };
    }
    case 'state.changed':
      return { type: 'state', seq: event.seq, ...event.view };
    case 'feedback.ready':
      return { type: 'feedback', seq: event.seq, report: event.report };
  }
}
