import { describe, expect, it } from 'vitest';
import { coachContent } from '../helpers/content.js';
import { clientTurn, recordPlan } from '../../server/app/turn.js';
import { actOf, hasAct } from '../../server/domain/understanding.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { findPleasantry, findProcessQuestion } from '../../server/understand/intents.js';
import { understand } from '../../server/understand/understand.js';
import { readsAsOwnAction } from '../../server/understand/wish-clause.js';
import { entriesById } from '../../server/understand/lexicon.js';

/**
 * The act is read before the content, sentence by sentence, on sentences from the messy clients
 * and real speech: a thank-you, a question to the coach or a "bye" is never read as a part of the
 * statement, and a yes confirms only a complete draft just put to the client.
 */

function partnership(patch: Partial<SessionState> = {}): SessionState {
  return { ...initialState('coach'), step: 'create_partnership', agreement: { purpose: { text: 'delegation', quote: 'delegation', seq: 2 }, timeAvailable: null, consent: true }, ...patch };
}

function turn(state: SessionState, text: string, seq = 9) {
  const result = clientTurn(coachContent, state, { text, seq });
  const said = result.plan.moves.map((move) => move.text).join(' ');
  return { ...result, said, after: recordPlan(result.state, result.plan, said) };
}

const complete = { goals: ['let the team own releases'], needs: ['handing work to others'], successIndicators: ['a release ships without me'], firstExperiment: "let Sam run Friday's release", constraints: [], learningPreference: null, text: "I want to let the team own releases. I'll know it's working by this: a release ships without me. My first experiment: let Sam run Friday's release.", sources: [], status: 'draft' as const };

describe('reading the act before the content', () => {
  it.each([
    ['Perfect. Thank you very much, was more useful than I thought', 'thanks'],
    ['Fine. Thanks. That was less pointless than I expected.', 'thanks'],
    ['That was actually useful', 'thanks'],
  ])('feedback on the session is a pleasantry: %s', (message, kind) => {
    expect(findPleasantry(coachContent.intents, message)).toBe(kind);
  });

  it.each([
    ["Success... I'd leave before 5 twice a week. And SLT agree to one thing I've asked for this term. What would you do, honestly, with SLT?", 'advice'],
    ["Sorry, what do you mean with 'what matters to you here'? Matters for the company or for me?", 'clarify'],
    ['What would be a small step? I don\'t know. What other people do in this situation, normally?', 'advice'],
  ])('a question to the coach is found in the sentence that asks it: %s', (message, question) => {
    expect(findProcessQuestion(coachContent.intents, message)).toBe(question);
  });

  it('a thank-you with feedback is not taken as a first experiment, and is not reflected', () => {
    const state = partnership({ statement: { ...complete, firstExperiment: '' }, recentCoachTexts: ["What's one small change you could try?"], asked: ['partnership.experiment.1'] });
    const result = turn(state, 'Perfect. Thank you very much, was more useful than I thought');
    expect(result.understanding.experiment).toBeNull();
    expect(hasAct(result.understanding, 'pleasantry')).toBe(true);
    expect(result.said).not.toMatch(/thank you very much|more useful/i);
  });

  it('content beside a thank-you is still read: only the thank-you is set aside', () => {
    const read = understand(coachContent, 'Thanks, that helps. I keep doing everything myself because handing work over feels risky.', 4, partnership());
    expect(read.needs.map((need) => need.category)).toContain('delegation');
  });

  it.each(['Yeah, thanks, that was actually useful. Right, I\'m at the car. Bye.', 'ok im done, breaks over', 'Thank you, it helped to say it out loud. Have a nice evening!', 'cheers for this, first message goes out tonight. Ta-ra.'])('"%s" ends the session with the statement as it stands', (message) => {
    const result = turn(partnership({ statement: complete }), message);
    expect(hasAct(result.understanding, 'wants_stop')).toBe(true);
    expect(result.state.step).toBe('complete');
  });
});

