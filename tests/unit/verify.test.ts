import { describe, expect, it } from 'vitest';
import { checkSentence, sentencesOf, verifyPlan, type VerifyContent } from '../../server/phrase/verify.js';
import type { CoachPlan } from '../../server/domain/coach-plan.js';
import { coachContent } from '../helpers/content.js';

const content: VerifyContent = { clean: coachContent.clean, ...coachContent.verify };
const check = (sentence: string, recent: string[] = []) => checkSentence(content, sentence, recent);

describe('the sentence verifier', () => {
  it.each([
    // Noise echoed from real transcribed speech and chat.
    ['noise', "You're saying you-- If-if you were getting fallen down drunk."],
    ['noise', "So as you see it, it's because you've been eating more fruits and vegetables, that- that's it."],
    ['noise', 'So you had, um, a rough week.'],
    ['noise', 'idk is what you said about the plan.'],
    ['echoed filler', 'Mm-hmm, then.'],
    ['echoed filler', "So it's, I know, a lot to carry."],
    ['echoed filler', 'In other words, cool, so both with the foods and the activity.'],
    // What a pronoun swap or a cut clause leaves behind.
    ['agreement', 'It sounds like you has a lot on.'],
    ['broken swap', 'So you you want more time.'],
    ['broken clause', "Putting it together, you want to it's just the doing it that seems to not happen."],
    ['dangling', 'In other words, you would be working to find things that you like to.'],
    ['dangling', "You'd know it's working when you think, yeah, the"],
    ['dangling', 'Here\'s the statement: "My first experiment would be to."'],
    ['stray capital', 'So Obviously, you need to cut back on the fruit juice.'],
    ['stray capital', 'So you Can change the plan.'],
    ['misfilled frame', 'So you Can I change the plan.'],
    ['stray capital', "So you Don't like being asked to decide on the spot."],
    ['empty part', 'My first experiment: do.'],
    ['stray capital', "What I'm hearing is that you don't get timid, You get quieter."],
    ['empty part', 'You committed with a confidence of unstated out of 10.'],
    ['too long', `So you do ${Array.from({ length: 12 }, (_, index) => `the job number ${index + 1} and`).join(' ')} the rest is what you want.`],
  ])('refuses (%s): %s', (reason, sentence) => {
    expect(check(sentence)).toBe(reason);
  });

  it.each([
    'What would you most like to be different a few months from now?',
    'Who do you work with?',
    "There's no right answer here, and a rough one is plenty to start with.",
    "In other words, you've picked up three extra shifts this month because nobody else could.",
    "In other words, part of you wants to change and part of you doesn't.",
    "You're saying that's the bit you avoid thinking about.",
    'So we\'ll check in every Friday.',
    'What you’re after is your team to get it right the first time.',
    'That matters to you, Maria.',
    'So you could post your opinion in the Slack channel before the meeting.',
    'You want to speak English with more confidence.',
    'Here\'s a draft partnership statement in your words: "I want to delegate the weekly report. My first experiment: hand Sam the report on Friday."',
  ])('lets a well-formed sentence through: %s', (sentence) => {
    expect(check(sentence)).toBeNull();
  });

  it('refuses a sentence said in the last replies, not one said long ago', () => {
    const line = 'One part is still missing before you confirm it.';
    expect(check(line, [`Here's the statement: "I want more time." ${line} What would tell you it's working?`])).toBe('repeat');
    expect(check('I see.', ['I see.'])).toBeNull();
    expect(check(line, [])).toBeNull();
  });

  it('splits sentences but keeps a quoted statement whole', () => {
    expect(sentencesOf('Here it is: "I want more time. My first experiment: ask Sam." Does that sound right?')).toEqual([
      'Here it is: "I want more time. My first experiment: ask Sam."',
      'Does that sound right?',
    ]);
  });

  it('every stock line the coach can say passes', () => {
    const lines = [
      ...coachContent.phrases.questions.map((question) => question.text.replace('{topic}', 'the rota gaps')),
      ...Object.values(coachContent.verify.fallbacks.questions).flat(),
      ...coachContent.verify.fallbacks.heard,
      ...coachContent.verify.fallbacks.feeling.map((stem) => stem.replace('{feeling}', 'stuck')),
      ...coachContent.phrases.templates.statementExhausted,
      ...coachContent.phrases.templates.aboutCoach,
      // Lines with no slot, said as written (a shrug is answered with one of these); a lead ending
      // in a colon is always followed by the statement, so it is checked with it elsewhere.
      ...coachContent.phrases.reflections.uncertain,
      ...Object.values(coachContent.phrases.templates).flatMap((value) => (Array.isArray(value) ? value : [value])).filter((line): line is string => typeof line === 'string' && !line.includes('{') && !line.trim().endsWith(':')),
      ...coachContent.advice.offer,
      ...coachContent.advice.fit,
      coachContent.advice.declined,
      ...Object.values(coachContent.advice.ideas).map((idea) => `${coachContent.advice.lead} ${idea}`),
    ];
    const refused = lines.flatMap((line) => sentencesOf(line).flatMap((sentence) => (check(sentence) ? [`${check(sentence)}: ${sentence}`] : [])));
    expect(refused).toEqual([]);
  });
});

