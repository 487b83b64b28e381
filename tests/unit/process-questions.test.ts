import { describe, expect, it } from 'vitest';
import { findProcessQuestion } from '../../server/understand/intents.js';
import { coachContent } from '../helpers/content.js';
import { runConversation } from '../../eval/driver.js';
import { repeatedQuestions } from '../../eval/coach-metrics.js';

describe('findProcessQuestion', () => {
  it.each([
    ['What do you mean by that?', 'clarify'],
    ['Sorry, I don\'t understand the question.', 'clarify'],
    ['Could you rephrase that?', 'clarify'],
    ['Sorry?', 'clarify'],
    ['Can you give me an example?', 'example'],
    ['Like what?', 'example'],
    ['Honestly, what would you do in my position?', 'advice'],
    ['Any advice for me?', 'advice'],
    ['How long will this take?', 'duration'],
    ['How long will it take?', 'duration'],
    ['How many more questions are there?', 'duration'],
  ])('reads "%s" as %s', (text, kind) => expect(findProcessQuestion(coachContent.intents, text)).toBe(kind));

  it.each([
    'How long will it take my team to adjust to the new rota?',
    'sorry my flatmate just walked in with pizza, one sec',
    'My manager asked what I would do if the budget went.',
    "I don't know what I mean by success yet, honestly.",
    'I tell everyone what to do all day and I am tired of it.',
    'We had a long meeting about what the new process means for the night shift and nobody agreed.',
  ])('does not read "%s" as a question about the conversation', (text) => expect(findProcessQuestion(coachContent.intents, text)).toBeNull());
});

const start = ['I want to get better at giving feedback to my team.'];