describe('confirming only a complete draft, with a clear yes', () => {
  const shown = (statement = complete) => partnership({ statement, statementShown: { text: statement.text, reply: `Here it is: "${statement.text}" How well does that capture it?` }, recentCoachTexts: [`Here it is: "${statement.text}" How well does that capture it?`], asked: ['statement.confirm.1'] });

  it('a yes to a draft with a part missing confirms nothing', () => {
    const result = turn(shown({ ...complete, firstExperiment: '' }), 'yes, that feels right');
    expect(result.state.statement?.status).toBe('draft');
  });

  it('a yes to the complete draft confirms it', () => {
    expect(turn(shown(), 'yes, that feels right').state.statement?.status).toBe('confirmed');
  });

  it('"okay, so-- no. can you change the goal?" is not a yes: the goal is changed', () => {
    const result = turn(shown(), "Okay, so-- no. Can you change the goal? It's not 'let the team own releases', it's 'releases that go out calmly'. They don't have to be fast.");
    expect(result.state.statement?.status).toBe('draft');
    expect(actOf(result.understanding, 'statement_correction')?.part).toBe('goals');
    expect(result.state.statement?.goals.join(' ')).toMatch(/releases that go out calmly/);
  });

  it('"the goal is not A. Is B" in non-native English changes the goal to B', () => {
    const result = turn(shown(), "The statement is almost good. But the goal is not 'own releases'. Is 'my technical opinion is heard before the decision'. Is different, no?");
    expect(result.state.statement?.goals.join(' ')).toMatch(/my technical opinion is heard before the decision/);
  });

  it('"please don\'t write that I want …" cuts the part that says it', () => {
    const result = turn(shown(), "Please don't write that I want to let the team own releases");
    expect(actOf(result.understanding, 'statement_correction')?.part).toBe('goals');
    expect(result.state.statement?.goals).toEqual([]);
  });
});

describe('questions the client puts', () => {
  it('a question about their own plan is left to them, not called off-topic', () => {
    const state = partnership({ goals: [{ text: 'speak up in architecture meetings', quote: 'I stay quiet in the architecture meetings.', seq: 3 }] });
    const result = turn(state, 'Check-in after each architecture meeting, so each two weeks, is possible?');
    expect(result.said).not.toMatch(/outside what I can help with/);
    expect(result.said).toMatch(/your call|you decide/i);
  });

  it('a question about something else entirely is still redirected', () => {
    expect(turn(partnership(), 'What is the capital of France?').said).toMatch(/outside what I can help with/);
  });
});

const check = entriesById(coachContent.experimentCheck, ['own-subject', 'not-a-plan'] as const);
const ownActionWords = { ownSubject: check['own-subject'], notAPlan: check['not-a-plan'] };

describe('the answer to "what could you try?" is written in only when it is an action of theirs', () => {
  it.each([
    ['ask Priya to run Monday', true],
    ['I will talk to each of them separately', true],
    ['maybe I could send my boss a summary', true],
    ['role-play a price objection with my colleague Tom', true],
    ['email Sam the draft', true],
    ['oh, absolutely not', false],
    ['all of their friends smoked', false],
    ['it makes me feel slightly ill', false],
    ["I hadn't put it that way, but yes", false],
    ["I don't know", false],
    ['the milk and flour order', false],
  ])('%s → %s', (clause, expected) => {
    expect(readsAsOwnAction(ownActionWords, clause)).toBe(expected);
  });

  it('a refusal after the experiment question leaves the experiment empty; a plain action fills it', () => {
    const asked = partnership({ statement: { ...complete, firstExperiment: '' }, recentCoachTexts: ["What's one small change you could try in the next couple of weeks to test this?"], asked: ['partnership.experiment.1'] });
    expect(turn(asked, 'Oh, absolutely not. It was just a fun thing to do with my friends.').understanding.experiment).toBeNull();
    expect(turn(asked, 'Ask Priya to run the Monday stand-up.').understanding.experiment?.text).toMatch(/Priya/);
  });
});

describe('corrections that quote the words to take out', () => {
  it('"it is not that I want to \'X\'. It is more that…" cuts the goal that says X', () => {
    const statement = { ...complete, goals: ['take over the project'], text: "I want to take over the project. I'll know it's working by this: a release ships without me. My first experiment: let Sam run Friday's release." };
    const state = partnership({ statement, statementShown: { text: statement.text, reply: 'x' }, recentCoachTexts: ['x'] });
    const result = turn(state, "It is nearly right. But it is not that I want to 'take over the project'. It is more that nobody decides.");
    expect(actOf(result.understanding, 'statement_correction')?.part).toBe('goals');
    expect(result.state.statement?.goals).toEqual([]);
  });
});

