import { describe, expect, it } from 'vitest';
import { toFrame } from '../../server/ws/session-frames.js';

/** The core reports domain events; ws/ alone turns them into protocol v1 frames, field for field. */
describe('session events to frames', () => {
  it('maps each event to its v1 frame', () => {
    expect(toFrame({ type: 'message.accepted', id: 'm1', seq: 3 })).toEqual({ type: 'message.accepted', id: 'm1', seq: 3 });
    expect(toFrame({ type: 'reply.delta', turn: 't1', text: 'So. ' })).toEqual({ type: 'assistant.delta', turn: 't1', text: 'So. ' });
    expect(toFrame({ type: 'turn.stored', turn: 't1', seq: 4, replyTo: 'm1', role: 'coach', text: 'So.', step: 'clarify_agreement', moves: [], fallback: true })).toEqual({
      type: 'assistant.message',
      turn: 't1',
      seq: 4,
      replyTo: 'm1',
      role: 'coach',
      text: 'So.',
      step: 'clarify_agreement',
      moves: [],
      fallback: true,
    });
    const view = { step: 'clarify_agreement' as const, needs: [], constraints: [], learningPreference: null, statement: null, missing: [], transitions: [], paused: false };
    expect(toFrame({ type: 'state.changed', seq: 5, view })).toEqual({ type: 'state', seq: 5, ...view });
  });
});
