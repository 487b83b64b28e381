import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';

/** Questions about keeping the statement and what comes next are answered, not passed over. */
const CLIENT = [
  'Hello. I coordinate volunteers for a food bank, about 30 people.',
  'I want to stop doing every rota myself.',
  "I'd know it's working when two coordinators build the rota without me for a month.",
];

describe('questions about the statement itself', () => {
  it('"do i get a copy?" is answered with how to keep it', async () => {
    const result = await runConversation([...CLIENT, '8 out of 10. so what happens now, do i get a copy?'], { stopAtComplete: false });
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/download/i);
    expect(reply).toMatch(/share/i);
  });

  it('"ok whats next" is answered with what comes next', async () => {
    const result = await runConversation([...CLIENT, 'ok whats next'], { stopAtComplete: false });
    // The answer names what comes after the statement (the plan and the coach), not only how to confirm it.
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/confirm/i);
    expect(reply).toMatch(/(?:plan|first step concrete).*coach/i);
  });
});

describe('a question asked as the step moves on', () => {
  it('is answered in a line before the next step begins', async () => {
    const result = await runConversation([
      'Hello. I coordinate volunteers for a food bank, about 30 people.',
      'Yes, that is all fine.',
      'I want to stop doing every rota myself.',
      "I'd know it's working when two coordinators build the rota without me for a month.",
      'My first step is to show Dana how I build it this Friday.',
      'yes that is right',
      'by Friday. Dana can help. measure is the rota done without me. does a note on my phone count?',
    ], { stopAtComplete: false });
    const reply = result.turns.at(-1)!.text;
    // The measure was read (not asked again) and the question answered before the step goes on.
    expect(reply).not.toMatch(/How will you see that it's making a difference\?/);
    expect(reply).toMatch(/can't (?:judge|tell) that/);
    expect(reply.indexOf("can't")).toBeLessThan(reply.indexOf('plan'));
  });
});