describe('after an idea the client asked for', () => {
  it('what they then say they will try is their first experiment', async () => {
    const { runConversation } = await import('../../eval/driver.js');
    const result = await runConversation(['is this a bot', 'fine. 15 min', 'boss sent me. idk what to say', 'team doesnt listen in meetings', 'success = they actually do what we agreed', 'can u just give me a framework', 'ok. ill write the 3 decisions down and send them after each meeting']);
    expect(result.state.statement?.firstExperiment).toMatch(/write the 3 decisions down/);
  });
});

describe('something kept back', () => {
  it.each(["It's not really any of your business.", "I'd rather not say.", 'i dont wanna talk about that', "that's private."])('"%s" is respected, not given back as content or pressed', (message) => {
    const result = turn(partnership({ recentCoachTexts: ['What tends to happen when you try to make progress on this?'] }), message);
    expect(hasAct(result.understanding, 'declines_to_share')).toBe(true);
    expect(result.said).toMatch(/yours to keep|rather keep to yourself|you decide what you share/);
    expect(result.plan.moves.filter((move) => move.kind.endsWith('reflection'))).toEqual([]);
    expect(result.said).not.toMatch(/your business|rather not say|private/i);
  });

  it('"I\'d rather not say no to my boss again" is content, not a refusal', () => {
    const result = turn(partnership(), "I'd rather not say no to my boss again");
    expect(hasAct(result.understanding, 'declines_to_share')).toBe(false);
  });
});

describe('a line labelled as another part of the plan', () => {
  it.each(["Support: I'll message Kamau on Monday to book 20 minutes.", 'Measure: the project is signed off by June.'])('is not taken as the first experiment the coach asked for: %s', (message) => {
    const state = partnership({ asked: ['partnership.experiment.1'], recentCoachTexts: ["What's one small change you could try in the next couple of weeks to test this?"] });
    expect(understand(coachContent, message, 9, state).experiment).toBeNull();
  });
});

describe('a closing once the plan is being made', () => {
  it.each(["Thanks, that's all for now.", 'ok thanks, gotta run', "Cheers, that's me sorted. Bye!"])('"%s" closes the session', (message) => {
    const state: SessionState = { ...partnership({ statement: { ...complete, status: 'confirmed' } }), step: 'construct_plan' };
    const result = turn(state, message);
    expect(hasAct(result.understanding, 'wants_stop')).toBe(true);
    expect(result.state.step).toBe('complete');
  });

  it('a plain thank-you mid-plan is thanked, not taken as goodbye', () => {
    const state: SessionState = { ...partnership({ statement: { ...complete, status: 'confirmed' } }), step: 'construct_plan' };
    expect(turn(state, 'Great, thank you!').state.step).toBe('construct_plan');
  });
});

describe('read as the client meant it (a dev-set reading)', () => {
  it('"Can we wrap up? Got a spaniel waiting." closes with the statement as it stands', async () => {
    const { runConversation } = await import('../../eval/driver.js');
    const { state } = await runConversation(['I want to talk about my evenings.', "I'd know it's working when I'm home by six three nights a week.", 'Can we wrap up? Got a spaniel waiting.']);
    expect(state.step).toBe('complete');
  });

  it('"I\'ve said I\'d go back about ten times" is a story, not a request to go back a step', async () => {
    const { runConversation } = await import('../../eval/driver.js');
    const { state, turns } = await runConversation(['I want to get back to swimming.', "I'm rubbish at sticking to stuff though. I've said I'd go back about ten times."]);
    expect(state.step).toBe('create_partnership');
    expect(turns.at(-1)!.text).not.toMatch(/go back to clarify/i);
  });
});

describe('closing on a goodbye in other words', () => {
  it('"ok cheers thats me" closes, and the statement as it stands is quoted with its capital', async () => {
    const { runConversation } = await import('../../eval/driver.js');
    const { state, turns } = await runConversation(['I want to talk about my crew not listening.', 'maybe pull kyle aside b4 start monday', 'ok cheers thats me']);
    expect(state.step).toBe('complete');
    expect(turns.at(-1)!.text).toMatch(/as it stands: "[A-Z]/);
  });

  it('"idk tbh" is not asked about as a feeling', async () => {
    const { runConversation } = await import('../../eval/driver.js');
    const { turns } = await runConversation(['hi ya ok', 'idk tbh boss said do this']);
    expect(turns.at(-1)!.text).not.toMatch(/at stake|feel steadier/);
  });
});
