import { coachContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import type { StepId } from '../../server/domain/steps.js';
import { findIntent, isConsent } from '../../server/understand/intents.js';
import { findConfidence } from '../../server/understand/plan-slots.js';
import { understand } from '../../server/understand/understand.js';
import { type SessionState, initialState } from '../../server/domain/session-state.js';

function inStep(step: StepId, asked: string[] = []): SessionState {
  return { ...initialState('coach'), step, asked };
}
const partnership = inStep('create_partnership');

describe('needs', () => {
  it.each([
    ['I end up doing everything myself because handing things off feels risky.', 'delegation'],
    ["I can't seem to let go of the detailed work.", 'delegation'],
    ['I keep second-guessing every call I make.', 'decision_making'],
    ['Everything feels urgent and I never get to the important stuff.', 'prioritization'],
    ["I avoid telling people when their work isn't good enough; giving feedback is hard for me.", 'feedback'],
    ['I feel like an impostor in the leadership meetings.', 'confidence'],
    ["I struggle to get buy-in from the other department heads.", 'influence'],
    ['There is constant tension between me and another manager.', 'conflict'],
    ['I want to help my direct reports grow into leads.', 'team_development'],
    ["I'm always in the weeds and never think about the long-term direction.", 'strategic_thinking'],
    ["I'd like to be promoted to director in the next couple of years.", 'career_growth'],
    ["I'm burnt out and I haven't had a proper weekend in months.", 'work_life_balance'],
    ['When I present to the board my mind goes blank.', 'communication'],
  ])('%s → %s', (text, category) => {
    const understanding = understand(coachContent, text, 3, partnership);
    const need = understanding.needs.find((candidate) => candidate.category === category);
    expect(need, JSON.stringify(understanding.needs)).toBeDefined();
    expect(text).toContain(need!.quote.replace(/\s+$/, ''));
    expect(need!.confidence).toBeGreaterThan(0.4);
  });

  it('does not turn a strength into a need', () => {
    expect(understand(coachContent, "I'm really good at communicating with clients.", 3, partnership).needs).toEqual([]);
  });

  it('does not turn a learning preference into a feedback need', () => {
    const understanding = understand(coachContent, 'I learn best when someone gives me feedback right after.', 3, partnership);
    expect(understanding.learningPreference).toBe('feedback');
    expect(understanding.needs.map((need) => need.category)).not.toContain('feedback');
  });
});

describe('constraints', () => {
  it.each([
    ['I only have about an hour a week for this.', 'time'],
    ["There's no budget for training this year.", 'budget'],
    ['My team is stretched thin already.', 'bandwidth'],
    ['Any change to the process needs approval from legal.', 'organizational'],
    ["We're two engineers short since the spring.", 'bandwidth'],
    ['My calendar is packed with back-to-back meetings.', 'time'],
  ])('%s → %s', (text, kind) => {
    const understanding = understand(coachContent, text, 3, partnership);
    const constraint = understanding.constraints.find((candidate) => candidate.kind === kind);
    expect(constraint, JSON.stringify(understanding.constraints)).toBeDefined();
    expect(constraint!.quote).toBe(text);
  });

  it('does not read a plan over two weeks as a time limit', () => {
    expect(understand(coachContent, 'I could start weekly one-to-ones over the next two weeks.', 3, partnership).constraints).toEqual([]);
  });
});

describe('learning preference', () => {
  it.each([
    ['I learn best by doing, honestly.', 'action'],
    ['I need time to think things through on my own first.', 'reflection'],
    ['I get better when someone watches me and tells me how I did.', 'feedback'],
    ['A bit of both: I like reading first, then trying it for real.', 'mix'],
  ])('%s → %s', (text, preference) => {
    expect(understand(coachContent, text, 3, partnership).learningPreference).toBe(preference);
  });

  it('reads a one-word answer when the learning question was just asked', () => {
    expect(understand(coachContent, 'Reflection.', 3, inStep('create_partnership', ['partnership.learning.1'])).learningPreference).toBe('reflection');
  });
});

describe('partnership slots', () => {
  it('captures goals in the client\'s voice, rendered in the coach\'s', () => {
    const understanding = understand(coachContent, 'My goal is to run the weekly planning without my manager stepping in.', 4, partnership);
    expect(understanding.goals[0]?.text).toBe('run the weekly planning without your manager stepping in');
    expect(understanding.goals[0]?.quote).toBe('My goal is to run the weekly planning without my manager stepping in.');
  });

  it.each([
    "I'll know it's working when my team ships without me.",
    'Success would look like two releases a month without escalations.',
    'People would notice that I speak up in every meeting.',
  ])('captures a success signal: %s', (text) => {
    expect(understand(coachContent, text, 4, partnership).successSignals.length).toBe(1);
  });

  it.each([
    'I could try handing the report to Sam for the next two weeks.',
    'Maybe I could block Friday mornings for planning this week.',
    'As an experiment, I will say no to one meeting a day.',
  ])('captures a first experiment: %s', (text) => {
    expect(understand(coachContent, text, 4, partnership).experiment).not.toBeNull();
  });

  it('captures strengths', () => {
    expect(understand(coachContent, "People tell me I'm calm under pressure.", 4, partnership).strengths.length).toBe(1);
  });
});

describe('agreement', () => {
  const clarify = inStep('clarify_agreement', ['agreement.purpose.1']);
  it('captures the purpose and the time available', () => {
    const understanding = understand(coachContent, "I'd like to talk about my first months as a manager. I have about 30 minutes.", 2, clarify);
    expect(understanding.purpose?.text).toBe('your first months as a manager');
    expect(understanding.timeAvailable?.text).toBe('about 30 minutes');
  });
  it.each(['yes', 'OK', 'Sure.', "let's go", 'Sounds good, go ahead.', "Yes, I'm happy to continue"])('reads consent: %s', (text) => {
    expect(isConsent(coachContent.intents, text)).toBe(true);
  });
  it.each(['no', 'Not now.', "I don't want to continue"])('reads refusal: %s', (text) => {
    expect(isConsent(coachContent.intents, text)).toBe(false);
  });
});

describe('plan and challenge slots', () => {
  const plan = inStep('construct_plan', ['plan.action.1']);
  it.each([
    ["I'll send the draft roadmap to my boss by Friday.", 'by Friday'],
    ["I'll book the workshop next week.", 'next week'],
    ["I'll finish the hiring plan within two weeks.", 'within two weeks'],
    ["I'll have the one-to-ones done by March 14.", 'by March 14'],
    ["I'll share the survey before the next team meeting.", 'before the next team meeting'],
  ])('reads by when: %s', (text, byWhen) => {
    expect(understand(coachContent, text, 6, plan).actions[0]?.byWhen).toBe(byWhen);
  });

  it('reads a measure and support on the same action', () => {
    const action = understand(coachContent, "I'll delegate the release notes to Ana by Friday and I'll know it's working when I don't touch them. My manager can help review.", 6, plan).actions[0]!;
    expect(action.what).toMatch(/delegate the release notes/);
    expect(action.measure).not.toBeNull();
    expect(action.support).toMatch(/manager/);
  });

  it.each([
    ['About a 7.', 7],
    ['seven out of ten', 7],
    ['8/10 I think', 8],
    ["I'd say a 6", 6],
    ['Honestly? 4 out of 10.', 4],
  ])('reads confidence: %s', (text, value) => {
    expect(findConfidence(text, false)).toBe(value);
  });

  it('does not read durations as confidence', () => {
    expect(findConfidence('about 30 minutes a week', false)).toBeNull();
  });

  const challenge = inStep('collaborate_challenge', ['challenge.check_in.1']);
  it.each(['every two weeks', 'Weekly on Mondays.', "Let's do fortnightly.", 'once a month on the first Friday'])('reads a check-in rhythm: %s', (text) => {
    expect(understand(coachContent, text, 8, challenge).checkIn).not.toBeNull();
  });

  it('reads commitment', () => {
    expect(understand(coachContent, "Yes, I'm fully committed to it.", 8, inStep('collaborate_challenge', ['challenge.commitment.1'])).commitment).not.toBeNull();
  });
});

describe('intents', () => {
  it.each([
    ["Let's move on.", 'move_on'],
    ['Can we go to the next step?', 'move_on'],
    ['I want to go back to the statement.', 'go_back'],
    ["Yes, that's right.", 'confirm'],
    ['Exactly, yes.', 'confirm'],
    ['That captures it well.', 'confirm'],
    ["No, that's not quite it.", 'reject'],
    ['Can you show me the partnership statement?', 'statement'],
    ['My team is struggling with the release process.', null],
    ['Yes, but my boss will never agree to it.', null],
  ])('%s → %s', (text, intent) => {
    expect(findIntent(coachContent.intents, text)).toBe(intent);
  });
});

describe('feelings and key phrases', () => {
  it('hears feelings and the phrases that carry the message', () => {
    const understanding = understand(coachContent, "I'm swamped and frustrated with the weekly status report.", 3, partnership);
    expect(understanding.feelings).toEqual(expect.arrayContaining(['overwhelmed', 'frustrated']));
    expect(understanding.keyPhrases.join(' ')).toMatch(/status report/);
  });
});
