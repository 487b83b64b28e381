import { shippedContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { FeedbackReportSchema, type UtteranceLabel } from '../../server/domain/schemas.js';
import { simulateClient } from '../../server/persona/client-simulator.js';
import { buildFeedbackReport, THRESHOLDS, type FeedbackTurn } from '../../server/persona/feedback.js';
import { openRewrite, reflectionOf } from '../../server/persona/open-rewrite.js';
import { initialRehearsal, type RehearsalState } from '../../server/domain/rehearsal.js';

const priya = shippedContent.personas.resolve('new-manager-delegation');

/** A rehearsal played through the simulator: the coach's turns with their labels, the client's replies. */
function rehearse(coach: [string, UtteranceLabel][]): { turns: FeedbackTurn[]; state: RehearsalState } {
  let state = initialRehearsal(priya.id);
  const turns: FeedbackTurn[] = [{ seq: 1, role: 'client', text: priya.opening }];
  state = { ...state, used: [priya.opening], lastClientLine: priya.opening, turns: 1 };
  let seq = 1;
  for (const [text, label] of coach) {
    const coachSeq = ++seq;
    turns.push({ seq: coachSeq, role: 'coach', text, label });
    const reply = simulateClient(priya, state, { text, label, seq: coachSeq });
    state = reply.state;
    turns.push({ seq: ++seq, role: 'client', text: reply.reply });
  }
  return { turns, state };
}

const goodListener: [string, UtteranceLabel][] = [
  ["What's been going on for you since the promotion?", 'question_open'],
  ["You end up checking every number and redoing the work yourself, even when you've handed it over.", 'reflection_complex'],
  ['It sounds like letting go feels risky, as if a mistake would prove you were not ready.', 'reflection_complex'],
  ["What's it like leading people who used to be your peers?", 'question_open'],
  ["You're not sure your former friends take you seriously now.", 'reflection_complex'],
  ['What else is going on at home with the late nights?', 'question_open'],
  ['Working late every night is costing you time with your partner.', 'reflection_complex'],
  ['So handing over the reports, feeling you belong with your former peers, and your evenings back: what could you try this week?', 'reflection_complex'],
];

const poorListener: [string, UtteranceLabel][] = [
  ['Do you delegate?', 'question_closed'],
  ["I'd suggest making a delegation checklist and sticking to it.", 'input'],
  ['Is your team good?', 'question_closed'],
  ['Do you trust them?', 'question_closed'],
  ['My advice would be to block your calendar after six.', 'input'],
];

describe('the feedback report', () => {
  it('credits a good listener with the needs they found and the statement made together', () => {
    const { turns, state } = rehearse(goodListener);
    const report = FeedbackReportSchema.parse(buildFeedbackReport(turns, state, priya));
    expect(report.counts).toEqual({ question_open: 3, question_closed: 0, reflection_simple: 0, reflection_complex: 5, input: 0, other: 0 });
    expect(report.percentOpenQuestions).toBe(100);
    expect(report.reflectionToQuestionRatio).toBe(1.67);
    expect(report.percentComplexReflections).toBe(100);
    expect(report.thresholds).toEqual(THRESHOLDS);
    expect(report.needsTotal).toBe(3);
    expect(report.needsDiscovered.map((need) => need.category)).toEqual(['delegation', 'confidence', 'work_life_balance']);
    // Discovered by the reflection after the reveal, not by the question that invited it.
    expect(report.needsDiscovered[0]!.seq).toBe(4);
    expect(report.needsMissed).toEqual([]);
    expect(report.statementCoCreated).toBe(true);
    expect(report.suggestions).toEqual([]);
    expect(report.turns.find((turn) => turn.seq === 4)!.note).toMatch(/^Complex reflection: .*Named what they told you: hand work over/);
    expect(report.turns.at(-1)!.note).toMatch(/they agreed/);
  });

  it('shows a poor listener what they missed, with an open rewrite of each closed question and a reflection instead of early advice', () => {
    const { turns, state } = rehearse(poorListener);
    const report = FeedbackReportSchema.parse(buildFeedbackReport(turns, state, priya));
    expect(report.counts).toMatchObject({ question_open: 0, question_closed: 3, input: 2 });
    expect(report.percentOpenQuestions).toBe(0);
    expect(report.reflectionToQuestionRatio).toBe(0);
    expect(report.percentComplexReflections).toBe(0);
    expect(report.needsDiscovered).toEqual([]);
    expect(report.needsMissed).toHaveLength(3);
    expect(report.statementCoCreated).toBe(false);
    expect(report.turns[0]).toMatchObject({ seq: 2, label: 'question_closed', note: 'Closed question: invites a yes/no.' });
    expect(report.turns[1]!.note).toMatch(/Advice before their needs were explored/);

    const bySeq = (seq: number) => report.suggestions.filter((suggestion) => suggestion.seq === seq);
    expect(bySeq(2)[0]).toMatchObject({ said: 'Do you delegate?', why: expect.stringMatching(/yes or no/) });
    expect(bySeq(8).map((suggestion) => suggestion.tryInstead)).toContain('What would help you trust them more?');
    // Advice before any need was explored: a reflection of the client's last words instead.
    expect(bySeq(4)[0]!.tryInstead).toMatch(/^It sounds like /);
    expect(bySeq(4)[0]!.why).toMatch(/reflection/);
    // Three questions in a row without a reflection (seq 2, 6, 8).
    expect(bySeq(8).some((suggestion) => /in a row/.test(suggestion.why))).toBe(true);
  });

  it('finds more needs for the good listener than for the poor one', () => {
    const good = rehearse(goodListener);
    const poor = rehearse(poorListener);
    expect(buildFeedbackReport(good.turns, good.state, priya).needsDiscovered.length).toBeGreaterThan(
      buildFeedbackReport(poor.turns, poor.state, priya).needsDiscovered.length,
    );
  });

  it('is valid for an empty rehearsal', () => {
    const report = buildFeedbackReport([], initialRehearsal(priya.id), priya);
    expect(FeedbackReportSchema.parse(report)).toMatchObject({ percentOpenQuestions: 0, reflectionToQuestionRatio: 0, needsDiscovered: [], statementCoCreated: false });
  });
});

describe('rewrites', () => {
  it.each([
    ['Do you trust them?', 'What would help you trust them more?'],
    ['Is it hard?', 'What makes it hard?'],
    ['Do you want to delegate more?', 'What would help you delegate more?'],
    ['Do you feel stuck?', 'What is it like to feel stuck?'],
    ['Do you have a plan?', 'What would a plan look like for you?'],
    ['Do you need more support?', 'What would more support give you?'],
    ['Are you worried about the deadline?', 'What is it like to be worried about the deadline?'],
    ['Can you give it to Tom?', 'What would help you give it to Tom?'],
    ['Okay. So does he listen?', 'What have you noticed about him?'],
    ['Any ideas?', 'What matters most to you about this?'],
  ])('%s → %s', (closed, open) => {
    expect(openRewrite(closed)).toBe(open);
  });

  it('reflects a client line in the second person', () => {
    expect(reflectionOf("I'm working later than I ever did.")).toBe("It sounds like you're working later than you ever did.");
  });
});
