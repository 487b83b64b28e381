import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';

/**
 * The plan builds on the statement: its first experiment is the plan's first action, so the coach
 * asks when and how progress shows, never "what's the first action?" about a step already given.
 * A thank-you with a word on the session, sentences apart, is a goodbye.
 */
const garden = [
  "I'd like to work on handing over the weekly stock order",
  'I run a small garden centre and I do every order myself, usually on Sunday night',
  'I want to hand the weekly stock order to Priya',
  "I'll know it's working when I haven't opened the order sheet for a month",
  'I could sit with Priya for the next order and let her do the typing',
  "yes, that's right",
  'thursday afternoon',
];

describe('the plan step after a confirmed statement', () => {
  it('takes the first experiment as the first action and asks by when, not for a first action', async () => {
    const { turns, state } = await runConversation(garden.slice(0, 6));
    const entering = turns.at(-1)!;
    expect(state.step).toBe('construct_plan');
    expect(entering.text).toContain("You already said you'd sit with Priya for the next order and let her do the typing.");
    expect(entering.text).not.toMatch(/first action/i);
    expect(state.plan.map((action) => action.what)).toEqual(['sit with Priya for the next order and let her do the typing']);
  });

  it('reads the answer as the date of that action', async () => {
    const { state } = await runConversation(garden);
    expect(state.plan).toHaveLength(1);
    expect(state.plan[0]!.byWhen?.toLowerCase()).toContain('thursday');
  });

  it('never reads a question of theirs as a detail of the action ("Does that count?" is no measure)', async () => {
    const { state } = await runConversation([...garden.slice(0, 6), 'thursday afternoon. my sister could help me, does that count?']);
    expect(state.plan[0]!.byWhen?.toLowerCase()).toContain('thursday');
    expect(state.plan[0]!.measure).toBeNull();
  });

  it('takes an action named in answer as the sharper wording of that first action, not a second one', async () => {
    const { state } = await runConversation([...garden.slice(0, 6), "I'll ask Priya to type Thursday's order while I watch, by Thursday"]);
    expect(state.plan).toHaveLength(1);
    expect(state.plan[0]!.what).toMatch(/ask Priya to type Thursday's order/);
  });
});

describe('a goodbye said as thanks and a word on the session', () => {
  it.each(['ok. thanks. it was alright actually. less painful than I expected', 'Thanks. That helped more than I thought.'])('%s closes the conversation', async (goodbye) => {
    const { state, turns } = await runConversation([...garden, goodbye]);
    expect(state.step).toBe('complete');
    expect(turns.at(-1)!.text).toContain('Your partnership statement reads');
  });
});
