import { describe, expect, it } from 'vitest';
import { mergeExtraction } from '../../server/app/merge-extraction.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';

/** The written rule by which a model's extraction joins the offline reading (server/app/merge-extraction.ts). */
const heard: SessionState = {
  ...initialState('coach'),
  step: 'create_partnership',
  turnsInStep: 3,
  summary: 'They want their Fridays back.',
  needs: [{ id: 'need-delegation', category: 'delegation', summary: 'handing work over', evidence: ['I do it all myself'], confidence: 0.8, confirmed: true }],
  experiment: { text: 'hand over the report', quote: 'hand the report to Sam', seq: 4 },
};

describe('merging a model extraction', () => {
  it('keeps the offline reading and only adds: a known need gains the quote, a new one comes in tentative', () => {
    const merged = mergeExtraction(heard, {
      seq: 6,
      needs: [
        { category: 'delegation', summary: 'a different summary', quote: 'nobody else knows the numbers', confidence: 0.95 },
        { category: 'confidence', summary: 'trusting their judgement', quote: 'I second-guess every call', confidence: 0.9 },
      ],
      experiment: { text: 'something else', quote: 'try a stand-up', seq: 6 },
      goals: [{ text: 'leave by six', quote: 'leave by six twice a week', seq: 6 }],
    });
    expect(merged.needs[0]).toMatchObject({ summary: 'handing work over', confidence: 0.8, confirmed: true, evidence: ['I do it all myself', 'nobody else knows the numbers'] });
    expect(merged.needs[1]).toMatchObject({ category: 'confidence', confidence: 0.6, confirmed: false, evidence: ['I second-guess every call'], seq: 6 });
    expect(merged.experiment?.quote).toBe('hand the report to Sam');
    expect(merged.goals.map((goal) => goal.quote)).toEqual(['leave by six twice a week']);
  });

  it('is not a turn: the turn count, step, summary and statement stay as they were', () => {
    const merged = mergeExtraction(heard, { seq: 6, needs: [{ category: 'feedback', summary: 'feedback', quote: 'no one tells me', confidence: 0.7 }] });
    expect({ turnsInStep: merged.turnsInStep, step: merged.step, summary: merged.summary, statement: merged.statement, asked: merged.asked }).toEqual({
      turnsInStep: 3,
      step: 'create_partnership',
      summary: 'They want their Fridays back.',
      statement: null,
      asked: heard.asked,
    });
  });

  it('takes nothing in while coaching is paused or the safety check is pending', () => {
    const extraction = { seq: 6, needs: [{ category: 'feedback' as const, summary: 'feedback', quote: 'no one tells me', confidence: 0.7 }] };
    expect(mergeExtraction({ ...heard, paused: true }, extraction).needs).toHaveLength(1);
    expect(mergeExtraction({ ...heard, safetyCheck: { quote: 'x', seq: 5 } }, extraction).needs).toHaveLength(1);
  });
});
