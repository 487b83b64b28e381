import { describe, expect, it } from 'vitest';
import { findStatementAddition } from '../../server/understand/statement-additions.js';
import { runConversation } from '../../eval/driver.js';

describe('findStatementAddition', () => {
  it.each([
    ['Can we add that I will check in with Priya every Friday?', 'I will check in with Priya every Friday'],
    ['Also add that I want to feel less guilty about saying no.', 'I want to feel less guilty about saying no'],
    ["I'd like to add: my manager backs this.", 'my manager backs this'],
    ['Please add something about saying no to extra projects', 'saying no to extra projects'],
    ['Could you include that i have the budget sign-off too?', 'I have the budget sign-off'],
    ['Oh, and can we also put in that my leads agreed to try it, if that\'s ok?', 'my leads agreed to try it'],
  ])('reads "%s" as adding "%s"', (text, added) => {
    expect(findStatementAddition(text, 9)?.own).toBe(added);
  });

  it.each(['can we add a line?', 'I want to add more people to my team next year', 'My manager added two projects last week.', 'Yes, that looks right.'])(
    'does not read "%s" as a request to add to the statement',
    (text) => expect(findStatementAddition(text, 9)).toBeNull(),
  );
});

const toTheDraft = [
  'I have a new team and I want to be a better manager.',
  'Right now I end up doing everything myself and I work most weekends.',
  'We have no budget for outside training this year.',
  "I'll know it's working when I stop working weekends and my leads run the stand-ups.",
  'I learn best by doing and then talking it through with someone.',
  'I could try letting Priya run the Monday stand-up for the next two weeks.',
];

describe('adding to the draft statement', () => {
  it('writes the line into the draft in the client\'s words, traced to their turn, and shows it again without confirming', async () => {
    const before = await runConversation(toTheDraft);
    expect(before.state.statement?.status).toBe('draft');
    const result = await runConversation([...toTheDraft, 'Can we add that I will check in with Priya every Friday?']);
    const statement = result.state.statement!;
    expect(result.state.step).toBe('create_partnership');
    expect(statement.status).toBe('draft');
    expect(statement.text).toContain('Also: I will check in with Priya every Friday.');
    const turn = result.turns.at(-2)!;
    expect(statement.sources).toContainEqual({ field: 'text', quote: 'I will check in with Priya every Friday', seq: turn.seq });
    const reply = result.turns.at(-1)!.text;
    expect(reply).toContain('Also: I will check in with Priya every Friday.');
    expect(reply).not.toMatch(/question for you|whether you can add/);
  });

  it('keeps it when the client then confirms', async () => {
    const result = await runConversation([...toTheDraft, 'Can we add that I will check in with Priya every Friday?', 'Yes, that looks right.']);
    expect(result.state.statement?.status).toBe('confirmed');
    expect(result.state.statement?.text).toContain('Also: I will check in with Priya every Friday.');
  });

  it('shows only the sentence that changed when the full draft was shown a moment ago, and a yes then confirms it', async () => {
    const result = await runConversation([...toTheDraft, 'Can we add that I will check in with Priya every Friday?']);
    const reply = result.turns.at(-1)!.text;
    // The full draft was in the reply before; the new line is shown on its own, not the whole draft again.
    expect(result.turns.at(-3)!.text).toContain('I want to be a better manager');
    expect(reply).not.toContain('I want to be a better manager');
    const confirmed = await runConversation([...toTheDraft, 'Can we add that I will check in with Priya every Friday?', 'Yes, that looks right.']);
    expect(confirmed.state.statement?.status).toBe('confirmed');
  });
});