describe('verifying a plan', () => {
  const context = { step: 'create_partnership' as const, recentReplies: [] as string[], feelings: [] as string[], seed: 0 };
  const plan = (moves: CoachPlan['moves']): CoachPlan => ({ step: 'create_partnership', moves });

  it('drops a broken reflection and keeps the question', () => {
    const result = verifyPlan(content, plan([
      { kind: 'simple_reflection', text: 'So you had, um, a rough week.' },
      { kind: 'open_question', questionId: 'create_partnership.deepen.1', text: 'What made it rough?' },
    ]), context);
    expect(result.plan.moves.map((move) => move.text)).toEqual(['What made it rough?']);
    expect(result.rejected).toEqual([{ sentence: 'So you had, um, a rough week.', reason: 'noise' }]);
  });

  it('names the topic in a question that pointed back with "that" at a line it dropped, and keeps "that" when the line stays', () => {
    const question = { kind: 'open_question' as const, questionId: 'create_partnership.deepen.1', text: 'What would you like to be different about that?', standalone: 'What would you like to be different about the weekly report?' };
    const dropped = verifyPlan(content, plan([{ kind: 'simple_reflection', text: 'So you had, um, the weekly report.' }, question]), context);
    expect(dropped.plan.moves.map((move) => move.text)).toEqual(['What would you like to be different about the weekly report?']);
    const kept = verifyPlan(content, plan([{ kind: 'simple_reflection', text: 'So the weekly report eats your Monday.' }, question]), context);
    expect(kept.plan.moves.map((move) => move.text)).toEqual(['So the weekly report eats your Monday.', 'What would you like to be different about that?']);
    expect(kept.plan.moves.every((move) => move.standalone === undefined)).toBe(true);
  });

  it('for a client writing English as a second language, drops any sentence that gives their words back, and keeps the statement they are quoted in', () => {
    const learnerWords = ['If he looks sad I will start to make excuses for him, this is my risk.'];
    const result = verifyPlan(content, plan([
      { kind: 'complex_reflection', text: "You've named a real risk: if he looks sad you will start to make excuses for him, this is your risk." },
      { kind: 'summary', text: 'Here is the statement: "I will start to make excuses for him less."' },
      { kind: 'open_question', questionId: 'collaborate_challenge.obstacles.2', text: 'What will you do in that moment to keep to what you planned?' },
    ]), { ...context, learnerWords });
    expect(result.plan.moves.map((move) => move.text)).toEqual(['Here is the statement: "I will start to make excuses for him less."', 'What will you do in that moment to keep to what you planned?']);
    expect(result.rejected.map((rejection) => rejection.reason)).toEqual(['learner echo']);
    // A fluent client's words may be given back.
    expect(verifyPlan(content, plan([{ kind: 'complex_reflection', text: "You've named a real risk: if he looks sad you will start to make excuses for him." }]), context).rejected).toEqual([]);
  });

  it('gives back another sentence of theirs when the first reflection fails, and never passes the alternatives on', () => {
    const result = verifyPlan(content, plan([
      { kind: 'simple_reflection', text: "You're saying when you take a problem to SLT, like the fact that Year 9 has no proper reset space.", alternatives: ['So you, um, get nodded at.', "So you don't know how to make them act on it."] },
      { kind: 'open_question', questionId: 'create_partnership.deepen.1', text: 'What would you want instead?' },
    ]), context);
    expect(result.plan.moves.map((move) => move.text)).toEqual(["So you don't know how to make them act on it.", 'What would you want instead?']);
    expect(result.plan.moves.every((move) => move.alternatives === undefined)).toBe(true);
  });

  it('names a feeling and asks a plain open question when nothing else is left', () => {
    const result = verifyPlan(content, plan([{ kind: 'simple_reflection', text: 'So you-you want, like, more.' }, { kind: 'open_question', text: 'What matters most to you in this?' }]), {
      ...context,
      recentReplies: ['What matters most to you in this?'],
      feelings: ['stuck'],
    });
    const texts = result.plan.moves.map((move) => move.text);
    expect(texts[0]).toMatch(/stuck/);
    expect(texts.at(-1)).toMatch(/\?$/);
    expect(texts).not.toContain('What matters most to you in this?');
  });

  it('leaves the help given in a crisis exactly as written', () => {
    const help = plan([{ kind: 'information', label: 'gives immediate help (suicide) and pauses coaching', text: 'Please call 988, um, now.', links: [{ text: '988', href: 'tel:988' }] }]);
    expect(verifyPlan(content, { ...help, pauses: true }, context).plan).toEqual({ ...help, pauses: true });
  });
});

describe('a reflection of an if- or when-clause said without its comma', () => {
  it.each(["You're saying if someone calls in sick you just cover it.", "So when the rota changes we always hear last."])('passes when its main clause is there: %s', (sentence) => {
    expect(check(sentence)).toBeNull();
  });

  it.each(["You're saying if your manager asked you to stay.", "You're saying when you take a problem to SLT.", "You're saying if she tells you what to do."])('is refused when only the if-clause is there: %s', (sentence) => {
    expect(check(sentence)).not.toBeNull();
  });
});

describe('the feeling said when nothing else passes', () => {
  it('speaks of the person, never of the situation ("That sounds afraid")', async () => {
    const { runConversation } = await import('../../eval/driver.js');
    const { turns } = await runConversation(['hey', 'want to ask my manager for more hours', 'ngl scared she says no']);
    const reply = turns.at(-1)!.text;
    expect(reply).toMatch(/afraid/);
    expect(reply).not.toMatch(/sounds afraid\.|feels afraid/);
    // The fear is asked about, not passed over for a question about another part ("How do you learn best…").
    expect(reply).toMatch(/at stake|feel steadier/);
    expect(reply).not.toMatch(/learn best|good at/);
  });
});
