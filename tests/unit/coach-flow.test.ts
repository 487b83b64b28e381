import { coachContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { findActions, findByWhen, findCheckIn, findCommitment, findConfidence, findObstacles } from '../../server/understand/plan-slots.js';
import { findPurpose, isContentBearing, isSceneSetting } from '../../server/understand/slots.js';
import { splitSentences } from '../../server/understand/text.js';
import type { SessionState } from '../../server/domain/session-state.js';
import { initialState } from '../../server/domain/session-state.js';
import { clientTurn, recordPlan } from '../../server/app/turn.js';
import { runConversation } from '../../eval/driver.js';

/** One client turn through the server's own loop, with the coach's words recorded. */
function turn(state: SessionState, text: string, seq: number) {
  const result = clientTurn(coachContent, state, { text, seq });
  const said = result.plan.moves.map((move) => move.text).join(' ');
  return { ...result, said, state: recordPlan(result.state, result.plan, said) };
}

const stepAfter = async (messages: string[]) => (await runConversation(messages)).state.step;

describe('leaving the agreement step', () => {
  it.each([
    [['Head chef of a bistro. My partner booked me this as a present', "Go on then, I'm in. I've got 30 minutes", "every plate goes past me; if I'm not on the pass I assume it'll all fall apart"]],
    [['hi. charge nurse on a surgical ward. my manager set this up', 'yes fine to carry on. got about 20 mins before handover', 'problem is i end up doing half the obs myself because its quicker than chasing people']],
    [["Hello, I'm a secondary school teacher, I became head of science in September", "Yes that's ok, I'm happy to go on", 'I feel like a fraud in department meetings and I second-guess everything']],
    [['My manager signed me up for this, to be honest.', 'Sure, go ahead.', 'ok', 'fine']],
    [['Prioritising.', '30 mins.', 'ok']],
    [['I want to talk about delegation.', 'Yes.']],
  ])('reaches the partnership step by the third message or two turns after consent: %j', async (messages) => {
    expect(await stepAfter(messages)).toBe('create_partnership');
  });

  it('takes the first story after consent as the purpose, not the scene-setting before it', async () => {
    const result = await runConversation(['Head chef of a bistro. My partner booked me this as a present', "Go on then, I'm in. I've got 30 minutes", "every plate goes past me; if I'm not on the pass I assume it'll all fall apart"]);
    expect(result.state.agreement.purpose?.quote).toMatch(/on the pass/);
    expect(result.state.agreement.consent).toBe(true);
    expect(result.state.agreement.timeAvailable?.text).toMatch(/30 minutes/);
  });

  it.each(['Head chef of a bistro.', 'My partner booked me this as a present', 'hi.', 'my manager set this up', "Hello, sorry, I'm not totally sure how this works.", 'sales manager, 8 reps.', 'hr says everyone with a team does this now so here i am'])(
    'treats "%s" as scene-setting',
    (sentence) => expect(isSceneSetting(sentence)).toBe(true),
  );

  it.each(["every plate goes past me; if I'm not on the pass I assume it'll all fall apart", 'My problem is with one developer in my squad, he delivers late always', 'I keep diving into whatever is on fire and the big stuff just sits'])('hears a story in "%s"', (text) => {
    expect(isContentBearing(text)).toBe(true);
  });

  it.each([['Prioritising.', 'prioritising'], ['My boss.', 'your boss'], ['I want to talk about my presentations.', 'your presentations'], ['I want talk about my work, mostly about speaking in meetings.', 'speaking in meetings'], ['i wanna talk about work stuff, especially the rota', 'the rota']])('takes "%s" as the purpose when asked', (text, expected) => {
    expect(findPurpose(text, 1, true)?.text).toBe(expected);
  });

  it.each(['I have a new team and I want to be a better manager.', 'my boss says i micromanage and honestly she might be right', 'Delegating.'])(
    'passes the agreement in one turn when the first answer says what to work on: "%s"',
    async (first) => {
      const result = await runConversation([first]);
      expect(result.state.step).toBe('create_partnership');
      expect(result.state.agreement.consent).toBe(true);
      // The opening told them what this is; nobody is asked for their time or a yes before starting.
      expect(result.turns.at(-1)?.text).not.toMatch(/How much time|shall we|happy to go on/i);
    },
  );

  it.each(["Hang on, I'm not sure this is for me yet.", 'Who reads what I write here, exactly?', 'Before we start, I want to check something about my manager.', 'is this a bot?'])(
    'does not take a doubt or a question as a yes: "%s"',
    async (doubt) => {
      const result = await runConversation([doubt]);
      expect(result.state.step).toBe('clarify_agreement');
      expect(result.state.agreement.consent).not.toBe(true);
    },
  );

  it('does not take festival small talk as the purpose', () => {
    expect(findPurpose('sorry, just got back from a festival this weekend lol. it rained the whole time, we had to dig the tent out', 1, true)).toBeNull();
  });
});

describe('answers given ahead of the process', () => {
  it.each([
    ['I will do it next Friday.', 'next Friday'],
    ['Done by the end of the month.', 'by the end of the month'],
    ['I can have it ready in two weeks.', 'in two weeks'],
    ['First session on Tuesday the 5th.', 'Tuesday the 5th'],
    ['The block starts on the 14th.', 'on the 14th'],
    ['I want it done by March.', 'by March'],
    ["I'll send it tomorrow.", 'tomorrow'],
    ['start thurs this week', 'start thurs'],
  ])('reads a date in "%s"', (text, expected) => {
    expect(findByWhen(text)?.toLowerCase()).toContain(expected.toLowerCase());
  });

  it.each([
    'progress = fewer plates sent back',
    "I'll know because the pass runs without me on Saturdays.",
    "I'll count how many nights I leave before ten.",
    'aiming for zero missed deadlines',
    'fewer complaints on Saturdays',
  ])('reads an explicit measure in "%s" ahead of the plan step', (text) => {
    const [action] = findActions(`Starting next Friday. ${text}`, 1, false, true);
    expect(action?.measure).toBeTruthy();
  });

  it.each(["I'll do it next Friday, I'm fully committed.", 'committed. confidence 6', "confidence 5. i'll do it though"])('hears a commitment said in so many words: %s', (text) => {
    expect(findCommitment(text, 1, false, true)).not.toBeNull();
  });

  it.each([
    ['Next Monday, the 3rd. I will write idea on Sunday evening after service.', 'next Monday, the 3rd'],
    ['pretty solid. the rota goes up friday whatever happens', 'pretty solid'],
  ])('takes a plain answer to the commitment question as the commitment in their words: %s', (text, start) => {
    expect(findCommitment(text, 1, true)?.text.toLowerCase()).toContain(start.toLowerCase());
  });

  it.each(["I don't know yet.", 'not really', "I'm not sure I can.", 'What do you mean by committed?'])('does not take "%s", asked, as a commitment', (text) => {
    expect(findCommitment(text, 1, true)).toBeNull();
  });

  it.each(['Definitely a problem for us.', 'I absolutely hate the Monday meeting.'])('does not take "%s" as commitment in the partnership step', (text) => {
    expect(findCommitment(text, 1, false, true)).toBeNull();
  });

  it.each([['8/10', 8], ['confidence 6', 6], ['Seven out of ten, honestly.', 7], ['maybe 6 from 10', 6], ['like 7 of 10 i guess', 7]])('reads confidence %s strictly', (text, value) => {
    expect(findConfidence(text, false, true)).toBe(value);
  });

  it.each([["And I'll do a ten-minute cabin debrief with them Friday afternoons. Confidence seven.", 7], ["Confidence seven. And I'll do a ten-minute cabin debrief with them.", 7]])('reads the confidence named as such, not a length of time, in "%s"', (text, value) => {
    expect(findConfidence(text, true)).toBe(value);
  });

  it('reads no confidence from a length of time', () => {
    expect(findConfidence("I'll do a ten-minute debrief on Fridays.", false)).toBeNull();
  });

  it.each(['I have about 5 people on the team.', 'We meet at 9 every day.'])('reads no confidence in "%s" ahead of the challenge step', (text) => {
    expect(findConfidence(text, false, true)).toBeNull();
  });

  it.each([['check in weekly, sunday night', 'weekly'], ['Could we check in every two weeks?', 'every two weeks'], ["Let's touch base monthly.", 'monthly']])('hears a check-in in "%s"', (text, expected) => {
    expect(findCheckIn(text, 1, true)?.text).toContain(expected);
  });

  it('does not take the rhythm of the action for a check-in ahead of the challenge step', () => {
    expect(findCheckIn("I'll block two hours every Friday morning.", 1, true)).toBeNull();
  });

  it.each(["i'll cave if a patient deteriorates and everyone's busy", 'Biggest risk is a big customer escalates and I tell myself just this once'])('hears an obstacle, not an action, in "%s"', (text) => {
    expect(findObstacles(text, 1, false).length).toBe(1);
    expect(findActions(text, 1, false).length).toBe(0);
  });

  it('keeps a date and measure said in the partnership step as the first action, built on the experiment, and acknowledges it later', async () => {
    const result = await runConversation([
      'I want to work on delegating.',
      "Yes, I'm in. 30 minutes.",
      'I do everything myself because handing over feels risky.',
      "I'd know it's working when I leave by six twice a week.",
      'I could try handing the weekly report to Sam.',
      'Starting next Friday. I\'ll count how many evenings I leave by six.',
      "Yes, that's it.",
    ]);
    const action = result.state.plan[0];
    expect(action?.byWhen).toMatch(/next Friday/);
    expect(action?.measure).toMatch(/evenings/);
    const coach = result.turns.filter((item) => item.role === 'coach').map((item) => item.text);
    expect(coach.some((text) => /You already said you'd/.test(text))).toBe(true);
    expect(result.state.step).toBe('collaborate_challenge');
  });

  it('passes straight through steps whose exit criteria earlier answers already met', async () => {
    const result = await runConversation([
      'I want to work on delegating.',
      "Yes, I'm in. 30 minutes.",
      'I do everything myself because handing over feels risky.',
      "I'd know it's working when I leave by six twice a week.",
      "I could try handing the weekly report to Sam. Starting next Friday; I'll count how many evenings I leave by six. I'm fully committed, and let's check in every two weeks.",
      'Spot on.',
    ]);
    expect(result.state.step).toBe('complete');
    expect(result.state.statement?.status).toBe('confirmed');
  });
});

describe('the statement flow', () => {
  function ready(): SessionState {
    let state: SessionState = { ...initialState('coach'), step: 'create_partnership', agreement: { purpose: { text: 'delegation', quote: 'I want to talk about delegation.', seq: 2 }, timeAvailable: null, consent: true } };
    let seq = 3;
    for (const line of ['I want to delegate the weekly report because I end up doing everything myself.', "I'd know it's working when I leave by six twice a week.", 'I could try handing the report to Sam for the next two weeks.']) {
      state = turn(state, line, seq).state;
      seq += 2;
    }
    return state;
  }

  it('proposes the draft as soon as the parts are known', () => {
    const state = ready();
    expect(state.statement?.status).toBe('draft');
    expect(state.recentCoachTexts.at(-1)).toContain(state.statement!.text);
  });

  it.each(["yes that's it", 'looks right to me', 'spot on', 'yep', 'that captures it', 'fine by me', "ha, yes, that's it", 'Yes, that sums it up.'])('confirms on "%s"', (message) => {
    const after = turn(ready(), message, 20);
    expect(after.state.statement?.status).toBe('confirmed');
    expect(after.state.step).toBe('construct_plan');
  });

  it.each(["No, that's not it.", 'Not really, it misses the point.'])('does not confirm on "%s"', (message) => {
    expect(turn(ready(), message, 20).state.statement?.status).toBe('draft');
  });

  it('redrafts through the machine when something new arrives, keeping the hand-edited fields', () => {
    const state = ready();
    const edited: SessionState = { ...state, statement: { ...state.statement!, firstExperiment: 'my own words', editedFields: ['firstExperiment'] } };
    const after = turn(edited, 'I also want to get better at saying no to extra requests.', 20);
    expect(after.state.statement?.goals.join(' ')).toMatch(/saying no/i);
    expect(after.state.statement?.status).toBe('draft');
    expect(after.state.statement?.firstExperiment).toBe('my own words');
    // Shown again: in full, or (when the full draft was shown a moment ago) just the sentence that changed.
    expect(after.said).toMatch(/saying no to extra requests/);
    expect(after.said).toMatch(/updated with what you just said|into the statement|statement now says|Updated in the statement/);
  });

  it('offers a draft after a bounded number of turns even when a part never comes', async () => {
    const result = await runConversation(['I want to talk about my team.', 'Yes, go ahead.', 'They argue a lot.', 'It is tiring.', 'Meetings run long.', 'Not sure.', 'Hmm.', 'Maybe.', 'Dunno really.', 'Probably.']);
    expect(result.state.statement).not.toBeNull();
  });
});

describe('sentences', () => {
  it('does not split a time or a decimal', () => {
    expect(splitSentences('success = off the ward by 8.15 three shifts a week. Then more.')).toEqual(['success = off the ward by 8.15 three shifts a week.', 'Then more.']);
  });
});

describe('an obstacle named in the challenge step', () => {
  it('is given back once, in the words of the obstacle line, not paraphrased first as well', async () => {
    const result = await runConversation(['I want to work on delegating.', "Yes, I'm in. 30 minutes.", 'I do everything myself because handing over feels risky.', "I'd know it's working when I leave by six twice a week.", 'I could try handing the weekly report to Sam.', "Yes, that's right.", "I'll hand Sam the report on Monday.", "I'll count how many evenings I leave by six, and my manager Jo can back me up.", 'Confidence 7.', 'The risk is I take it back when it is late.']);
    const last = result.turns.at(-1)!.text;
    expect(last).toMatch(/real risk: you take it back when it is late/);
    expect(last.match(/take it back when it is late/g)?.length).toBe(1);
  });
});
