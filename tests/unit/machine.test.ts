import { describe, expect, it } from 'vitest';
import type { Statement } from '../../server/domain/schemas.js';
import { STEPS } from '../../server/domain/steps.js';
import { missingForStep as missingIn } from '../../server/process/guards.js';
import { transition as transitionIn, transitionAll as transitionAllIn } from '../../server/process/machine.js';
import { coachContent } from '../helpers/content.js';

const steps = coachContent.steps;
const missingForStep = (step: (typeof STEPS)[number], state: SessionState) => missingIn(steps, step, state);
const transition = (state: SessionState, event: Parameters<typeof transitionIn>[2]) => transitionIn(steps, state, event);
const transitionAll = (state: SessionState, events: Parameters<typeof transitionAllIn>[2]) => transitionAllIn(steps, state, events);
import { initialState, type SessionState } from '../../server/domain/session-state.js';

const slot = (text: string, seq = 1) => ({ text, quote: text, seq });

function draft(overrides: Partial<Statement> = {}): Statement {
  return {
    goals: ['delegate more'],
    needs: ['trust my team'],
    successIndicators: ['I leave by six'],
    firstExperiment: 'hand over the weekly report',
    constraints: [],
    learningPreference: null,
    text: 'I want to delegate more.',
    sources: [{ field: 'goals', quote: 'delegate more', seq: 3 }],
    status: 'draft',
    ...overrides,
  };
}

/** A state that has met the exit criteria of every step before `step`. */
function readyFor(step: (typeof STEPS)[number]): SessionState {
  const state = initialState('coach');
  return {
    ...state,
    step,
    agreement: { purpose: slot('prepare for coaching'), timeAvailable: null, consent: true },
    statement: draft({ status: 'confirmed' }),
    plan: [{ what: 'weekly one-to-ones', byWhen: 'Friday', support: null, measure: 'three held', quote: 'x', seq: 9 }],
    commitment: slot('I commit'),
    checkIn: slot('every two weeks'),
  };
}

describe('exit criteria', () => {
  it('name what is missing in each step of a new session', () => {
    const state = initialState('coach');
    expect(missingForStep('clarify_agreement', state)).toEqual(['what this conversation is for', 'your agreement to go on']);
    expect(missingForStep('create_partnership', state)).toHaveLength(2);
    expect(missingForStep('construct_plan', state)).toHaveLength(1);
    expect(missingForStep('collaborate_challenge', state)).toHaveLength(2);
    expect(missingForStep('complete', state)).toEqual([]);
  });

  it('are all met by a state that has everything', () => {
    for (const step of STEPS) expect(missingForStep(step, readyFor(step))).toEqual([]);
  });

  it('each criterion can fail on its own', () => {
    const full = readyFor('clarify_agreement');
    const breakers: Record<string, (state: SessionState) => SessionState> = {
      purpose: (state) => ({ ...state, agreement: { ...state.agreement, purpose: null } }),
      consent: (state) => ({ ...state, agreement: { ...state.agreement, consent: false } }),
      statement_drafted: (state) => ({ ...state, statement: null }),
      statement_confirmed: (state) => ({ ...state, statement: draft() }),
      dated_action: (state) => ({ ...state, plan: [{ ...state.plan[0]!, byWhen: null }] }),
      commitment: (state) => ({ ...state, commitment: null }),
      check_in: (state) => ({ ...state, checkIn: null }),
    };
    for (const [step, definition] of Object.entries(steps)) {
      for (const criterion of definition.exit) {
        const broken = breakers[criterion.check]!(full);
        expect(missingForStep(step as (typeof STEPS)[number], broken)).toContain(criterion.missing);
      }
    }
  });
});

