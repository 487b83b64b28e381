import { describe, expect, it } from 'vitest';
import { coachContent } from '../helpers/content.js';
import { clientTurn, recordPlan } from '../../server/app/turn.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { secondLanguageMark } from '../../server/understand/second-language.js';

/**
 * A client who writes English as a second language does not hear their own sentences read back in
 * the coach's voice ("So on phone you are very nervous, you don't understand nothing…"): once one
 * message shows a learner's construction, the coach names a feeling, gives back a short phrase, or
 * simply asks. A fluent client still hears their words given back.
 */

function partnership(patch: Partial<SessionState> = {}): SessionState {
  return { ...initialState('coach'), step: 'create_partnership', agreement: { purpose: { text: 'the new post', quote: 'the new post', seq: 2 }, timeAvailable: null, consent: true }, ...patch };
}

function say(state: SessionState, text: string, seq: number) {
  const result = clientTurn(coachContent, state, { text, seq });
  const said = result.plan.moves.map((move) => move.text).join(' ');
  return { said, state: recordPlan(result.state, result.plan, said) };
}

/** Words of the message, four in a row, found in the coach's reply: a clause given back. */
function echoes(reply: string, message: string): boolean {
  const words = message.toLowerCase().replace(/[^a-z' ]/g, ' ').split(/\s+/).filter(Boolean);
  const lower = reply.toLowerCase();
  return words.some((_word, index) => index + 4 <= words.length && lower.includes(words.slice(index, index + 4).join(' ')));
}

describe('a client writing English as a second language', () => {
  it('is recognised by one learner construction, and a fluent client is not', () => {
    expect(secondLanguageMark('Hello. I have 34 years, I work in nursing home.')).toBe('age-with-have');
    expect(secondLanguageMark('My manager, she say I should apply for it.')).toBe('third-person-bare-verb');
    expect(secondLanguageMark("I'm 34 and I work in a nursing home. My manager says I should apply.")).toBeNull();
  });

  it('is remembered for the session, and their later sentences are not echoed', () => {
    let state = partnership();
    ({ state } = say(state, 'Hello. Is first time I use coaching, I have 34 years and I work as care assistant.', 3));
    expect(state.secondLanguage).toBe(true);
    // No learner mark in this message: the session remembers.
    const message = 'On the phone I get very nervous when the families speak fast with their accent.';
    expect(secondLanguageMark(message)).toBeNull();
    const { said } = say(state, message, 5);
    expect(echoes(said, message)).toBe(false);
    expect(said.trim()).not.toBe('');
  });

  it('a fluent client still hears their words given back', () => {
    const message = 'On the phone I get very nervous when the families speak fast with their accent.';
    const { said, state } = say(partnership(), message, 5);
    expect(state.secondLanguage).toBeUndefined();
    expect(echoes(said, message)).toBe(true);
  });
});
