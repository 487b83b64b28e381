import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { splitSentences } from '../../server/understand/text.js';

/** Corrections of the draft said in chat, in the forms people use; each is made in the right part and shown again. */
const toTheDraft = [
  'I want to delegate more because I do everything myself',
  'I would know it works when I leave by six twice a week',
  'I could hand the weekly report to Sam next week',
];

async function corrected(message: string) {
  const before = await runConversation(toTheDraft);
  const after = await runConversation([...toTheDraft, message]);
  return { before: before.state.statement!, after: after.state, reply: after.turns.at(-1)!.text };
}

describe('corrections of the statement in chat', () => {
  it('has a draft to correct', async () => {
    const { state } = await runConversation(toTheDraft);
    expect(state.statement?.status).toBe('draft');
    expect(state.statement?.successIndicators.join(' ')).toMatch(/six/);
  });

  it.each([
    ['change the first experiment to: ask Sam to run Monday standup', 'firstExperiment', /^ask Sam to run Monday standup$/],
    ['Can you make the goal: be home for dinner three nights a week', 'goals', /^be home for dinner three nights a week$/],
    ['actually the experiment should be: let Sam chair the Friday review', 'firstExperiment', /^let Sam chair the Friday review$/],
    ['its less about delegating and more about trusting my team', 'goals', /^work on trusting my team$/],
    ['replace the bit about six with leaving before seven', 'successIndicators', /^leaving before seven$/],
    ['not Sam, Priya', 'firstExperiment', /^hand the weekly report to Priya next week$/],
    ['nah change the first step. next week is month end. make it give Sam the Friday report', 'firstExperiment', /^give Sam the Friday report$/],
    ['change Sam to Priya', 'firstExperiment', /^hand the weekly report to Priya next week$/],
    ['instead of six say half past five', 'successIndicators', /^I leave by half past five twice a week$/],
    ['the success bit is wrong, it should be home for bath time three nights a week', 'successIndicators', /^home for bath time three nights a week$/],
    ['swap the experiment for: ask Sam to chair Monday', 'firstExperiment', /^ask Sam to chair Monday$/],
    // The part named in one sentence and its new words in a later one, past a sentence saying what it is not.
    ["The goal's wrong. It's not about 'delegating more'. That sounds like a poster. It's about trusting my team with the Friday report. Put that.", 'goals', /^work on trusting my team with the Friday report$/],
  ])('"%s" changes %s to the new words, keeps the rest, and shows the statement again without confirming it', async (message, field, expected) => {
    const { before, after, reply } = await corrected(message);
    const statement = after.statement!;
    const value = field === 'firstExperiment' ? statement.firstExperiment : (statement[field as 'goals'] as string[])[0]!;
    expect(value).toMatch(expected);
    expect(statement.status).toBe('draft');
    expect(reply).toContain(statement.text);
    // The other parts are as they were.
    for (const other of ['goals', 'successIndicators', 'firstExperiment'] as const) if (other !== field) expect(statement[other]).toEqual(before[other]);
    // A correction is never heard as a need.
    expect(after.needs.flatMap((need) => need.evidence).join(' ')).not.toContain(message.slice(0, 20));
  });

  it('takes out the part pointed at, and asks for it again before the statement can be confirmed', async () => {
    const { after, reply } = await corrected("take out the bit about six, i don't care about that");
    expect(after.statement!.successIndicators).toEqual([]);
    expect(after.statement!.text).not.toMatch(/six/);
    expect(reply).toMatch(/\?$/);
    expect(reply).not.toMatch(/confirm the statement as it stands/);
  });

  it.each([
    "Statement looks ok, but take out the bit about six tho, that's not the point.",
    'Mostly fine. Cut the part about six.',
  ])('finds the correction in a later clause of "%s" and makes it, never as the experiment', async (message) => {
    const { before, after } = await corrected(message);
    expect(after.statement!.successIndicators).toEqual([]);
    expect(after.statement!.firstExperiment).toBe(before.firstExperiment);
    expect(after.statement!.status).toBe('draft');
  });

  it('says so plainly when the words to cut are nowhere in the statement', async () => {
    const { before, after, reply } = await corrected('remove the thing about purple');
    expect(after.statement!.text).toBe(before.text);
    expect(reply).toMatch(/^The statement doesn't mention "purple"/);
  });

  it('asks which part is meant when the words point at none', async () => {
    const { before, after, reply } = await corrected('cut that part');
    expect(after.statement!.text).toBe(before.text);
    expect(reply).toMatch(/^(?:Which part|I want to get this right)/);
  });
});

describe('acts read before content', () => {
  it.each(["I'm done", 'enough for today', 'can we stop here?', 'ok im done.'])('"%s" closes with the statement as it stands', async (stop) => {
    const result = await runConversation([...toTheDraft, stop]);
    expect(result.state.step).toBe('complete');
    const reply = result.turns.at(-1)!.text;
    expect(reply).toContain(result.state.statement!.text);
    expect(reply).not.toMatch(/here's what we've built|\?$/);
  });

  it('closes without a statement when nothing was said yet, and says so', async () => {
    const result = await runConversation(['are we done?']);
    expect(result.state.step).toBe('complete');
    expect(result.turns.at(-1)!.text).toMatch(/didn't get as far as a statement/);
  });

  it('does not close on "I\'m done with doing everything myself"', async () => {
    const result = await runConversation([toTheDraft[0]!, "I'm done with doing everything myself"]);
    expect(result.state.step).not.toBe('complete');
  });
});

describe('a correction that would change nothing', () => {
  it('is not claimed as made: the coach asks which part they mean', async () => {
    const { before, after, reply } = await corrected('change the first experiment to: hand the weekly report to Sam next week');
    expect(after.statement!.text).toBe(before.text);
    expect(reply).not.toMatch(/made that change|Done\. The statement now reads|Changed\. Here it is/);
    expect(reply).toMatch(/Which part|which part/);
  });
});

describe('corrections one after another, and a part named beside a quote of what it should not say', () => {
  it('still applies "change the first step to …, not \'…\'" after a word of the draft was cut in chat', async () => {
    const result = await runConversation([
      ...toTheDraft,
      "Take out 'twice a week', I only want to count the days I manage.",
      "And change the first step to hand the report to Sam this Friday, not 'next week'. Next week is too late.",
    ]);
    const statement = result.state.statement!;
    expect(statement.firstExperiment).toMatch(/^hand the report to Sam this Friday$/);
    expect(statement.text).toContain('hand the report to Sam this Friday');
    expect(statement.text).not.toMatch(/twice a week/);
    expect(statement.status).toBe('draft');
  });

  it('keeps a title and the name after it together ("Eng. Kamau") when giving a sentence back', async () => {
    const result = await runConversation([...toTheDraft, 'Support: I will message Dr. Achebe on Monday to book twenty minutes with her.']);
    expect(result.turns.at(-1)!.text).toMatch(/message Dr\. Achebe on Monday to book twenty minutes/);
    expect(splitSentences('My supervisor is Eng. Kamau, and he signs. Mr Otieno does not.')).toEqual(['My supervisor is Eng. Kamau, and he signs.', 'Mr Otieno does not.']);
  });

  it('hears "Thanks — bye." after agreeing as a goodbye', async () => {
    const result = await runConversation([...toTheDraft, 'Good, that reads right now. Thanks — bye.']);
    expect(result.state.step).toBe('complete');
  });
});

describe('a part restated plainly after the draft', () => {
  it('makes "Goal is to …" the goal, without the sentences after it', async () => {
    const { after } = await corrected('This is not the goal. Goal is to trust my team with the weekly report. Please can you change it?');
    expect(after.statement?.goals).toEqual(['trust my team with the weekly report']);
    expect(after.statement?.text).toMatch(/^I want to trust my team with the weekly report\./);
  });
});

describe('a change worded "to \'A\' rather than \'B\'"', () => {
  it('makes A the new words, and never writes the quotes or "rather than" into the statement', async () => {
    const { after } = await corrected("That's close, but can you change the goal to 'trusting Sam with the report' rather than 'delegating more'?");
    expect(after.statement?.goals.join(' ')).toMatch(/trusting Sam with the report/);
    expect(after.statement?.text).not.toMatch(/rather than|'trusting|report'/);
  });
});

describe('a new day said alone', () => {
  const withADay = ['I want to delegate more because I do everything myself', 'I would know it works when I leave by six twice a week', 'I could hand the weekly report to Sam on Friday'];

  it.each(['make it thurs shes off fri', 'Thursday not Friday', 'oh wait, change it to thursday'])('"%s" takes the place of the one day in the statement', async (message) => {
    const { state } = await runConversation([...withADay, message]);
    expect(state.statement?.firstExperiment).toBe('hand the weekly report to Sam on Thursday');
    expect(state.statement?.status).toBe('draft');
  });

  it('is not read as a change when the statement holds no day to swap', async () => {
    const { state } = await runConversation([...toTheDraft, 'make it thursday']);
    expect(state.statement?.firstExperiment).toBe('hand the weekly report to Sam next week');
  });
});

describe('two quotes, the second in the first one\'s place', () => {
  it("\"the aim bit sounds too positive. not 'A'. more like 'B'\" makes B the aim, written as a verb goes", async () => {
    const { state } = await runConversation([
      ...toTheDraft,
      "it's ok. the aim bit sounds a bit too positive though. not 'rediscover passion for my work'. more like 'feel less stuck and learn something new at work'.",
    ]);
    expect(state.statement?.goals).toEqual(['feel less stuck and learn something new at work']);
    expect(state.statement?.successIndicators.join(' ')).not.toMatch(/more like/);
    expect(state.statement?.status).toBe('draft');
  });
});

describe('a yes to the question about the draft as a whole', () => {
  it('"Yes, now is correct." after "what would you change or add?" confirms the draft', async () => {
    const asked = await runConversation([...toTheDraft, 'no not really']);
    expect(asked.turns.at(-1)!.text).toMatch(/capture it|truer to what you want|doesn't sound like you/);
    const { state } = await runConversation([...toTheDraft, 'no not really', 'Yes, now is correct.']);
    expect(state.statement?.status).toBe('confirmed');
  });
});
