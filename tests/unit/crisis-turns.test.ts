import { coachContent, phrases } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { openingPlan } from '../../server/policy/plan-turn.js';
import { offlineEngine } from '../../server/phrase/offline-engine.js';
import { recordCoachTurn } from '../../server/policy/record.js';
import { draftStatement } from '../../server/phrase/statement.js';
import type { CoachPlan } from '../../server/domain/coach-plan.js';
import type { StepId } from '../../server/domain/steps.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { clientTurn, commandTurn, recordPlan } from '../../server/app/turn.js';
import { linkPieces } from '../../web/src/help-links.js';

/**
 * Words of crisis at any point of a coach conversation, through the server's own turn loop
 * (understand, apply, machine, policy) and the offline engine that says the plan's words.
 */

const texts = coachContent.safety.texts;
const helpText = (kind: 'suicide' | 'medical' | 'danger') => texts.help[kind].text.join(' ');

async function spoken(state: SessionState, plan: CoachPlan): Promise<string> {
  let text = '';
  for await (const part of offlineEngine.phrase({ state, recent: [], message: null, plan })) if (part.type === 'finish') text = part.text;
  return text;
}

/** One client turn; the coach's words recorded as the server does. */
async function say(state: SessionState, text: string, seq: number) {
  const turn = clientTurn(coachContent, state, { text, seq });
  const reply = await spoken(turn.state, turn.plan);
  return { plan: turn.plan, reply, state: recordPlan(turn.state, turn.plan, reply), understanding: turn.understanding };
}

const purpose = { text: 'delegating more to my team', quote: 'I want to delegate more to my team', seq: 2 };
const agreed = { purpose, timeAvailable: { text: 'half an hour', quote: 'half an hour', seq: 4 }, consent: true };

/** A state in each step, as the conversation would have it there. */
function atStep(step: StepId): SessionState {
  const base = initialState('coach');
  if (step === 'clarify_agreement') return recordCoachTurn(base, openingPlan(coachContent, base));
  const partnership: SessionState = {
    ...base,
    step: 'create_partnership',
    agreement: agreed,
    goals: [{ text: 'delegate the weekly report', quote: 'I want to delegate the weekly report', seq: 6 }],
    needs: [{ id: 'need-delegation', category: 'delegation', summary: 'handing work to others', evidence: ['I do everything myself'], confidence: 0.8, confirmed: true, seq: 6 }],
    successSignals: [{ text: 'Sam runs the report without me', quote: 'Sam runs the report without me', seq: 8 }],
    experiment: { text: 'hand Sam the report on Friday', quote: 'hand Sam the report on Friday', seq: 10 },
    learningPreference: 'action',
    asked: ['partnership.goals.1', 'partnership.success.1'],
    recentCoachTexts: ['What would you like to be different?'],
  };
  if (step === 'create_partnership') return partnership;
  const confirmed = { ...draftStatement(partnership), status: 'confirmed' as const };
  const plan: SessionState = { ...partnership, step: 'construct_plan', statement: confirmed, asked: [...partnership.asked, 'plan.action.1'] };
  if (step === 'construct_plan') return plan;
  return {
    ...plan,
    step: 'collaborate_challenge',
    plan: [{ what: 'hand Sam the weekly report', byWhen: 'by Friday', measure: 'Sam sends it without edits from me', support: null, quote: 'x', seq: 12 }],
    asked: [...plan.asked, 'challenge.commitment.1'],
  };
}

/** The partnership step right after the coach put the draft statement to the client. */
function draftOnTheTable(): SessionState {
  const state = atStep('create_partnership');
  const statement = draftStatement(state);
  return { ...state, statement, asked: [...state.asked, 'statement.confirm.1'], recentCoachTexts: [...state.recentCoachTexts, `Here's a draft: "${statement.text}" Does that capture it?`] };
}

const places: [string, () => SessionState][] = [
  ['the first message (clarify_agreement)', () => atStep('clarify_agreement')],
  ['create_partnership', () => atStep('create_partnership')],
  ['create_partnership with a statement draft on the table', draftOnTheTable],
  ['construct_plan', () => atStep('construct_plan')],
  ['collaborate_challenge', () => atStep('collaborate_challenge')],
];

const crises: ['suicide' | 'medical' | 'danger', string][] = [
  ['suicide', 'some days i dont want to wake up anymore'],
  ['medical', 'I took a whole bottle of pills an hour ago'],
  ['danger', "my partner hits me and I'm scared to go home"],
];

