import { coachContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { understand } from '../../server/understand/understand.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';

const inStep = (step: SessionState['step']): SessionState => ({
  ...initialState('coach'),
  step,
  agreement: { purpose: step === 'clarify_agreement' ? null : { text: 'x', quote: 'x', seq: 1 }, timeAvailable: null, consent: step !== 'clarify_agreement' },
});

describe('a sentence heard as another slot is not also a constraint', () => {
  it.each(["I've blocked out an hour, so no rush on my side.", 'I have 40 minutes.', 'Got about 25 minutes today.'])('time given to this conversation: %s', (text) => {
    const heard = understand(coachContent, text, 3, inStep('clarify_agreement'));
    expect(heard.timeAvailable).not.toBeNull();
    expect(heard.constraints).toEqual([]);
  });

  it('keeps a real limit said in the same message as the time available', () => {
    const heard = understand(coachContent, 'I have 40 minutes. Our budget is frozen until spring so no new hires.', 3, inStep('clarify_agreement'));
    expect(heard.constraints.map((constraint) => constraint.kind)).toContain('budget');
  });
});

describe('a limit the model is sure of, though unsure of its kind', () => {
  it.each(["Runway is about 14 months so I can't hire a COO.", 'Head office signs off every hire, even a temp.', 'My residence permit is tied to this employer.'])('is still heard: %s', (text) => {
    const heard = understand(coachContent, text, 9, inStep('create_partnership'));
    expect(heard.constraints).toHaveLength(1);
    expect(heard.constraints[0]!.quote).toBe(text);
  });
});

describe('the time for this talk and a consent are not needs', () => {
  it.each(['I have about thirty minutes, and yes, I am happy to go on.', "Sure, let's do it. I've got till the bread needs shaping, so 30 minutes-ish", 'yes fine, about 20 min today'])('%s', (text) => {
    const heard = understand(coachContent, text, 3, inStep('clarify_agreement'));
    expect(heard.needs).toEqual([]);
  });
});

describe('talk about this coaching itself is not a need', () => {
  it.each(['I would like to get clear on what I want from coaching before my first session.', 'My manager booked this session for me, so here I am.'])('%s', (text) => {
    expect(understand(coachContent, text, 3, inStep('clarify_agreement')).needs).toEqual([]);
  });

  it('unless a need is plain in it', () => {
    const heard = understand(coachContent, 'I want to use this session to work on how I delegate to my team.', 3, inStep('create_partnership'));
    expect(heard.needs.map((need) => need.category)).toContain('delegation');
  });
});

describe('every sentence voicing a need is kept as evidence', () => {
  it('two sentences of the same need in one message both reach the state', async () => {
    const { applyUnderstanding } = await import('../../server/understand/apply.js');
    const state = inStep('create_partnership');
    const text = 'And I sit on decisions. The territory split has been pending since June because whatever I pick someone will be unhappy.';
    const next = applyUnderstanding(state, understand(coachContent, text, 5, state));
    const decisions = next.needs.find((need) => need.category === 'decision_making');
    expect(decisions?.evidence).toEqual(['And I sit on decisions.', 'The territory split has been pending since June because whatever I pick someone will be unhappy.']);
  });
});
