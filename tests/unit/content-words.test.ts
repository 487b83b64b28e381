import { coachContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { contentWords } from '../../server/understand/text.js';
import { successClause } from '../../server/phrase/success-clauses.js';
import { findStatementAddition } from '../../server/understand/statement-additions.js';
import { clientTurn } from '../../server/app/turn.js';
import { initialState } from '../../server/domain/session-state.js';

/**
 * contentWords drops the stop words of content/lexicon/stop-words.json (it once held single
 * characters, so every word of three letters counted); the heuristics that read it are tuned on
 * real content words.
 */
describe('content words', () => {
  it('are the words that carry the message, not its glue', () => {
    expect(contentWords("I don't know what that's about, to be honest")).toEqual(['honest']);
    expect(contentWords('im tired of doing the rota myself')).toEqual(['tired', 'doing', 'rota']);
    expect(contentWords('Can you add something for me?')).toEqual(['add']);
  });
});

describe('heuristics read on real content words', () => {
  it('a success sign says something beyond "it\'s working"', () => {
    expect(successClause("I'd know it's working when I feel calm.")).toBe('you feel calm');
    expect(successClause("I'd know it's working when I can say no.")).toBe('you can say no');
    expect(successClause("I'd know it's working when it works.")).toBeNull();
  });

  it('a line asked into the statement needs one word of content, and "something" is none', () => {
    expect(findStatementAddition('Can you add that I need help?', 3)?.own).toBe('I need help');
    expect(findStatementAddition('Please add: more sleep.', 3)?.own).toBe('more sleep');
    expect(findStatementAddition("I'd like to add: something.", 3)).toBeNull();
  });

  it('a shrug alone is reflected as uncertainty; a shrug before an answer is not', () => {
    const state = { ...initialState('coach'), step: 'create_partnership' as const, agreement: { purpose: { text: 'the rota', quote: 'the rota', seq: 2 }, timeAvailable: null, consent: true } };
    const labels = (text: string) => clientTurn(coachContent, state, { text, seq: 5 }).plan.moves.map((move) => move.label);
    expect(labels("I don't know, really.")).toContain('reflects uncertainty');
    expect(labels("I don't know, maybe the weekend rota.")).not.toContain('reflects uncertainty');
  });
});
