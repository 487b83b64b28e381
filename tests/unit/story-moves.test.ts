import { coachContent, phrases } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { clientTurn, recordPlan } from '../../server/app/turn.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { summarize } from '../../server/phrase/summaries.js';
import { questionFamily } from '../../server/policy/story-question.js';
import { findTopic } from '../../server/policy/topic-question.js';

/**
 * The coach's next move follows what the client is doing. Blind readers marked "poor move" on more
 * than half the replies: stock questions asked whatever the client said, moving on while the
 * client was mid-story, the same kind of question several turns in a row, a sign of success asked
 * for before there was anything to succeed at, and summaries pasted from broken fragments.
 */

const STOCK = phrases.questions.filter((question) => question.step === 'create_partnership' && question.topic !== true && question.slot !== 'statement').map((question) => question.text);

/** One client turn through the server's own loop, the coach's words recorded. */
function turn(state: SessionState, text: string, seq: number) {
  const result = clientTurn(coachContent, state, { text, seq });
  const said = result.plan.moves.map((move) => move.text).join(' ');
  return { plan: result.plan, said, state: recordPlan(result.state, result.plan, said) };
}

/** A state in the partnership step whose last reply asked `question`. */
function askedLast(question: string, patch: Partial<SessionState> = {}): SessionState {
  const id = phrases.questions.find((candidate) => candidate.text === question)!.id;
  return { ...initialState('coach'), step: 'create_partnership', agreement: { purpose: null, timeAvailable: null, consent: true }, turnsInStep: 2, asked: [id], recentCoachTexts: [`So it sounds like a lot. ${question}`], ...patch };
}

describe('a client mid-story', () => {
  it('is asked about their story, not the next stock question', async () => {
    const result = await runConversation(
      [
        'I want to get better at handing work over to my team.',
        'On Monday the supplier sent the wrong flour again, so I drove to the warehouse myself and swapped the sacks, and then the new ovens needed checking, and the website orders piled up while I was out. My assistant manager could have gone but I did not ask her.',
        'It was the same in the spring. The supplier problems come back every few weeks and every time I tell myself I will set up a proper system, and then the next delivery arrives and I just deal with it on the spot.',
        'Then on Friday the van broke down and I was on the phone with the garage for an hour, and the staff kept coming to me with questions about the cake orders, and I realised I had not eaten anything since six in the morning.',
      ],
      { stopAtComplete: false },
    );
    const replies = result.turns.filter((entry) => entry.role === 'coach').slice(2);
    for (const reply of replies) for (const stock of STOCK) expect(reply.text).not.toContain(stock);
    expect(replies.at(-1)!.plan!.moves.map((move) => move.label)).toContain('asks about their story');
    expect(replies.at(-1)!.text).toMatch(/What happened next\?$/);
  });

  it('asks around a noun phrase of theirs when one stands out as the subject of their story', () => {
    expect(findTopic(coachContent.topicWords, 'The night shifts are killing me and nobody else will cover them')).toBe('the night shifts');
    // Someone else's thing, or words cut off, are not the client's topic.
    expect(findTopic(coachContent.topicWords, 'Her breakfast was late again and the kids were shouting')).toBeNull();
  });

  it('skips the stock question when the messages after it passed it by', () => {
    let state = askedLast('How do you learn best: by trying things, by reflecting, from feedback, or a mix?', { goals: [{ text: 'you want to hand the deliveries over', quote: 'I want to hand the deliveries over.', seq: 1 }] });
    const replies: string[] = [];
    let last = null as ReturnType<typeof turn> | null;
    for (const [index, message] of [
      'The drivers were late twice this week and the shop opened without bread on the shelves.',
      'And the customers were annoyed, a regular walked out and my assistant manager had to calm everyone down.',
      'The week before it was the milk order, which came a day late, and we had to close the coffee counter for the whole morning.',
    ].entries()) {
      last = turn(state, message, 3 + 2 * index);
      state = last.state;
      replies.push(last.said);
    }
    // Two replies give their story back; the third asks about it rather than going on with the script.
    for (const reply of replies) for (const stock of STOCK) expect(reply).not.toContain(stock);
    expect(last!.plan.moves.at(-1)!.label).toBe('asks about their story');
  });
});

describe('the next question', () => {
  it('does not ask how they would know it is working before they have said what they want', () => {
    const state: SessionState = {
      ...askedLast('What limits are you working within: your time, your energy, other people, anything else?', {
        needs: [{ id: 'need-1', category: 'delegation', summary: 'doing everything', evidence: ['I do everything myself'], confidence: 0.8, confirmed: false, seq: 1 }],
        constraints: [{ kind: 'bandwidth', summary: 'limited time', evidence: ['I only have Fridays free.'], seq: 1 }],
      }),
      asked: ['partnership.goals.1', 'partnership.constraints.1'],
    };
    const result = turn(state, 'hard to say', 7);
    const families = result.plan.moves.filter((move) => move.text.includes('?')).map((move) => questionFamily(phrases, move.text));
    expect(families.length).toBeGreaterThan(0);
    expect(families).not.toContain('success');
  });
});

describe('summaries', () => {
  function withGoal(goal: string): SessionState {
    return {
      ...initialState('coach'),
      step: 'create_partnership',
      goals: [{ text: goal, quote: goal, seq: 3 }],
      needs: [{ id: 'need-1', category: 'prioritization', summary: 'time to think', evidence: ['I never have time to sit and think.'], confidence: 0.8, confirmed: false, seq: 2 }],
      constraints: [{ kind: 'bandwidth', summary: 'limited time', evidence: ['Money is tight, I cannot hire anyone until spring.'], seq: 4 }],
    };
  }

  it('never ends a clause on a word that opens a phrase', () => {
    const text = summarize(phrases, withGoal('you want to focus on'), 1, [])?.text ?? '';
    expect(text).toContain('you never have time to sit and think');
    expect(text).not.toMatch(/focus on/);
  });

  it('keeps one clause of two run together, and says nothing when one thread is left', () => {
    const text = summarize(phrases, withGoal('you want to think about wholesale, three cafes ask you already for supply'), 1, [])?.text ?? '';
    expect(text).toContain('you want to think about wholesale');
    expect(text).not.toContain('three cafes');
    const alone: SessionState = { ...withGoal('you want to focus on'), constraints: [] };
    expect(summarize(phrases, alone, 1, [])).toBeNull();
  });
});

describe('questions put to the coach, as people type them', () => {
  const answers: [string, RegExp][] = [
    ['you are robot?', /AI coach/],
    ['what for is this?', /AI coach/],
    ['is this going to HR?', /Nobody reads this/],
    ['who reads this', /Nobody reads this/],
    ['this is private?', /Nobody reads this/],
    ['how long this takes?', /15 to 30 minutes/],
    ['how long r we gonna be', /15 to 30 minutes/],
    ['what you would do in my place?', /One idea/],
    ['wat would u do', /One idea/],
  ];
  it.each(answers)('"%s" is answered', async (question, answer) => {
    const result = await runConversation(['I run a small team and I keep doing everything myself, I want to delegate more.', question], { stopAtComplete: false });
    const reply = result.turns.filter((entry) => entry.role === 'coach').at(-1)!.text;
    expect(reply).toMatch(answer);
    expect(reply).not.toMatch(/you're wondering/i);
  });
});
