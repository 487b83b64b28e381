import { coachContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { screenSafety } from '../../server/understand/safety.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { clientTurn, recordPlan } from '../../server/app/turn.js';

describe('crisis said as hopelessness', () => {
  // Hopelessness without a method or a plan gets the direct check question at least (the crisis
  // screen's middle tier); words of not wanting to be alive get the help at once.
  it.each([
    'Nothing is ever going to get better, I know that now.',
    "I can't see a way out of this.",
    "What's the point of going on like this",
    'I feel completely hopeless most mornings.',
    "Honestly I don't want to wake up some days.",
  ])('is never let pass: %s', (text) => {
    expect(['crisis', 'check']).toContain(screenSafety(coachContent.safety, text).flag);
  });

  it("pauses the coaching at once for not wanting to wake up", () => {
    expect(screenSafety(coachContent.safety, "Honestly I don't want to wake up some days.").flag).toBe('crisis');
  });

  it.each([
    "sorry. I'm ok, I'm not in danger or anything, I just needed to say it out loud.",
    "I'm not suicidal, just tired of the rota.",
    'No thoughts of hurting myself, I promise, just frustrated.',
    "I don't see the point of the weekly report, nobody reads it.",
    'The project felt hopeless for a week but we shipped it.',
  ])('does not pause for reassurance or ordinary frustration: %s', (text) => {
    expect(screenSafety(coachContent.safety, text).flag).toBeNull();
  });
});

describe('a paused conversation through the real turn loop', () => {
  function say(state: SessionState, text: string, seq: number) {
    const turn = clientTurn(coachContent, state, { text, seq });
    const reply = turn.plan.moves.map((move) => move.text).join(' ');
    return { state: recordPlan(turn.state, turn.plan, reply), reply, moves: turn.plan.moves };
  }

  it('answers crisis warmly with where to find help, stays paused, and resumes when the client says they are safe and want to go on', () => {
    let state: SessionState = { ...initialState('coach'), step: 'create_partnership', agreement: { purpose: { text: 'x', quote: 'x', seq: 1 }, timeAvailable: null, consent: true } };
    const crisis = say(state, "Some days I honestly don't want to wake up anymore.", 3);
    expect(crisis.state.paused).toBe(true);
    expect(crisis.reply).toMatch(/emergency number/);
    expect(crisis.reply).toMatch(/988/);
    expect(crisis.moves.some((move) => move.kind === 'open_question')).toBe(false);
    state = crisis.state;

    const content = say(state, 'My rota is set months ahead.', 5);
    expect(content.state.paused).toBe(true);
    state = content.state;

    const resumed = say(state, "I'm ok, I'm not in danger. I'd like to carry on with this if that's ok.", 7);
    expect(resumed.state.paused).toBe(false);
    const next = say(resumed.state, 'I freeze when the consultant asks me something on the ward round.', 9);
    expect(next.state.paused).toBe(false);
    expect(next.moves.some((move) => ['simple_reflection', 'complex_reflection', 'summary'].includes(move.kind))).toBe(true);
  });
});