describe('questions about the conversation, answered', () => {
  it('explains the question it just asked, with an example, instead of calling it off topic or reflecting it', async () => {
    const result = await runConversation([...start, 'What do you mean by that?']);
    const asked = result.turns.at(-3)!.text;
    const reply = result.turns.at(-1)!.text;
    expect(asked).toMatch(/\?$/);
    expect(reply).toMatch(/^I mean /);
    expect(reply).toMatch(/For example/);
    expect(reply).not.toMatch(/outside what I can help with|You're saying|So you/);
  });

  it.each(['whats an experiment', 'ok what is a sign of progress'])('"%s", typed without a question mark, is a question about that part and gets it explained', async (message) => {
    const result = await runConversation([...start, message]);
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/For example/);
    expect(reply).not.toMatch(/You're saying|So you|Right:/);
  });

  it('explains the part the question names, not the last question, and reads the next message as its answer', async () => {
    const result = await runConversation([...start, "What's a first small experiment for something like this? Can you give me an example?"]);
    expect(result.turns.at(-1)!.text).toMatch(/^I mean one small thing you could try soon/);
    const signs = await runConversation([...start, 'Success... like what? Numbers of people?', 'Okay, both then. Regulars who come back week after week, and me enjoying Thursdays again.']);
    expect(signs.turns.at(-3)!.text).toMatch(/^I mean a sign you could notice/);
    // The answer after the explanation is the sign asked for, not the question before it.
    expect(signs.state.successSignals.map((signal) => signal.quote)).toEqual(['Regulars who come back week after week, and me enjoying Thursdays again.']);
    expect(signs.state.successSignals.some((signal) => /numbers of people/i.test(signal.text))).toBe(false);
  });

  it('names the part asked about even without a question mark ("give me an example of a first step")', async () => {
    const result = await runConversation([...start, 'give me an example of a first step']);
    expect(result.turns.at(-1)!.text).toMatch(/^I mean one small thing you could try soon/);
  });

  it.each(['can the check-in be next week?', 'Last question, can I come back after the trial and tell you how it went?'])('answers "%s" as theirs to choose, not with how the conversation works', async (question) => {
    const reply = (await runConversation([...start, question])).turns.at(-1)!.text;
    expect(reply).toMatch(/yours to choose|You decide that/);
    expect(reply).not.toMatch(/Here's how it works/);
  });

  it('does not repeat the same explanation when asked for an example right after', async () => {
    const result = await runConversation([...start, 'What do you mean by that?', 'Can you give me an example?']);
    const [first, second] = [result.turns.at(-3)!.text, result.turns.at(-1)!.text];
    expect(second).not.toBe(first);
    expect(second).toMatch(/no right answer/);
    expect(second).toMatch(/\?$/);
  });

  it.each(['Honestly, what would you do in my position?', 'just tell me what to do'])(
    'gives one idea when asked for advice ("%s"): the request is the permission; it is one option, followed by how it fits, and never given twice',
    async (request) => {
      const given = (await runConversation([...start, request])).turns.at(-1)!.text;
      expect(given).not.toMatch(/position keeps coming up|You're saying|Would you like a suggestion/);
      expect(given).toMatch(/^One idea, to take or leave: /);
      expect(given).toMatch(/\?$/);
      const again = (await runConversation([...start, request, request])).turns.at(-1)!.text;
      expect(again).toMatch(/on the table already/);
      expect(again).not.toContain(given.split('?')[0]!);
    },
  );

  it('says how long this takes and where we are, then comes back to its question', async () => {
    const result = await runConversation([...start, 'How long will this take?']);
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/15 to 30 minutes/);
    expect(reply).toMatch(/step 2 of 4, create a partnership/);
    expect(reply).toMatch(/Back to my question: /);
    expect(result.state.step).toBe('create_partnership');
  });

  it('asked for a framework after an idea, gives the shape this conversation follows once, never "that idea is on the table already"', async () => {
    const result = await runConversation([...start, 'I sew till 2am most nights because customers want everything rushed.', 'What would you do if you were me?', 'Abeg just give me a framework. Something I can follow', 'Give me a framework please']);
    const coach = result.turns.filter((turn) => turn.role === 'coach').map((turn) => turn.text);
    expect(coach.at(-2)).toMatch(/what you want to be different, how you'd notice it's working, and one small step/);
    expect(coach.at(-2)).not.toMatch(/on the table already/);
    expect(coach.at(-1)).not.toMatch(/The shape I work with/);
    // Asked first, before any idea: the framework; asked again, one idea.
    const first = await runConversation([...start, 'can you just give me a framework?', 'can you just give me a framework?']);
    const replies = first.turns.filter((turn) => turn.role === 'coach').map((turn) => turn.text);
    expect(replies.at(-2)).toMatch(/^The shape I work with/);
    expect(replies.at(-1)).toMatch(/^One idea, to take or leave: /);
  });
});

describe('"not sure", a recap, and a first message about someone else', () => {
  it('opens up a question the statement needs after "I don\'t know", and moves on after a second one', async () => {
    const opener = ['My manager wants me to present more in leadership meetings and I freeze up.'];
    const once = await runConversation([...opener, "I don't know."]);
    expect(once.turns.at(-3)!.text).toMatch(/\?$/);
    expect(once.turns.at(-1)!.text).toMatch(/^I mean /);
    const twice = await runConversation([...opener, "I don't know.", "I don't know, honestly."]);
    expect(twice.turns.at(-1)!.text).not.toMatch(/^I mean|no right answer/);
    expect(repeatedQuestions(twice.turns)).toEqual([]);
  });

  it('takes "my manager wants me to… and I freeze up" as the purpose, not as scene-setting', async () => {
    const result = await runConversation(['My manager wants me to present more in leadership meetings and I freeze up.']);
    expect(result.state.agreement.purpose?.quote).toMatch(/freeze up/);
  });

  it('sums up when asked, comes back to its question, and does not sum up again next turn', async () => {
    const story = ['I end up rewriting everyone\'s reports because the feedback I give is too vague.', 'Mostly with the two newest analysts on the team.'];
    const messages = [...start, ...story, 'Can you summarise what I\'ve said so far?'];
    const result = await runConversation(messages);
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/(?:Putting it together|from what you've said|Pulling the threads together)/);
    expect(reply).toMatch(/Back to my question: /);
    expect(result.state.agreement.purpose?.quote).not.toMatch(/summarise/);
    const SUMMARY = /(?:Putting it together|from what you've said|Pulling the threads together)/;
    const next = await runConversation([...messages, 'I want my team to get it right the first time.']);
    expect(next.turns.at(-1)!.text).not.toMatch(SUMMARY);
  });
});