describe('words of crisis at every step get the help of their kind in the same turn, and pause', () => {
  for (const [where, start] of places) {
    it.each(crises)(`${where}: %s`, async (kind, text) => {
      const before = start();
      const { plan, reply, state } = await say(before, text, 21);
      expect(reply).toBe(helpText(kind));
      expect(plan.moves).toHaveLength(1);
      expect(plan.moves[0]!.label).toMatch(/^safety/);
      expect(plan.moves.some((move) => move.questionId || move.kind.endsWith('reflection'))).toBe(false);
      expect(plan.pauses).toBe(true);
      expect(state.paused).toBe(true);
      // Nothing moved in the process: same step, the draft still a draft, nothing new asked.
      expect(state.step).toBe(before.step);
      expect(state.statement?.status).toBe(before.statement?.status);
      expect(state.asked).toEqual(before.asked);
      expect(state.needs).toEqual(before.needs);
    });
  }

  it('a "yes" to the draft in the same message as words of crisis confirms nothing', async () => {
    const { state, reply } = await say(draftOnTheTable(), "yes that's fine. honestly i want to kill myself", 21);
    expect(reply).toBe(helpText('suicide'));
    expect(state.statement?.status).toBe('draft');
  });

  it('carries the help text\'s numbers and sites as links on its move', async () => {
    const { plan } = await say(atStep('create_partnership'), 'some days i dont want to wake up anymore', 21);
    const links = plan.moves[0]!.links ?? [];
    expect(links).toContainEqual({ text: '988', href: 'tel:988' });
    expect(links).toContainEqual({ text: 'findahelpline.com', href: 'https://findahelpline.com' });
    for (const link of links) expect(plan.moves[0]!.text).toContain(link.text);
  });
});

