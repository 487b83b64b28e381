import { coachContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { applyUnderstanding } from '../../server/understand/apply.js';
import { draftStatement } from '../../server/phrase/statement.js';
import { understand } from '../../server/understand/understand.js';
import { StatementSchema } from '../../server/domain/schemas.js';
import { type SessionState, initialState } from '../../server/domain/session-state.js';
import { clientTurn, recordPlan } from '../../server/app/turn.js';

/** Feeds client lines into a partnership-step state, seq 3, 5, 7… */
function heard(lines: string[]): { state: SessionState; bySeq: Map<number, string> } {
  let state: SessionState = { ...initialState('coach'), step: 'create_partnership' };
  const bySeq = new Map<number, string>();
  lines.forEach((line, index) => {
    const seq = 3 + index * 2;
    bySeq.set(seq, line);
    const result = clientTurn(coachContent, state, { text: line, seq });
    state = recordPlan(result.state, result.plan, result.plan.moves.map((move) => move.text).join(' '));
  });
  return { state, bySeq };
}

const lines = [
  'I want to get better at delegating to my leads.',
  'Right now I end up doing everything myself and I work most weekends.',
  'We have no budget for outside training this year.',
  "I'll know it's working when I stop working weekends and my leads run the stand-ups.",
  'I learn best by doing and then talking it through with someone.',
  'I could try letting Priya run the Monday stand-up for the next two weeks.',
];

describe('draftStatement', () => {
  it('has goals, needs, success indicators and a first experiment, valid against the contract', () => {
    const statement = draftStatement(heard(lines).state);
    expect(StatementSchema.parse(statement)).toEqual(statement);
    expect(statement.goals[0]).toBe('get better at delegating to my leads');
    expect(statement.needs).toEqual(expect.arrayContaining(['handing work to others and trusting them with it']));
    expect(statement.successIndicators[0]).toBe('I stop working weekends and my leads run the stand-ups');
    expect(statement.firstExperiment).toBe('letting Priya run the Monday stand-up for the next two weeks');
    expect(statement.constraints).toEqual(['We have no budget for outside training this year']);
    expect(statement.learningPreference).toBe('mix');
    expect(statement.status).toBe('draft');
  });

  it('traces every part to a verbatim quote of the client turn it came from', () => {
    const { state, bySeq } = heard(lines);
    const statement = draftStatement(state);
    for (const field of ['goals', 'needs', 'successIndicators', 'firstExperiment', 'constraints', 'learningPreference']) {
      expect(statement.sources.some((source) => source.field === field), field).toBe(true);
    }
    for (const source of statement.sources) expect(bySeq.get(source.seq)).toContain(source.quote);
  });

  it('writes 1 to 3 sentences in the client\'s own voice', () => {
    const statement = draftStatement(heard(lines).state);
    const sentences = statement.text.match(/[^.!?]+[.!?]/g) ?? [];
    expect(sentences.length).toBeGreaterThanOrEqual(1);
    expect(sentences.length).toBeLessThanOrEqual(3);
    expect(statement.text).toMatch(/^I want to get better at delegating to my leads/);
    expect(statement.text).toMatch(/Priya/);
    expect(statement.text).not.toMatch(/\byour\b/);
  });

  it('drafts with what there is when little is known', () => {
    const statement = draftStatement(heard(['My team is stretched thin.']).state);
    expect(statement.text.length).toBeGreaterThan(0);
    // No goal was said and the need was only faintly heard: nothing is put in the client's mouth
    // (the coach asks for the aim instead of writing a theme in their name).
    expect(statement.goals).toHaveLength(0);
    expect(statement.needs).toHaveLength(0);
    expect(statement.text).not.toMatch(/work on/);
  });

  it('is drafted into the state once the four parts are known, and never overwritten once confirmed', () => {
    const { state } = heard(lines);
    expect(state.statement?.status).toBe('draft');
    const confirmed: SessionState = { ...state, statement: { ...state.statement!, status: 'confirmed' } };
    const after = applyUnderstanding(confirmed, understand(coachContent, 'Actually I also want to get better at saying no.', 40, confirmed));
    expect(after.statement).toBe(confirmed.statement);
    expect(after.goals.length).toBeGreaterThan(state.goals.length);
  });

  it('deduplicates needs by category and accumulates evidence', () => {
    const { state } = heard(['I struggle to delegate.', 'Delegating the reports is still hard for me.']);
    const delegation = state.needs.filter((need) => need.category === 'delegation');
    expect(delegation).toHaveLength(1);
    expect(delegation[0]!.evidence).toHaveLength(2);
  });
});

describe('a sign of progress that opens with its own "if" or "when"', () => {
  it('is written after "I\'ll know it\'s working", not after "by this:"', () => {
    const { state } = heard([
      'I want to take a proper holiday this summer.',
      'Success would be if I could take a whole week off and nobody rings me.',
    ]);
    const statement = draftStatement(state);
    expect(statement.successIndicators.length).toBe(1);
    expect(statement.text).not.toMatch(/by this: if/i);
    expect(statement.text).toMatch(/I'll know it's working if I could take a whole week off/);
  });
});

describe('an aim that is something to have', () => {
  it('is written "I want a …", never "I want to a …"', () => {
    const { state } = heard(["I want a portfolio I'm not embarrassed by."]);
    const statement = draftStatement(state);
    expect(statement.text).not.toMatch(/want to an? /i);
    expect(statement.text).toMatch(/^I want a portfolio I'm not embarrassed by\./);
  });
});

describe('a long sentence cut to a word limit', () => {
  it('is cut at a comma rather than mid-phrase, and never ends on a glue word', async () => {
    const { shorten } = await import('../../server/understand/text.js');
    expect(shorten('I want a portfolio I am not embarrassed by, and to be applying for part-time design roles by the end of the year.', 22)).toBe('I want a portfolio I am not embarrassed by');
    expect(shorten('we went over every single line of the budget with the finance team and the auditors again and again', 12)).not.toMatch(/\b(?:the|of|with|and)$/);
  });
});

describe('an aim that opens with a verb in -ing', () => {
  const drafted = (aim: string) => draftStatement({ ...initialState('coach'), step: 'create_partnership', goals: [{ text: aim, quote: aim, seq: 1, own: aim }] }).text;

  it.each([
    ['knowing the routes, looking after the passengers', 'I want to know the routes, looking after the passengers.'],
    ['getting my weekends back', 'I want to get my weekends back.'],
  ])('"%s" is said with its bare verb: "%s"', (aim, text) => {
    expect(drafted(aim)).toBe(text);
  });

  it('an -ing word that is no verb there is not made one ("interesting work again")', () => {
    expect(drafted('interesting work again')).not.toMatch(/want to interest\b/);
  });
});
