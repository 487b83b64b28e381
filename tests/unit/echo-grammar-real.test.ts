import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { echoFault } from '../../server/phrase/reflection-grammar.js';

/**
 * No ungrammatical echo (issue #12): the words below are what the coach gave back, after the
 * pronoun swap, to real client turns of the development sets (AnnoMI and the scripted messy
 * clients) before these kinds were refused. A fluent speaker would not say any of them back; the
 * gate now refuses each, and still passes the well-formed echoes of the same conversations.
 */

const REFUSED: [string, string][] = [
  ["it's normal for university students you feel", 'a tag left at the end'],
  ["you don't know, you're getting pretty frustrated with her", "a 'you don't know' aside"],
  ["you were getting bored and, you don't know, it's nice to stand out a bit", "a 'you don't know' aside"],
  ["you've barely been able to swallow today and you're", 'a clause cut on its subject'],
  ['you lit it on fire but you', 'a clause cut on its subject'],
  ["now, you're probably", 'a clause cut on its subject'],
  ["it's either", 'a clause cut on its subject'],
  ['the problem that you\'re really having is getting somebody motivated to do something such as move out of your house, the problem that you\'re really having is', 'a clause cut on its verb'],
  ["a few schools in the area, you're looking maybe to apply out-of-state", 'a fronted topic'],
  ['the orders, the flour supplier, the rotas, the social media, you check every cake before it goes in window', 'a fronted topic'],
  ['doctor, you made an appointment with me finally', 'a fronted topic'],
  ["how you learn, you don't know, you've never really thought about it", 'a fronted object'],
  ['the accent you cannot change and is ok', "'and is' with no subject"],
  ['Pretty good', 'a sentence start carried in'],
  ['Pretty straightforward', 'a sentence start carried in'],
  ['not much to say', 'a negated fragment'],
  ["haven't seen your kids awake on a weekday in 2 weeks", 'a dropped subject'],
  ['about every joint like especially your knees', "'like' as a filler"],
  ['you find it like acceptable in that regard', "'like' as a filler"],
  ['if somebody says something about you, it gets you mad because like what the heck', "'like' as a filler"],
  ['you need some strategies for figuring out how to ease stress without, getting high', 'a comma inside a phrase'],
  ['what you want is to, play with your dog', 'a comma inside a phrase'],
  ['ever since you started becoming conscious of your body', 'a subordinate clause alone'],
  ["as long as you're not changing anything and you're just putting pen to paper or something", 'a subordinate clause alone'],
  ["that's, it's absolutely right that you want change but you're not", 'a restart'],
  ['you know she wants you live a long time and be healthy', "'to' dropped"],
  ["you'd tell I right up front, you do not want to hear anything about it", "'I' as an object"],
  ["it's you started smoking when you were 13, 14 at home", 'a broken clause'],
  ["all your grades are A's and B's, so, yeah", 'slang given back'],
  ["sure as long as you don't talk too much about vodka", 'an interjection opener'],
  ['good morning, doctor', 'an interjection opener'],
  ['boy, do you love that OJ', 'a question inside a statement'],
  ["you are Rafael, you work as developer in a fintech in Berlin", 'a missing article'],
];

const PASSED = [
  'you never have time to sit and think',
  'money is tight',
  "you're counted in the numbers half the time",
  "you've got a free period, so 40 minutes, unless a fight breaks out",
  'you have a friend who does it and she just raves about it',
  "you don't know what you're going to do about it",
  'your old manager in Sao Paulo did this, five minutes after each meeting',
  'you like the way it tastes, you like the way it makes you feel',
  "she's fine, nursery's fine",
  "you've been up here since you were 18",
  "you're not sure what you think",
  'every morning, you walk the dog and sort things out in your head',
];

describe('the grammar gate on echoes the coach gave to real clients', () => {
  it.each(REFUSED)('refuses %j (%s)', (words) => {
    expect(echoFault(words)).not.toBeNull();
  });

  it.each(PASSED)('passes %j', (words) => {
    expect(echoFault(words)).toBeNull();
  });
});

/** Each message is a real client turn whose reply, before these rows, echoed the words after it. */
const TURNS: [string, RegExp][] = [
  ["Yes. I think it's normal for university students, I feel.", /\bstudents you feel\b/i],
  ["Um, I don't know, I'm getting pretty frustrated with her, she never listens.", /\byou don't know, you're getting\b/i],
  ['Um, a few schools in the area, I\'m looking maybe to apply out-of-state.', /\bin the area, you're looking\b/i],
  ['Hmm. Pretty good, I guess.', /\bPretty good\b/],
  ["Well, I've barely been able to swallow today and I'm-", /\band you're\.$/i],
];

describe('real client turns: the reply does not echo the broken words', () => {
  it.each(TURNS)('%s', async (message, broken) => {
    const result = await runConversation(['I would like to talk about how things are going.', message], { stopAtComplete: false });
    const last = result.turns[result.turns.length - 1]!;
    const reflections = (last.plan?.moves ?? []).filter((move) => move.kind.endsWith('reflection')).map((move) => move.text);
    expect(reflections.filter((text) => broken.test(text))).toEqual([]);
  });
});