describe('transition', () => {
  it('refuses to move forward past unmet criteria and says what is missing', () => {
    const result = transition(initialState('coach'), { type: 'goto', to: 'construct_plan', by: 'client', seq: 4 });
    expect(result.state.step).toBe('clarify_agreement');
    expect(result.effects).toEqual([
      expect.objectContaining({ type: 'refused', to: 'construct_plan', missing: ['what this conversation is for', 'your agreement to go on'] }),
    ]);
  });

  it('walks forward through every step when each is ready, recording a reason for each move', () => {
    let state = readyFor('clarify_agreement');
    for (const to of STEPS.slice(1)) {
      const result = transition(state, { type: 'next', by: 'client', seq: 10 });
      expect(result.effects[0]).toMatchObject({ type: 'transitioned', transition: { to, by: 'client' } });
      state = result.state;
    }
    expect(state.step).toBe('complete');
    expect(state.transitions.map((record) => record.to)).toEqual(STEPS.slice(1));
    expect(state.transitions.every((record) => record.reason.length > 0)).toBe(true);
    expect(transition(state, { type: 'next', by: 'client', seq: 11 }).effects[0]).toMatchObject({ type: 'unchanged' });
  });

  it('always allows going back, and resets the turn count of the step', () => {
    const state = { ...readyFor('construct_plan'), turnsInStep: 5, statement: null };
    const result = transition(state, { type: 'back', by: 'client', seq: 3 });
    expect(result.state.step).toBe('create_partnership');
    expect(result.state.turnsInStep).toBe(0);
    expect(result.state.transitions.at(-1)?.reason).toMatch(/go back/);
    expect(transition(initialState('coach'), { type: 'back', by: 'client', seq: 1 }).effects[0]).toMatchObject({ type: 'unchanged' });
  });

  it('advances by itself only when the current step is done', () => {
    const fresh = initialState('coach');
    expect(transition(fresh, { type: 'advance_if_ready', seq: 2 })).toEqual({ state: fresh, effects: [] });
    const agreed = { ...fresh, agreement: { purpose: slot('prepare'), timeAvailable: null, consent: true } };
    const result = transition(agreed, { type: 'advance_if_ready', seq: 2 });
    expect(result.state.step).toBe('create_partnership');
    expect(result.effects[0]).toMatchObject({ type: 'transitioned', transition: { by: 'coach', seq: 2 } });
  });

  it('a goto to the current step changes nothing', () => {
    const state = initialState('coach');
    const result = transition(state, { type: 'goto', to: 'clarify_agreement', by: 'client', seq: 1 });
    expect(result.state).toBe(state);
    expect(result.effects[0]).toMatchObject({ type: 'unchanged' });
  });
});

describe('statement events', () => {
  const base = { ...initialState('coach'), step: 'create_partnership' as const };

  it('drafts, edits and confirms, and confirmation meets the partnership exit criteria', () => {
    const result = transitionAll(base, [
      { type: 'statement.set', statement: draft() },
      { type: 'statement.edit', edit: { goals: ['lead without doing it all myself'] } },
      { type: 'statement.confirm' },
    ]);
    expect(result.state.statement).toMatchObject({ goals: ['lead without doing it all myself'], status: 'confirmed', editedFields: ['goals'] });
    expect(missingForStep('create_partnership', result.state)).toEqual([]);
    expect(result.effects.map((effect) => effect.type)).toEqual(['statement.changed', 'statement.changed', 'statement.changed']);
  });

  it('a refresh keeps what the client edited by hand and returns to draft', () => {
    const edited = transitionAll(base, [
      { type: 'statement.set', statement: draft() },
      { type: 'statement.edit', edit: { firstExperiment: 'my own words' } },
      { type: 'statement.confirm' },
    ]).state;
    const refreshed = transition(edited, { type: 'statement.set', statement: draft({ firstExperiment: 'machine words', goals: ['new goal'] }) });
    expect(refreshed.state.statement).toMatchObject({ firstExperiment: 'my own words', goals: ['new goal'], status: 'draft' });
  });

  it('edit and confirm without a statement change nothing and say why', () => {
    for (const event of [{ type: 'statement.edit', edit: { text: 'x' } }, { type: 'statement.confirm' }] as const) {
      const result = transition(base, event);
      expect(result.state).toBe(base);
      expect(result.effects[0]).toMatchObject({ type: 'unchanged', reason: expect.stringMatching(/no statement/) });
    }
  });
});

describe('auto-advance (the settle rule)', () => {
  it('moves on while the exit criteria are met, at most three steps a turn', () => {
    const result = transition(readyFor('clarify_agreement'), { type: 'settle', seq: 4 });
    expect(result.state.step).toBe('collaborate_challenge');
    expect(result.effects.filter((effect) => effect.type === 'transitioned')).toHaveLength(3);
  });

  it('holds short of the step it is told to hold before', () => {
    const state = { ...readyFor('clarify_agreement'), step: 'create_partnership' as const };
    expect(transition(state, { type: 'settle', seq: 4 }).state.step).toBe('complete');
    expect(transition(state, { type: 'settle', seq: 4, holdBefore: 'complete' }).state.step).toBe('collaborate_challenge');
  });

  it('a step file naming an unknown guard is refused at start-up', async () => {
    const { checkExitCriteria } = await import('../../server/process/guards.js');
    const broken = { ...steps, complete: { ...steps.complete, exit: [{ check: 'moon_phase', missing: 'a full moon' }] } };
    expect(() => checkExitCriteria(broken)).toThrow(/complete\/step.json: unknown exit check "moon_phase"/);
  });
});