describe('the check question after ambiguous words', () => {
  async function checked(step: StepId = 'create_partnership') {
    return say(atStep(step), "Honestly I can't do this anymore, the reorg has been brutal.", 21);
  }

  it('asks one warm, direct question quoting their words, and nothing else', async () => {
    const { plan, reply, state } = await checked();
    expect(plan.moves).toHaveLength(1);
    expect(plan.moves[0]!.label).toMatch(/^safety/);
    expect(reply).toContain('“I can\'t do this anymore”');
    expect(texts.check.some((stem) => reply === stem.replace('{quote}', '“I can\'t do this anymore”'))).toBe(true);
    expect(state.paused).toBe(false);
    expect(state.safetyCheck).toEqual({ quote: "I can't do this anymore", seq: 21 });
  });

  it.each(['no, just work', "god no, it's the job", 'nah, it\'s the workload. Three projects at once and no help'])('a clear no ("%s") goes on coaching, with the reviewed word first', async (answer) => {
    const { state: asked } = await checked();
    const { plan, reply, state } = await say(asked, answer, 23);
    expect(reply.startsWith(texts.checkClear[0]!)).toBe(true);
    expect(plan.moves.length).toBeGreaterThan(1);
    expect(plan.moves.some((move) => move.kind.endsWith('question') || move.kind === 'needs_check')).toBe(true);
    expect(state.paused).toBe(false);
    expect(state.safetyCheck).toBeUndefined();
    // Coaching is back: the next message is coached as usual.
    const next = await say(state, 'I want Sam to own the weekly report.', 25);
    expect(next.state.paused).toBe(false);
    expect(next.plan.moves.some((move) => move.label?.startsWith('safety'))).toBe(false);
  });

  it('a clear no in construct_plan does not answer the plan question for them', async () => {
    const { state: asked } = await checked('construct_plan');
    const { state, reply } = await say(asked, 'no, just work', 23);
    expect(reply.startsWith(texts.checkClear[0]!)).toBe(true);
    expect(state.step).toBe('construct_plan');
  });

  it.each(['i mean the job', 'no just this project', 'lol no, the deadline', "it's mostly my manager, to be honest"])('an answer about work with no words of risk ("%s") is a no: the warm line, and coaching goes on', async (answer) => {
    const { state: asked } = await checked();
    const { plan, reply, state } = await say(asked, answer, 23);
    expect(reply.startsWith(texts.checkClear[0]!)).toBe(true);
    expect(plan.moves.length).toBeGreaterThan(1);
    expect(state.paused).toBe(false);
    expect(state.safetyCheck).toBeUndefined();
  });

  it.each(['sometimes', 'yes', 'maybe', 'kind of, yeah', 'a bit of both', 'the second one', 'work, but also sometimes yes', 'yeah i have those thoughts'])('a yes ("%s") gets the help, and a pause', async (answer) => {
    const { state: asked } = await checked();
    const { plan, reply, state } = await say(asked, answer, 23);
    expect(reply).toBe(helpText('suicide'));
    expect(plan.moves).toHaveLength(1);
    expect(state.paused).toBe(true);
    expect(state.safetyCheck).toBeUndefined();
  });

  it.each(["i don't know", '...', 'hmm', "I can't do this anymore", 'what do you mean?'])('an unclear answer ("%s") gets the help lines briefly and the question once more, without a pause', async (answer) => {
    const { state: asked } = await checked();
    const { plan, reply, state } = await say(asked, answer, 23);
    expect(texts.checkAgain.map((stem) => stem.replace('{quote}', '“I can\'t do this anymore”'))).toContain(reply);
    expect(plan.moves).toHaveLength(1);
    expect(plan.moves[0]!.links).toContainEqual({ text: '988', href: 'tel:988' });
    expect(state.paused).toBe(false);
    expect(state.safetyCheck).toMatchObject({ quote: "I can't do this anymore", again: true });
  });

  it('asked once more: a yes gets the help and a pause; a no or work goes on coaching', async () => {
    const { state: asked } = await checked();
    const { state: again } = await say(asked, 'i dont know', 23);
    const yes = await say(again, 'yeah, sometimes', 25);
    expect(yes.reply).toBe(helpText('suicide'));
    expect(yes.state.paused).toBe(true);
    const no = await say(again, 'its the work really', 25);
    expect(no.reply.startsWith(texts.checkClear[0]!)).toBe(true);
    expect(no.state.paused).toBe(false);
    expect(no.state.safetyCheck).toBeUndefined();
  });

  it('unclear twice: the help lines once more, and coaching goes on (never stuck in a pause); ambiguous words again get the help', async () => {
    const { state: asked } = await checked();
    const { state: again } = await say(asked, 'hmm', 23);
    const { plan, reply, state } = await say(again, 'ok', 25);
    expect(reply.startsWith(texts.checkLetGo[0]!)).toBe(true);
    expect(plan.moves[0]!.links).toContainEqual({ text: '988', href: 'tel:988' });
    expect(plan.moves.length).toBeGreaterThan(1);
    expect(state.paused).toBe(false);
    expect(state.safetyCheck).toBeUndefined();
    const next = await say(state, 'I want Sam to own the weekly report.', 27);
    expect(next.plan.moves.some((move) => move.label?.startsWith('safety'))).toBe(false);
    const repeated = await say(again, "I just can't do this anymore", 25);
    expect(repeated.reply).toBe(helpText('suicide'));
    expect(repeated.state.paused).toBe(true);
  });

  it('an unclear answer that is a goodbye gets the help lines once more and the close, not the question again', async () => {
    const { state: asked } = await checked();
    const { plan, reply, state } = await say(asked, "Thank you, this has been more use than I expected, I feel lighter. Now I'd better go. Bye.", 23);
    expect(reply.startsWith(texts.checkLetGo[0]!)).toBe(true);
    expect(plan.moves[0]!.links).toContainEqual({ text: '988', href: 'tel:988' });
    expect(reply).not.toMatch(/\?\s*$/);
    expect(state.paused).toBe(false);
  });

  it('the answer is screened first: words of crisis get their own help', async () => {
    const { state: asked } = await checked();
    const { reply, state } = await say(asked, 'no. but i took a whole bottle of pills an hour ago', 23);
    expect(reply).toBe(helpText('medical'));
    expect(state.paused).toBe(true);
  });

  it('works at the first message too', async () => {
    const { reply, state } = await checked('clarify_agreement');
    expect(reply).toContain('“I can\'t do this anymore”');
    const cleared = await say(state, 'no no, nothing like that', 23);
    expect(cleared.reply.startsWith(texts.checkClear[0]!)).toBe(true);
    expect(cleared.state.safetyCheck).toBeUndefined();
  });

  it('a state saved before the check existed (no safetyCheck field) still plays', async () => {
    const old = JSON.parse(JSON.stringify(atStep('create_partnership'))) as SessionState;
    expect('safetyCheck' in old).toBe(false);
    const { state } = await say(old, 'I want Sam to own the weekly report.', 21);
    expect(state.safetyCheck).toBeUndefined();
  });
});

