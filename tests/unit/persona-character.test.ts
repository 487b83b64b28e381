import { shippedContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import type { UtteranceLabel } from '../../server/domain/schemas.js';
import { simulateClient, type ClientMoveKind } from '../../server/persona/client-simulator.js';
import { buildFeedbackReport, type FeedbackTurn } from '../../server/persona/feedback.js';
import type { Persona } from '../../server/persona/persona-schema.js';
import { initialRehearsal, type RehearsalState } from '../../server/domain/rehearsal.js';

const personas = shippedContent.personas.personas;
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** A rehearsal in progress: the client's replies, the kind of each, and the transcript for the report. */
class Rehearsal {
  state: RehearsalState;
  kinds: ClientMoveKind[] = [];
  replies: string[] = [];
  turns: FeedbackTurn[] = [];
  private seq = 1;

  constructor(readonly persona: Persona) {
    this.state = { ...initialRehearsal(persona.id), used: [persona.opening], lastClientLine: persona.opening, turns: 1 };
    this.turns.push({ seq: 1, role: 'client', text: persona.opening });
  }

  say(text: string, label: UtteranceLabel): { reply: string; kind: ClientMoveKind } {
    const seq = ++this.seq;
    this.turns.push({ seq, role: 'coach', text, label });
    const result = simulateClient(this.persona, this.state, { text, label, seq });
    this.state = result.state;
    this.kinds.push(result.kind);
    this.replies.push(result.reply);
    this.turns.push({ seq: ++this.seq, role: 'client', text: result.reply });
    return { reply: result.reply, kind: result.kind };
  }

  report() {
    return buildFeedbackReport(this.turns, this.state, this.persona);
  }
}

/**
 * A good listener, scripted from nothing but what a coach could hear: it keeps asking open
 * questions and reflecting what the client has just opened up about, deepening each need until
 * it is told in full, then summarises the needs with a next step.
 */
function goodCoach(persona: Persona): Rehearsal {
  const rehearsal = new Rehearsal(persona);
  let last: { kind: ClientMoveKind } = { kind: 'small_talk' };
  for (let turn = 0; turn < 30; turn++) {
    const depth = (id: string) => rehearsal.state.reveals.filter((reveal) => reveal.needId === id).length;
    const focus = persona.needs.find((need) => need.id === rehearsal.state.focus);
    if (last.kind === 'reveal' && focus && depth(focus.id) < focus.reveals.length) {
      last = rehearsal.say(`It sounds like you want to ${lowerFirst(focus.summary)}, and that it matters a great deal to you.`, 'reflection_complex');
      continue;
    }
    const next = persona.needs.find((need) => depth(need.id) === 0);
    if (!next) break;
    // Before the client has opened up, an open question about nothing in particular; then one about the next need.
    last = rehearsal.state.revealed.length === 0 && last.kind !== 'guarded' && turn === 0
      ? rehearsal.say('What would you like to talk about?', 'question_open')
      : rehearsal.say(rehearsal.kinds.at(-1) === 'guarded' ? 'What else is on your mind at the moment?' : `What is it like when you think about how to ${lowerFirst(next.summary)}?`, 'question_open');
  }
  const named = persona.needs.map((need) => lowerFirst(need.summary)).join('; and ');
  rehearsal.say(`So you want to ${named}. What could you try this week?`, 'reflection_complex');
  return rehearsal;
}

/** A poor listener: closed questions and advice from the first minute. */
function poorCoach(persona: Persona): Rehearsal {
  const rehearsal = new Rehearsal(persona);
  rehearsal.say('Do you have too much on?', 'question_closed');
  rehearsal.say('You should make a list and start working through it tomorrow.', 'input');
  rehearsal.say('Is it hard?', 'question_closed');
  rehearsal.say('My advice is to talk to your manager about it.', 'input');
  rehearsal.say('Are you sure?', 'question_closed');
  rehearsal.say('Why not just do it?', 'input');
  return rehearsal;
}

describe('the shipped personas', () => {
  it('are at least eight, varied in difficulty and setting', () => {
    expect(personas.length).toBeGreaterThanOrEqual(8);
    expect(new Set(personas.map((persona) => persona.difficulty))).toEqual(new Set(['open', 'guarded', 'vague', 'talkative', 'resistant', 'sent']));
    const settings = personas.map((persona) => persona.setting).join(' | ');
    for (const setting of ['health care', 'teaching', 'engineering', 'retail', 'public sector', 'founder', 'career change', 'return from']) expect(settings).toContain(setting);
  });

  it('each show their difficulty and setting in the public list, never a need', () => {
    const listed = shippedContent.personas.list();
    expect(listed.map((persona) => persona.difficulty)).toEqual(personas.map((persona) => persona.difficulty));
    const text = JSON.stringify(listed);
    for (const persona of personas) for (const belief of persona.character.beliefs) expect(text).not.toContain(belief.holds);
  });
});

describe.each(personas.map((persona) => [persona.id, persona] as const))('%s stays in character', (_id, persona) => {
  const { motivation, beliefs, plan, receptivity } = persona.character;

  it(`receptivity: opens up to a good listener only after ${receptivity.warmUp} listening turn(s), and tells every need`, () => {
    const good = goodCoach(persona);
    expect(good.kinds.slice(0, receptivity.warmUp)).toEqual(Array(receptivity.warmUp).fill('guarded'));
    expect(good.kinds[receptivity.warmUp]).toBe('reveal');
    expect(good.state.revealed.sort()).toEqual(persona.needs.map((need) => need.id).sort());
    const report = good.report();
    expect(report.needsDiscovered).toHaveLength(persona.needs.length);
    expect(report.needsMissed).toEqual([]);
    expect(good.kinds.at(-1)).toBe('agreement');
    expect(report.statementCoCreated).toBe(true);
  });

  it('receptivity: tells a poor listener nothing, and accepts none of their plans', () => {
    const poor = poorCoach(persona);
    expect(poor.kinds).not.toContain('reveal');
    expect(poor.kinds).not.toContain('agreement');
    expect(poor.replies.some((reply) => plan.refusals.includes(reply))).toBe(true);
    const report = poor.report();
    expect(report.needsDiscovered).toEqual([]);
    expect(report.needsMissed).toHaveLength(persona.needs.length);
    expect(report.statementCoCreated).toBe(false);
  });

  it(`motivation (${motivation.level}): says why they came in their own terms, even after opening up`, () => {
    const early = new Rehearsal(persona);
    expect(motivation.says).toContain(early.say('What are you hoping to get from coaching?', 'question_open').reply);
    const late = goodCoach(persona);
    expect(motivation.says).toContain(late.say('And what are you hoping to get from coaching, looking back at all that?', 'question_open').reply);
  });

  it('beliefs: restates what they hold when advice pushes on it, even when warm', () => {
    for (const belief of beliefs) {
      const warm = goodCoach(persona);
      const pushed = warm.say(`Have you thought about how you could ${belief.cues[0]} a bit more?`, 'input');
      expect(pushed.kind).toBe('belief');
      expect(belief.says).toContain(pushed.reply);
    }
  });

  it(`plan: refuses a next step until ${plan.needsFirst} need(s) are out in the open`, () => {
    const cold = new Rehearsal(persona);
    expect(plan.refusals).toContain(cold.say('What you need is a plan: start on it this week.', 'input').reply);
    expect(cold.state.agreedSummary).toBeNull();
  });
});

describe('the hard ones', () => {
  const helen = shippedContent.personas.resolve('council-lead-resistant');
  const dean = shippedContent.personas.resolve('retail-manager-sent');
  const bea = shippedContent.personas.resolve('teacher-talkative');
  const priya = shippedContent.personas.resolve('new-manager-delegation');

  it('a resistant client goes cold again after advice, and resists every piece of it', () => {
    const rehearsal = new Rehearsal(helen);
    rehearsal.say('What is the restructure like for you?', 'question_open');
    rehearsal.say('What is going on for your team?', 'question_open');
    rehearsal.say('Focusing on what you can control would help.', 'input');
    rehearsal.say('What else is happening?', 'question_open');
    // Two listening turns, one taken back by advice, one more: still short of her three.
    expect(rehearsal.kinds).toEqual(['guarded', 'guarded', 'resistance', 'guarded']);
    expect(rehearsal.state.revealed).toEqual([]);
  });

  it('a resistant client refuses a summary of two needs with a next step until all three are told', () => {
    const rehearsal = new Rehearsal(helen);
    for (let index = 0; index < 3; index++) rehearsal.say('What is on your mind?', 'question_open');
    rehearsal.say('What is the restructure like for you?', 'question_open');
    rehearsal.say('It sounds like having a say in the restructure matters a lot.', 'reflection_complex');
    rehearsal.say('What about your team, with their jobs uncertain?', 'question_open');
    expect(rehearsal.state.revealed).toHaveLength(2);
    const early = rehearsal.say('So a say in the restructure and your team through the uncertainty: what could you try this week?', 'reflection_complex');
    expect(early.kind).toBe('refusal');
    rehearsal.say('What happens when you get home in the evening?', 'question_open');
    const agreed = rehearsal.say('So a say in the restructure, your team through the uncertainty, and the evenings at home: what could you try this week?', 'reflection_complex');
    expect(agreed.kind).toBe('agreement');
  });

  it('a client sent by the boss says so, and an open client says they chose to come', () => {
    expect(dean.character.motivation.level).toBe('low');
    expect(new Rehearsal(dean).say('What brings you here today?', 'question_open').reply).toMatch(/didn't choose|say I came/);
    expect(priya.character.motivation.level).toBe('high');
    expect(new Rehearsal(priya).say('What are you hoping to get from coaching?', 'question_open').kind).toBe('motivation');
  });

  it('a talkative client answers a closed question at length; an open one answers it briefly', () => {
    const words = (persona: Persona) => new Rehearsal(persona).say('Is it busy?', 'question_closed').reply.split(/\s+/).length;
    expect(words(bea)).toBeGreaterThan(10);
    expect(words(priya)).toBeLessThan(5);
  });
});
