import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { phrases } from '../helpers/content.js';
import { framedOutcome } from '../../server/phrase/framed-reflections.js';
import { echoFault } from '../../server/phrase/reflection-grammar.js';
import { withoutHedges } from '../../server/phrase/reflection-hedges.js';
import { openedLastTurn, pickFresh } from '../../server/phrase/reflection-stems.js';

/**
 * Say less, never wrong (issue #12): real clients' words are not echoed with their fillers,
 * hedges, non-native grammar or fragments. Each message below is a real client turn (AnnoMI or the
 * scripted messy clients) whose reply echoed the fault word for word before the grammar gate and
 * the hedge stage; the reply must now never carry it, and the coach must still reflect.
 */

const FAULTS: [string, RegExp][] = [
  ['a bare count noun', /\byou have bakery\b|\b(?:to|in|for) second shop\b|\benergy bill is\b|\bquality team leader in automotive\b/i],
  ['a third-person subject with a bare verb', /\bsomeone tell you\b|\bhe understand the problem\b/i],
  ['"since" with a duration', /\bsince (?:two|2) (?:months|years)\b/i],
  ['a colon fragment', /\bcount: in the next\b|\bmain thing:/i],
  ['a phrase doubled across a restart', /\bon the other on the other\b/i],
  ['a hedge given back', /\byou guess\b|\byou suppose\b|\bkind of an excuse\b|\bkind of messes\b/i],
  ['"like" as a filler', /\bhave like a\b|\bto like, get\b/i],
  ['the coach in the echo', /\bI know you're training\b/i],
];

const MESSAGES = [
  'Hello. I have bakery, two shops in Manchester, 9 staff. My accountant says coaching is good for owner. I am not sure.',
  'Ok ok. Problem is I do everything. In second shop the manager is Selin, he is good, but I still go there every day to check.',
  'Money is tight. Energy bill is double from two years. I cannot hire more manager now.',
  'I learn better when someone tell me after, directly, what was good and what was bad.',
  'Since two months I am tech lead in a fintech. In the meetings of architecture I stay quiet.',
  "Well, to be honest with you, I'm not even certain I'm going to take the medicine. Now, I know I got high cholesterol, I've got to get that down, but on the other on the other hand, this medicine can cause some severe muscle weakness.",
  "And I-- And really, it's kind of an excuse, I guess, cause I-I could probably make the time, but it's-it's easier to just keep working or-",
  'Yeah. It kinda messes things up.',
  "Um, you know, I guess I'll have to like, you know, get all of my information together.",
  "Well, you know I'm training for the marathon, and that's why I'm coming in, is because I need to be able to get my sleep back on track.",
  'Success is, I don\'t go to second shop for one week and nothing burns.',
  'And success, put something I can count: in the next three architecture meetings I post my opinion before',
];

describe('real clients: the reply never echoes the fault', () => {
  it('over a conversation of real turns, no reply carries a filler, a hedge, broken grammar or a fragment', async () => {
    const result = await runConversation(MESSAGES, { stopAtComplete: false });
    const replies = result.turns.filter((turn) => turn.role === 'coach').slice(1);
    // The reflections (the echo); the statement quotes the client as they wrote it and summaries are built elsewhere.
    const spoken = replies.flatMap((turn) => (turn.plan?.moves ?? []).filter((move) => move.kind.endsWith('reflection')).map((move) => move.text));
    const found = spoken.flatMap((text) => FAULTS.filter(([, pattern]) => pattern.test(text)).map(([name]) => `${name}: ${text}`));
    expect(found).toEqual([]);
    // Saying less is not saying nothing: the coach still reflects most of these turns.
    const reflecting = replies.filter((turn) => turn.plan?.moves.some((move) => move.kind.endsWith('reflection') || move.kind === 'summary'));
    expect(reflecting.length).toBeGreaterThanOrEqual(Math.ceil(replies.length / 2));
  });

  it.each(MESSAGES)('%s: its own reply carries none of the faults', async (message) => {
    const result = await runConversation(['I would like to talk about work.', message], { stopAtComplete: false });
    const last = result.turns[result.turns.length - 1]!;
    const reply = (last.plan?.moves ?? []).filter((move) => move.kind.endsWith('reflection')).map((move) => move.text).join(' ');
    expect(FAULTS.filter(([, pattern]) => pattern.test(reply)).map(([name]) => name)).toEqual([]);
  });
});

describe('the grammar gate on the words a reflection would echo', () => {
  it.each([
    ['you have bakery, two shops in Manchester, 9 staff', 'bare-noun-after'],
    ['you learn better when someone tell you after', 'third-person-subjects'],
    ['since two months you are tech lead', 'since-duration'],
    ['success, put something you can count: in the next three', 'colon-or-cut'],
    ['is difficult', 'verb-first'],
    ['like what, though?', 'question-mark'],
  ])('refuses %j (%s)', (words, entry) => {
    expect(echoFault(words)).toBe(entry);
  });

  it.each(['you have a bakery, two shops in Manchester', 'money is tight', 'your team never pushes back', 'Priya does the cover calls till Sunday', 'you were made nurse manager four months ago'])('passes %j', (words) => {
    expect(echoFault(words)).toBeNull();
  });

  it('a refused sentence sends the reflection to another sentence of the message, not to its broken words', () => {
    const text = 'I learn better when someone tell me after, directly, what was good and what was bad. My old manager in Sao Paulo did this, five minutes after each meeting.';
    const { framed, gated } = framedOutcome(phrases.reflections, text, 'you learn better when someone tell you after, directly, what was good and what was bad', 0, []);
    expect(gated).toBe(true);
    expect(framed?.text).toMatch(/your old manager in Sao Paulo did this/);
    expect(framed?.text).not.toMatch(/someone tell/);
  });
});

describe('hedges are taken out of the words to be echoed', () => {
  it.each([
    ["It's kind of an excuse, I guess, because I could probably make the time.", "It's an excuse, because I could probably make the time."],
    ['So it kind of messes things up.', 'So it messes things up.'],
    ['Basically, I do everything.', 'I do everything.'],
    ['Main thing: I end up doing everything myself.', 'I end up doing everything myself.'],
    ['What kind of job is it?', 'What kind of job is it?'],
    ['I guess so.', 'I guess so.'],
  ])('%j → %j', (text, echoable) => {
    expect(withoutHedges(text)).toBe(echoable);
  });
});

describe('a stock opener is not used in two turns running', () => {
  const stems = ['So {p}.', "You're saying {p}.", 'In other words, {p}.'];
  it('the stem whose opener began the last reply is passed over while another is fresh', () => {
    expect(pickFresh(stems, 0, { p: 'you have twenty minutes' }, ['So you do some of the rotas. What matters most to you?'])).toBe("You're saying you have twenty minutes.");
    expect(pickFresh(stems, 1, { p: 'you have twenty minutes' }, ["You're saying it's hard. What else?"])).toBe('In other words, you have twenty minutes.');
  });
  it('"So you could {b}" and "So {p}" open alike', () => {
    expect(openedLastTurn('So you could {b}.', ['So you do some of it.'])).toBe(true);
    expect(openedLastTurn('In other words, {p}.', ['So you do some of it.'])).toBe(false);
  });
  it('when every stem opened the last reply, one is still said', () => {
    expect(pickFresh(['So {p}.'], 0, { p: 'it helps' }, ['So that was the week.'])).toBe('So it helps.');
  });
});

describe('a feeling is named only when it adds something the client did not say', () => {
  const feelingMoves = async (message: string) => {
    const result = await runConversation(['I would like to talk about work.', message], { stopAtComplete: false });
    const last = result.turns[result.turns.length - 1]!;
    return (last.plan?.moves ?? []).filter((move) => (move.label ?? '').startsWith('names the feeling'));
  };

  it.each([
    // "I don't know" is a doubt or a filler; either way "you feel uncertain, because you don't know" says nothing.
    "I dunno. I just haven't figured out what to do with the new rota.",
    "Honestly I'm not sure if I want to stay on nights.",
    // The clause carries the feeling's root: "No wonder you feel overwhelmed, when it is overwhelming".
    'Yeah it is overwhelming, it really is.',
    'The whole handover is so frustrating for everyone involved.',
  ])('"%s": no feeling named over its own words', async (message) => {
    expect((await feelingMoves(message)).map((move) => move.text)).toEqual([]);
  });

  it('never names a feeling "about" a fragment that names no thing ("frustrated about annoyed")', async () => {
    expect((await feelingMoves('annoyed i guess. bit embarrassed. i dont wanna be that guy who shouts')).map((move) => move.text).join(' ')).not.toMatch(/about (?:annoyed|bit embarrassed)/);
  });

  it('an implied feeling is still named over the clause that implies it', async () => {
    const moves = await feelingMoves('There is way too much on my plate since two people left.');
    expect(moves.map((move) => move.text).join(' ')).toMatch(/overwhelmed/);
  });
});

describe('what the client says it is, not what it is not', () => {
  it('reflects "it\'s more that …" after "no, sorry, it\'s not that …", without the "no, sorry"', async () => {
    const result = await runConversation(['I would like to talk about work.', "No, sorry, it's not that I'm angry with him. It's more that I never know when he wants an update."], { stopAtComplete: false });
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/more that you never know when he wants an update/);
    expect(reply).not.toMatch(/\bno, sorry\b|not that you're angry/i);
  });

  it('does not give back a non-native speaker\'s "is more about …" (never "So is more about"), and asks rather than drafting a statement', async () => {
    const result = await runConversation(['I would like to talk about work.', 'No, no, is not about the money only. Is more about the respect, to be asked before the decision.'], { stopAtComplete: false });
    const reply = result.turns.at(-1)!.text;
    expect(reply).not.toMatch(/\b(?:so|saying) is\b|is more about the respect|not about the money only/i);
    expect(reply).not.toMatch(/statement/i);
    expect(reply).toMatch(/\?$/);
  });
});