describe('while paused', () => {
  async function paused() {
    return (await say(atStep('construct_plan'), 'some days i dont want to wake up anymore', 21)).state;
  }

  it.each(['...', 'ok', 'I am not sure.', 'My rota is set months ahead.', "I don't want to go on"])('anything but a wish to go on ("%s") keeps the pause, with where to find help', async (text) => {
    const { plan, reply, state } = await say(await paused(), text, 23);
    expect(reply).toBe(texts.pausedStill.join(' '));
    expect(plan.moves).toHaveLength(1);
    expect(plan.moves[0]!.links).toContainEqual({ text: '988', href: 'tel:988' });
    expect(state.paused).toBe(true);
  });

  it('new words of crisis get the help again', async () => {
    const { reply, state } = await say(await paused(), "i'm not safe at home, he hits me", 23);
    expect(reply).toBe(helpText('danger'));
    expect(state.paused).toBe(true);
  });

  it('resumes when they say they want to go on, and the coaching goes on in the same turn', async () => {
    const before = await paused();
    const { plan, reply, state } = await say(before, "I'm okay now, it was a bad day, can we carry on?", 23);
    expect(reply.startsWith(texts.resume[0]!)).toBe(true);
    expect(plan.moves.length).toBeGreaterThan(1);
    expect(plan.moves.some((move) => move.kind.endsWith('question'))).toBe(true);
    expect(plan.moves.some((move) => move.kind.endsWith('reflection'))).toBe(false);
    expect(state.paused).toBe(false);
    expect(state.step).toBe('construct_plan');
  });

  it.each([
    "no no, I'm not suicidal lol, I meant the deadline",
    'you misunderstood me, I was talking about the rota',
    'haha no, just a figure of speech',
  ])('a person who says they were read wrong ("%s") gets an apology and the coaching back', async (text) => {
    const { plan, reply, state } = await say(await paused(), text, 23);
    expect(reply.startsWith(texts.resumeMisread[0]!)).toBe(true);
    expect(plan.moves.some((move) => move.kind.endsWith('question'))).toBe(true);
    expect(state.paused).toBe(false);
  });

  it.each(["no", "it wasn't a joke", "I'm not joking, I meant it"])('"%s" after the help keeps the pause (a no to "are you safe?" is not a misreading)', async (text) => {
    const { state } = await say(await paused(), text, 23);
    expect(state.paused).toBe(true);
  });

  it('a wish to go on with new worrying words in it does not resume', async () => {
    const { state } = await say(await paused(), "can we carry on? I can't do this anymore", 23);
    expect(state.paused).toBe(true);
  });
});

describe('the page\'s buttons while paused', () => {
  it('a step change gets the pause\'s word, not coaching, and the step stays', async () => {
    const { state } = await say(atStep('create_partnership'), 'some days i dont want to wake up anymore', 21);
    const result = commandTurn(coachContent, state, { type: 'goto', to: 'construct_plan', by: 'client', seq: 22 });
    expect(result.state.step).toBe('create_partnership');
    expect(result.plan?.moves.map((move) => move.text)).toEqual([texts.pausedStill.join(' ')]);
    expect(result.plan?.moves[0]!.label).toMatch(/^safety/);
  });

  it('confirming the draft while paused confirms it but does not move on', async () => {
    const { state } = await say(draftOnTheTable(), 'some days i dont want to wake up anymore', 21);
    const result = commandTurn(coachContent, state, { type: 'statement.confirm' });
    expect(result.state.statement?.status).toBe('confirmed');
    expect(result.state.step).toBe('create_partnership');
    expect(result.plan).toBeNull();
  });
});

describe('help links on the page', () => {
  const links = texts.links;

  it('turns each number and site of the help text into its link, and leaves the rest as text', () => {
    const text = helpText('suicide');
    const pieces = linkPieces(text, links);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    const linked = pieces.filter((piece) => piece.href);
    expect(linked).toContainEqual({ text: '988', href: 'tel:988' });
    expect(linked).toContainEqual({ text: '116 123', href: 'tel:116123' });
    expect(linked).toContainEqual({ text: 'findahelpline.com', href: 'https://findahelpline.com' });
    expect(linked).toContainEqual({ text: '112', href: 'tel:112' });
  });

  it('links only whole numbers, and never an address that is not tel: or https:', () => {
    expect(linkPieces('call 1120 or 9880', links).filter((piece) => piece.href)).toEqual([]);
    expect(linkPieces('see evil.example', [{ text: 'evil.example', href: 'javascript:alert(1)' }])).toEqual([{ text: 'see evil.example' }]);
  });
});
