import { shippedContent } from '../helpers/content.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UTTERANCE_LABELS, type UtteranceLabel } from '../../server/domain/schemas.js';
import { simulateClient } from '../../server/persona/client-simulator.js';
import { initialRehearsal, type RehearsalState } from '../../server/domain/rehearsal.js';

const priya = shippedContent.personas.resolve('new-manager-delegation');
const [handOver, legitimate, evenings] = priya.needs;

function run(turns: [string, UtteranceLabel][], persona = priya) {
  let state: RehearsalState = initialRehearsal(persona.id);
  const replies: string[] = [];
  turns.forEach(([text, label], index) => {
    const result = simulateClient(persona, state, { text, label, seq: index * 2 + 2 });
    replies.push(result.reply);
    state = result.state;
  });
  return { state, replies };
}

describe('the simulated client', () => {
  it('opens up to an open question with the first need, and deeper to a reflection naming it', () => {
    const { state, replies } = run([
      ['What is taking up your time at the moment?', 'question_open'],
      ['You end up checking and redoing the work yourself.', 'reflection_complex'],
      ['It sounds like letting go of the reports feels risky.', 'reflection_complex'],
    ]);
    expect(replies).toEqual(handOver!.reveals);
    expect(state.revealed).toEqual([handOver!.id]);
    expect(state.reveals.map((reveal) => reveal.invitedBy)).toEqual([2, 4, 6]);
  });

  it('follows the cue words to the most relevant need', () => {
    const { replies, state } = run([['What is it like leading people who used to be your peers?', 'question_open']]);
    expect(replies[0]).toBe(legitimate!.reveals[0]);
    expect(state.focus).toBe(legitimate!.id);
  });

  it('keeps the deepest reveal for a reflection, not another question', () => {
    const { replies } = run([
      ['What happens in the evenings?', 'question_open'],
      ['What else about the late nights?', 'question_open'],
    ]);
    expect(replies[0]).toBe(evenings!.reveals[0]);
    // The evenings need has two reveals; the second (deepest) waits for a reflection.
    expect(replies[1]).not.toBe(evenings!.reveals[1]);
    const reflected = run([
      ['What happens in the evenings?', 'question_open'],
      ['Working late every night is wearing you down.', 'reflection_complex'],
    ]);
    expect(reflected.replies[1]).toBe(evenings!.reveals[1]);
  });

  it('answers closed questions briefly, advice with resistance, and small talk with small talk', () => {
    const { replies, state } = run([
      ['Do you delegate?', 'question_closed'],
      ["I'd suggest a delegation checklist.", 'input'],
      ['Nice to meet you.', 'other'],
    ]);
    expect(priya.closedAnswers).toContain(replies[0]);
    expect(priya.resistance).toContain(replies[1]);
    expect(priya.smallTalk).toContain(replies[2]);
    expect(state.revealed).toEqual([]);
  });

  it('agrees with a summary naming two revealed needs and a next step, and remembers it', () => {
    const { replies, state } = run([
      ['What brings you here?', 'question_open'],
      ['What is it like leading your former peers?', 'question_open'],
      ['So handing over reports is hard, and with your former peers you wonder if you belong; what could you try this week?', 'reflection_complex'],
    ]);
    expect(priya.agreement).toContain(replies[2]);
    expect(state.agreedSummary).toBe(6);
  });

  it('never says a line twice in a session, whatever the coach says', () => {
    const texts = ['What else?', 'Do you delegate?', 'You feel tired.', 'Try a checklist.', 'Hi.', 'You doubt you are ready.', 'What about the late nights and your peers?', 'So, handing over and evenings: what will you try this week?'];
    fc.assert(
      fc.property(
        fc.constantFrom(...shippedContent.personas.personas),
        fc.array(fc.tuple(fc.constantFrom(...texts), fc.constantFrom(...UTTERANCE_LABELS)), { minLength: 1, maxLength: 60 }),
        (persona, turns) => {
          const { replies } = run(turns, persona);
          expect(new Set(replies).size).toBe(replies.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is pure: the same state and turn give the same reply, and the state passed in is untouched', () => {
    const state = initialRehearsal(priya.id);
    const before = JSON.stringify(state);
    const first = simulateClient(priya, state, { text: 'What is going on?', label: 'question_open', seq: 2 });
    const second = simulateClient(priya, state, { text: 'What is going on?', label: 'question_open', seq: 2 });
    expect(first).toEqual(second);
    expect(JSON.stringify(state)).toBe(before);
  });
});
