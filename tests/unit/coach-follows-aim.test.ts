import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';

/**
 * What waits for the client's own aim: a first experiment ("what small change could you try to test
 * this?") and a limit given back as "a limit any plan has to respect" both presume something they
 * want. A step offered where a sign was asked for is their step, not a sign of progress.
 */
const RESISTANT = [
  "Well, my wife's been getting on me a lot lately about my health habits, and I really don't see the big problem. I've been working hard. Sometimes I can't come home for dinner, so I eat out at a chain place, but she seems to have a bigger problem with it than me.",
  'I feel fine.',
  "My work is manual, I'm out in the sun all day, so I sweat most of it out anyway.",
  "Well, a little bit, but nothing much. I'm not bloated or anything.",
];

const coachReplies = (turns: { role: string; text: string }[]) => turns.filter((turn) => turn.role === 'coach').map((turn) => turn.text);

describe('the coach waits for an aim of the client\'s own', () => {
  it('asks for no first experiment while the client has said nothing they want', async () => {
    const { turns, state } = await runConversation(RESISTANT);
    expect(state.goals).toEqual([]);
    for (const reply of coachReplies(turns)) expect(reply).not.toMatch(/\b(?:experiment|small change you could try|to test this)\b/i);
  });

  it('gives back no limit "any plan has to respect" before there is an aim', async () => {
    const { turns } = await runConversation(RESISTANT.slice(0, 1));
    expect(turns.at(-1)!.text).not.toMatch(/limit any plan|plan has to respect/);
  });

  it('still gives back a limit once they have said what they want', async () => {
    const { turns } = await runConversation([
      'I want to stop doing every close myself and get the team leads to cover sickness.',
      'yes, go ahead',
      "We're down four heads since Christmas and there's a recruitment freeze till April.",
    ]);
    expect(turns.at(-1)!.text).toMatch(/recruitment freeze/i);
  });
});

describe('a step offered as a sign of progress', () => {
  it('becomes the first experiment, not "I\'ll know it\'s working by this: I\'ll block…"', async () => {
    const { turns, state } = await runConversation([
      'I want to get on top of my priorities; everything is urgent and I say yes to everyone.',
      'ok',
      "I'll block two hours every Friday morning for planning.",
    ]);
    // The coach's reply to "ok" asked what would tell them they are making progress.
    expect(turns[turns.length - 3]!.text).toMatch(/making progress|it's working/);
    expect(state.experiment?.quote ?? '').toMatch(/block two hours every Friday morning/);
    expect(state.successSignals.map((signal) => signal.quote).join(' ')).not.toMatch(/block two hours/);
    expect(turns.map((turn) => turn.text).join('\n')).not.toMatch(/working by this: I'll block/);
  });

  it('keeps a count they will keep as a sign ("I\'ll track how many…")', async () => {
    const { state } = await runConversation([
      'I want to get on top of my priorities; everything is urgent and I say yes to everyone.',
      'ok',
      'I\'ll track how many unplanned tasks land each week.',
    ]);
    expect(state.experiment).toBeNull();
  });
});

describe('the agreement passed in one turn', () => {
  it('moves on when the first answer is a topic, even one that says "stop" or "worried about"', async () => {
    for (const first of [
      "I got caught shoplifting again and got suspended, so I'm going to mess up my whole life unless I can stop this.",
      "I'm worried about my new team; they don't bring me problems until it's too late.",
    ]) {
      const { state, turns } = await runConversation([first]);
      expect(state.step).toBe('create_partnership');
      expect(turns.at(-1)!.text).not.toMatch(/how much time/i);
    }
  });

  it('asks what they want to talk about when the first answer only sets the scene', async () => {
    const { state, turns } = await runConversation(["Hi, um, so I'm- I'm a ward manager, acute medical ward, twenty-eight beds. I'm doing this on voice because I'm, I'm walking to the car park [laughs]"]);
    expect(state.step).toBe('clarify_agreement');
    expect(turns.at(-1)!.text).toMatch(/\?$/);
    expect(turns.at(-1)!.text).not.toMatch(/car park/);
  });

  it('takes anything said on being asked again as the topic, and asks neither the time nor a yes', async () => {
    for (const messages of [
      ['hi', 'idk tbh. work stuff. got offerd shift lead trial'],
      ['hiya. so how does this work, do i just type?', 'ok cool. and is this private? like my gaffer wont see it?', "what do you mean focus on, like one thing? theres a few things tbh. mainly im 2nd year apprentice plumber and i dunno if im actually any good at it. is that a normal thing to bring?"],
      ['Hello. Not sure I will be much good at this.', 'No idea. You tell me.', "Fine. They've given me two juniors. Apparently I'm meant to be 'developing' them."],
    ]) {
      const { state, turns } = await runConversation(messages);
      expect(state.step).toBe('create_partnership');
      for (const reply of coachReplies(turns)) expect(reply).not.toMatch(/how much time|how long can you stay|shall we start|only go on if and when/i);
    }
  });

  it('never takes a question about privacy as the topic, nor "don\'t want to mess it up" as a no', async () => {
    const asked = await runConversation(['hi', 'is this private? like my gaffer wont see it?']);
    expect(asked.state.agreement.purpose).toBeNull();
    const worried = await runConversation(['hi', 'yeh sort of. dont want to mess it up']);
    expect(worried.state.agreement.consent).toBe(true);
    expect(worried.state.step).toBe('create_partnership');
  });

  it('waits for a yes when the first answer hesitates', async () => {
    const { state } = await runConversation(["I'd like to talk about my workload. But hang on, who reads this?"]);
    expect(state.step).toBe('clarify_agreement');
  });
});

describe('the aim asked from another angle', () => {
  it('is not asked again straight after the first time ("a few months from now?" then "a few weeks from now?")', async () => {
    const { turns } = await runConversation([RESISTANT[0]!, 'I feel fine.']);
    const replies = coachReplies(turns);
    expect(replies.at(-2)).toMatch(/different a few months from now/);
    expect(replies.at(-1)).not.toMatch(/what would be different|what do you want to be different|a few weeks from now/i);
  });
});
