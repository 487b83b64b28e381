import { describe, expect, it } from 'vitest';
import { runConversation, shippedContent } from '../../eval/driver.js';
import { MODEL_FAULT, partFault } from '../../server/understand/part-check.js';
import { partProbabilities } from '../../server/understand/part-kind.js';

/**
 * The trained part reader (server/understand/part-kind.ts, content/models/parts.json): words lifted
 * from an answer that are no aim, no sign and no step — a rating, a remark, a bit of story, a joke —
 * are not written into the client's statement; words the client labelled as the part are not
 * second-guessed; real parts pass.
 */
const check = shippedContent.coach.partCheck;
const models = shippedContent.coach.models;

describe('the part reader on its own', () => {
  it.each([
    ['success', 'maybe 6 from 10'],
    ['success', 'writing the point is easy'],
    ['goal', 'kill me now, another reorg'],
    ['experiment', 'murder a coffee right now actually'],
    ['goal', 'the former has unfortunate connotations in our administration'],
    ['experiment', 'Declan and my wife'],
  ] as const)('refuses "%s: %s", lifted from an answer with no label', (kind, words) => {
    expect(partFault(check, kind, words)).toBe(MODEL_FAULT);
  });

  it.each([
    ['goal', 'get my evenings back without losing my regulars'],
    ['success', 'I say one thing in every Monday meeting'],
    ['success', 'nobody rings me on my day off'],
    ['experiment', 'write one point on my phone on Sunday evening'],
    ['experiment', 'block Friday mornings for planning'],
  ] as const)('lets the real part "%s: %s" pass', (kind, words) => {
    expect(partFault(check, kind, words)).toBeNull();
  });

  it('never second-guesses a part the client labelled themselves', () => {
    // Read alone, these words look like a complaint about others; said after "success =", they are the sign.
    expect(partProbabilities(models.parts, models.vectors, 'they actually do what we agreed').none).toBeGreaterThan(0.5);
    expect(partFault(check, 'success', 'they actually do what we agreed', 'success = they actually do what we agreed')).toBeNull();
  });

  it('reads the sentence the words came from before refusing them', () => {
    // "think about wholesale" alone reads as a scrap; in the sentence the client wrote it is their aim.
    expect(partFault(check, 'goal', 'think about wholesale', 'I want to think about wholesale, three cafes ask me already for supply.')).toBeNull();
  });
});

describe('in a conversation', () => {
  it('a rating and a remark given after the question about signs are not written as the sign', async () => {
    const { state } = await runConversation([
      'Hello. I want to talk about speaking up in meetings.',
      'I am welder. On Monday we have toolbox talk and I never say nothing.',
      'I want to say my opinion when I have it.',
      'Confidence... maybe 6 from 10. Writing the point is easy. To open my mouth in front of twenty men is other story.',
    ]);
    const signs = state.successSignals.map((sign) => sign.own ?? sign.text).join(' | ');
    expect(signs).not.toMatch(/6 from 10|easy/);
    expect(state.statement?.text ?? '').not.toMatch(/6 from 10|the point is easy/);
  });

  it('a yes that asks for a change in the same breath does not confirm the draft', async () => {
    const { state } = await runConversation([
      'I want to talk about speaking up in meetings.',
      "I'd know it's working when I say one thing in every Monday meeting.",
      'Maybe on Sunday evening I write on my phone one point for the meeting.',
      "Yes, is good. Only one small thing, you wrote 'every Monday meeting'. Can you change to 'most Monday meetings'?",
    ]);
    expect(state.statement?.status).not.toBe('confirmed');
  });
});

describe('the answer to the question about support', () => {
  const toThePlan = [
    'I want to talk about speaking up in meetings.',
    "I'd know it's working when I say one thing in every Monday meeting.",
    'My first step: on Sunday evening I write one point on my phone for the meeting.',
    'yes thats right',
  ];

  it.each([
    ['Declan, like I said. He is very patient with me.', 'Declan'],
    ['my wife probably, she will ask me every Monday', 'your wife probably'],
  ])('"%s" names the support, and the coach does not ask for it again', async (answer, support) => {
    const before = [...toThePlan, 'I start this Sunday.', 'not sure yet'];
    const asking = await runConversation(before);
    // The coach has just asked about support.
    expect(asking.turns.at(-1)!.text).toMatch(/support you|help or resources/);
    const { state, turns } = await runConversation([...before, answer, 'ok']);
    const asked = turns.filter((turn) => turn.role === 'coach').map((turn) => turn.text);
    const supportAt = asked.findLastIndex((text) => /support you|help or resources/.test(text));
    expect(state.plan.some((action) => action.support === support)).toBe(true);
    expect(asked.slice(supportAt + 1).some((text) => /support you|help or resources/.test(text))).toBe(false);
  });
});
