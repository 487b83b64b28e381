import { describe, expect, it } from 'vitest';
import { coachContent } from '../helpers/content.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { understand } from '../../server/understand/understand.js';
import { runConversation } from '../../eval/driver.js';

/**
 * Aims and first steps said in words no pattern knows are read in context (model-parts.ts): an
 * answer to the question that asked for the part, or a sure reading of a part nobody asked for.
 * Lines of story, words about the wording and lines labelled as another part stay out.
 */

function partnership(asked: string[], patch: Partial<SessionState> = {}): SessionState {
  return { ...initialState('coach'), step: 'create_partnership', agreement: { purpose: { text: 'delegation', quote: 'delegation', seq: 2 }, timeAvailable: null, consent: true }, asked, ...patch };
}

const own = (slot: { own?: string; text: string } | null | undefined) => (slot ? slot.own ?? slot.text : null);

describe('an aim typed without its subject, in answer to the question about it', () => {
  it.each([
    ['want them to just listen w/o me shoutin', 'I want them to just listen without me shouting'],
    ['need the owner to give me a proper rota', 'I need the owner to give me a proper rota'],
    ['want to get home by six most nights', 'get home by six most nights'],
  ])('%s → %s', (message, aim) => {
    const reading = understand(coachContent, message, 9, partnership(['partnership.goals.1']));
    expect(reading.goals.map(own)).toEqual([aim]);
  });

  it('is written into the statement as the client said it, and the coach never says "want to want"', async () => {
    const { turns, state } = await runConversation(['hi', 'new supervisor at the depot, 2 months in', 'drivers ignore the morning briefing', 'want them to actually read the board before they head out', 'if nobody rings me at 6 asking where to go', 'maybe stick the route sheet by the door on monday']);
    // The agreement is passed at "new supervisor at the depot", so the aim answers the question before last; the bare condition is the sign.
    expect(state.statement?.text).toBe("I want them to actually read the board before they head out. I'll know it's working if nobody rings me at 6 asking where to go. My first experiment: stick the route sheet by the door on Monday.");
    for (const turn of turns.filter((candidate) => candidate.role === 'coach')) expect(turn.text).not.toMatch(/want to (?:you )?want/i);
  });
});

describe('a first step offered with a hedge, in answer to the question about it', () => {
  it.each([
    ['maybe pull kyle aside b4 start monday', 'pull Kyle aside before start Monday'],
    ['perhaps text my sister tonight and ask about sunday', 'text my sister tonight and ask about Sunday'],
  ])('%s → %s', (message, step) => {
    const reading = understand(coachContent, message, 9, partnership(['partnership.experiment.1']));
    expect(own(reading.experiment)).toBe(step);
  });
});

describe('what is not read as a part', () => {
  it.each([
    ['Questions every decision I make on the panel, in front of the younger lads.', 'partnership.goals.1'],
    ['the college rang me in the autumn asking if I would take a placement student', 'partnership.experiment.1'],
    ["Can we add something about the promotion? Like, 'and find out what the path to head of marketing looks like'.", 'partnership.goals.1'],
  ])('%s', (message, asked) => {
    const reading = understand(coachContent, message, 9, partnership([asked]));
    expect(reading.goals).toEqual([]);
    expect(reading.experiment).toBeNull();
  });

  it('a part nobody asked for needs a sure reading: a wish said in passing is not taken as the aim', () => {
    const reading = understand(coachContent, 'want them to just listen w/o me shoutin', 9, partnership([]));
    expect(reading.goals).toEqual([]);
  });

  it('a step the client labelled as the support is not the first experiment', () => {
    const reading = understand(coachContent, "Support: I'll message Kamau on Monday to book 20 minutes.", 9, partnership(['partnership.experiment.1']));
    expect(reading.experiment).toBeNull();
  });

  it('a part already in the statement is not replaced by a line read this way', () => {
    const experiment = { text: 'ask Sam to run the Friday release', quote: 'I could ask Sam to run the Friday release', seq: 5, own: 'ask Sam to run the Friday release' };
    const reading = understand(coachContent, 'pull kyle aside before monday', 9, partnership([], { experiment }));
    expect(reading.experiment).toBeNull();
  });
});

describe('a message that is only a condition', () => {
  it('is a sign of progress whichever question came before, and never the aim or a strength', () => {
    const state = partnership(['partnership.reality.1', 'partnership.learning.1'], { goals: [{ text: 'get the drivers to read the board', quote: 'get the drivers to read the board', seq: 5 }] });
    const reading = understand(coachContent, 'if nobody rings me at 6 asking where to go', 9, state);
    expect(reading.successSignals.map(own)).toEqual(['if nobody rings me at 6 asking where to go']);
    expect(reading.strengths).toEqual([]);
    const asked = understand(coachContent, 'if nobody rings me at 6 asking where to go', 9, partnership(['partnership.goals.2']));
    expect(asked.goals).toEqual([]);
  });

  it('is not a sign when a clause follows it', () => {
    const state = partnership(['partnership.reality.1'], { goals: [{ text: 'be calm', quote: 'be calm', seq: 5 }] });
    expect(understand(coachContent, 'when new ppl are slow i get wound up n just do it myself', 9, state).successSignals).toEqual([]);
  });
});

describe('a part asked for by the question before last', () => {
  it('is read as answering it', () => {
    const reading = understand(coachContent, 'want them to actually read the board before they head out', 9, partnership(['partnership.goals.1', 'partnership.reality.1']));
    expect(reading.goals.map(own)).toEqual(['I want them to actually read the board before they head out']);
  });
});

describe('a first step of reaching someone, asked for', () => {
  it('"maybe ring my cousin mere. … i keep not ringing her" is the step "ring my cousin mere", never the failing habit', () => {
    const reading = understand(coachContent, 'maybe ring my cousin mere. she does admin at the marae. i keep not ringing her', 9, partnership(['partnership.experiment.1'], { goals: [{ text: 'find something useful', quote: 'find something useful', seq: 5 }] }));
    expect(own(reading.experiment)).toBe('ring my cousin mere');
  });
});
