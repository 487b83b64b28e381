import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { findSuccessSignals } from '../../server/understand/slots.js';
import { cleanText } from '../../server/understand/clean.js';
import { coachContent } from '../helpers/content.js';

/**
 * A draft put to the client in the same reply as an answer to their question is kept, so what they
 * say about it next (a correction, a yes) applies to it; a sign whose marker follows it is read; a
 * quote closed after a word the cleaner respells keeps its closing mark.
 */
describe('a draft shown after answering a question of theirs', () => {
  const client = [
    'I want to stop being so dependent on one big customer',
    'I run a small print studio and one agency is most of my work',
    "If I had two new customers of my own by the end of summer, that'd feel like it's working.",
    'Maybe I email three people I used to work with and tell them I take small jobs now. Is that too small?',
  ];

  it('keeps the draft it showed, so a correction of its sign is applied', async () => {
    const shown = await runConversation(client);
    expect(shown.turns.at(-1)!.text).toContain("I'll know it's working if I had two new customers of my own by the end of summer.");
    expect(shown.state.statement?.successIndicators).toEqual(['if I had two new customers of my own by the end of summer']);
    const corrected = await runConversation([...client, "Can I change the sign bit? Not 'two new customers', too far off. Just 'one paying customer of my own by the end of June'."]);
    expect(corrected.state.statement?.successIndicators).toEqual(['one paying customer of my own by the end of June']);
    expect(corrected.turns.at(-1)!.text).toContain('one paying customer of my own by the end of June');
  });
});

describe('a sign with its marker after it', () => {
  it.each([
    ["If I had two direct clients by, say, end of June, that'd feel like it's working.", 'if I had two direct clients by, say, end of June'],
    ['when the rota is done by thursday that would be a win', 'when the rota is done by thursday'],
  ])('%s → %s', (sentence, sign) => {
    expect(findSuccessSignals(sentence, 1, false).map((slot) => slot.own)).toEqual([sign]);
  });
});

describe('a quote closed after a respelled word', () => {
  it('keeps its closing mark', () => {
    expect(cleanText("Just 'one direct paying client by end of june'.", coachContent.clean).text).toBe("Just 'one direct paying client by end of June'.");
  });
});
