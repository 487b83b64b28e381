import { describe, expect, it } from 'vitest';
import { coachContent } from '../helpers/content.js';
import { understand } from '../../server/understand/understand.js';
import { initialState } from '../../server/domain/session-state.js';

/**
 * A first step said the way a learner of English says it ("First I think I talk to Marek before I
 * say yes": an ordinal and "I think" before a present-tense plan) is still a step, in answer to the
 * question that asked for it, written without its lead-in words.
 */
describe('a step said plainly, in the present tense, after an ordinal', () => {
  const state = {
    ...initialState('coach'),
    step: 'create_partnership' as const,
    asked: ['partnership.success.1', 'partnership.experiment.1'],
    recentCoachTexts: ["What's one small change you could try in the next couple of weeks to test this?"],
  };

  it.each([
    ['First I think I talk to Marek before I say yes. He is oldest in team.', /^I talk to Marek before I say yes$/],
    ['Then I ask my boss for one example of the report.', /^I ask my boss for one example of the report$/],
  ])('%s', (text, expected) => {
    const understanding = understand(coachContent, text, 7, state);
    expect(understanding.experiment?.own ?? understanding.experiment?.text ?? '').toMatch(expected);
  });
});
