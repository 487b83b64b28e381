import { beforeAll, describe, expect, it } from 'vitest';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { runConversation, shippedContent } from '../../eval/driver.js';
import { draftStatement } from '../../server/phrase/statement.js';

/**
 * A part of the statement comes from the answer to the question that asked for it, and every part
 * passes the type check again as the draft is written, whichever reader stored it: a remark, a
 * reason, a fear or a stretch of story never stands in the client's statement, and an aim is never
 * the coach's theme.
 */

describe('an aim from the answer to the question that asked for it', () => {
  it('takes a topic named in a few words at the start as the aim to work on', async () => {
    const { state } = await runConversation(['Prioritising.', '30 mins.', 'Too many priorities. Everything is urgent.', "I'd know it's working when there are fewer fires each week.", 'I could block Friday mornings for planning.']);
    expect(state.statement?.goals).toEqual(['work on prioritising']);
    expect(state.statement?.text).toMatch(/^I want to work on prioritising\./);
  });

  it('takes a figure given in answer to "what do you want to be different?" as the aim, in chat spelling or not', async () => {
    const { state, turns } = await runConversation(['hey', 'idk tbh. boss said to give it a go', 'study i guess', 'theory exam for my ticket. its in like 8 wks', 'failed it once already', 'regs mostly. calcs r fine. regs book is massive', 'no ticket no pay rise. and all my mates passed first go. thats it do u need more', 'work full time. wrecked after. phone lol', 'idk. pass??', 'ok like 70 on the practice tests. rn im on about 50']);
    // The aim was asked for in a plain line (recorded as asked), and the figure is its answer.
    expect(turns.filter((turn) => turn.role === 'coach').map((turn) => turn.text).join(' ')).toMatch(/what do you want to be different\?/i);
    expect(state.goals.map((goal) => goal.own ?? goal.text)).toEqual(['about 70 on the practice tests']);
    expect(state.statement?.text).toMatch(/^I want about 70 on the practice tests\./);
  });

  it('never takes the time on hand, said late, as the aim', async () => {
    const { state } = await runConversation(['Nice weather today. I want to talk about handling conflict.', 'Half an hour.', 'Sure.']);
    expect(state.goals).toEqual([]);
    expect(state.statement?.goals ?? []).not.toContainEqual(expect.stringMatching(/hour/));
  });

  it('never writes a theme only the coach heard as the aim, however often it was heard', async () => {
    const { state } = await runConversation([
      'I run a small team.',
      'Fine.',
      'Work never stops, I answer emails at midnight and on Sundays, there is no line between work and home.',
      'Weekends are gone too, my partner says I am always on my laptop.',
      "I'd know it's working when my laptop stays shut on Sundays.",
      'I could turn off email on my phone this weekend.',
    ]);
    expect(state.statement?.goals).toEqual([]);
    expect(state.statement?.text ?? '').not.toMatch(/balance between work and the rest of my life/);
  });
});

describe('every part checked again as the draft is written', () => {
  let base: SessionState;
  beforeAll(async () => {
    base = (await runConversation(['I want to get on top of the farm paperwork.'])).state;
  });
  const slot = (own: string, seq = 5) => ({ text: own, own, quote: `${own}.`, seq });

  it.each([
    ['a remark on the wording', 'sounds like a school report'],
    ['a reason', "it matters because I've got two kids of my own and they're starting to think mum's job is typing"],
    ['a fear', "if I ask two people I'll end up explaining everything twice"],
    ['an interrupted scrap', "maybe Luis, he's a — he's like a spreadsheet guy"],
    ['a stretch of story', "our grandson Owen, he's nine, asked me what my job is now and I said Grandma and he said that's not a job, which, fair enough really"],
  ])('leaves out %s stored as a sign of progress', (_kind, own) => {
    const statement = draftStatement({ ...base, successSignals: [slot(own)] }, shippedContent.coach.partCheck);
    expect(statement.successIndicators).toEqual([]);
    expect(statement.text).not.toContain(own.slice(0, 20));
  });

  it('keeps a sign that says what would show, and cuts an over-long one at its first comma when that stands', () => {
    const long = "I'd have actually talked to two or three people about work, real conversations, not just liking their posts on LinkedIn at night";
    const statement = draftStatement({ ...base, successSignals: [slot('the movements are on the system within the week'), slot(long)] }, shippedContent.coach.partCheck);
    expect(statement.successIndicators).toEqual(['the movements are on the system within the week', "I'd have actually talked to two or three people about work"]);
  });

  it('leaves out an aim that is no aim ("focus on", a clause about how things are)', () => {
    for (const own of ['focus on', 'work on everything lands on me', 'closes end of month']) {
      const statement = draftStatement({ ...base, goals: [slot(own)] }, shippedContent.coach.partCheck);
      expect(statement.goals, own).not.toContain(own);
    }
  });
});

describe('an aim typed as chat', () => {
  it('"want my class 2 tbh" is the aim "I want my class 2"', async () => {
    const { state } = await runConversation(['hey', 'idk work stuff i guess', 'want my class 2 tbh', 'truck licence. better pay', "I'd know it's working when I pass the road code test", 'I could do the road code app at lunch on weekdays']);
    expect(state.goals.map((goal) => goal.own ?? goal.text)).toContain('my class 2');
    expect(state.statement?.text).toMatch(/^I want my class 2\./);
  });
});

describe('a part broken by a dash or said as an idiom', () => {
  it('keeps an aim up to the dash that breaks it, and never writes a complaint as a sign', async () => {
    const { state } = await runConversation([
      "Hi. I've got about 15 minutes between consults so let me just give you everything at once. I'm a small-animal vet. What I want is to stop finishing my clinical notes at 9pm every night - I want them done before I leave the building. I'd know it's working if I walk out with notes complete at least 3 days a week. First small step: block 15 minutes before lunch just for notes, starting Monday.",
    ]);
    const statement = draftStatement(state, shippedContent.coach.partCheck);
    expect(statement.goals).toEqual(['stop finishing my clinical notes at 9pm every night']);
  });

  it.each(['this job will be the death of me', 'evenings could mean anything and it takes two minutes'])('leaves out "%s" as a sign', (own) => {
    const base = { text: own, own, quote: `${own}.`, seq: 4 };
    expect(draftStatement({ ...initialState('coach'), successSignals: [base] }, shippedContent.coach.partCheck).successIndicators).toEqual([]);
  });
});

describe('a plan action passes the step check', () => {
  it('"I have said I will go before and didnt" is no action to put a date on', async () => {
    const { turns, state } = await runConversation(['I want to swim again, properly.', 'I would know it is working if I went once a week.', 'I could put my swim bag in the car Friday night.', 'yes that is it', 'Saturday morning at the leisure centre', '4? maybe 5 if jess comes. I have said I will go before and didnt']);
    expect(turns.at(-1)!.text).not.toMatch(/go before and didn/);
    expect(state.plan.map((action) => action.what).join(' ')).not.toMatch(/didn/);
  });
});
