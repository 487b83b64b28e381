import { shippedContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import type { UtteranceLabel } from '../../server/domain/schemas.js';
import { simulateClient } from '../../server/persona/client-simulator.js';
import { buildFeedbackReport, type FeedbackTurn } from '../../server/persona/feedback.js';
import { isWellFormedOpenQuestion, isWellFormedReflection } from '../../server/persona/open-rewrite.js';
import type { Persona } from '../../server/persona/persona-schema.js';
import { initialRehearsal } from '../../server/domain/rehearsal.js';

const classifier = shippedContent.classifier;
const label = (text: string, previousClient = 'I keep doing all of it myself.') => classifier.classify({ text, previousClient }).label;

/** A rehearsal labelled by the real offline classifier, each coach turn read against the client's line before it. */
function rehearse(persona: Persona, coach: string[]) {
  let state = { ...initialRehearsal(persona.id), used: [persona.opening], lastClientLine: persona.opening, turns: 1 };
  const turns: FeedbackTurn[] = [{ seq: 1, role: 'client', text: persona.opening }];
  let seq = 1;
  for (const text of coach) {
    const coachSeq = ++seq;
    const turnLabel: UtteranceLabel = classifier.classify({ text, previousClient: state.lastClientLine }).label;
    turns.push({ seq: coachSeq, role: 'coach', text, label: turnLabel });
    const reply = simulateClient(persona, state, { text, label: turnLabel, seq: coachSeq });
    state = reply.state;
    turns.push({ seq: ++seq, role: 'client', text: reply.reply });
  }
  return buildFeedbackReport(turns, state, persona);
}

describe('advice put as a question', () => {
  it.each([
    "Why don't you write it up before the review?",
    'Have you thought about talking to him first?',
    'Have you considered a shared calendar?',
    'Why not ask her directly?',
    'So, have you tried saying no to the extra shifts?',
  ])('"%s" is advice, not a question', (text) => {
    expect(label(text)).toBe('input');
  });

  it.each([
    ['Have you thought about what you want from this?', 'question_closed'],
    ['What would it be like to write it up before the review?', 'question_open'],
  ])('"%s" stays a question (%s)', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('is counted as advice in the report, so it does not raise the share of open questions', () => {
    const priya = shippedContent.personas.resolve('new-manager-delegation');
    const report = rehearse(priya, ["What's been going on for you since the promotion?", "Why don't you write it up before the review?", 'Have you thought about delegating the reports?']);
    expect(report.counts).toMatchObject({ question_open: 1, question_closed: 0, input: 2 });
    expect(report.percentOpenQuestions).toBe(100);
  });
});

describe('suggestions quote the turn and offer a well-formed rewrite', () => {
  const poor = ['Do you have too much on?', 'Is it hard?', 'You should make a list.', 'Are you sure?', 'Why not just say no?', 'Do you like it?', 'My advice is to talk to your manager.', 'Is that right?'];

  it.each(shippedContent.personas.personas.map((persona) => [persona.id, persona] as const))('%s: every rewrite reads well, whatever short answer came before', (_id, persona) => {
    const report = rehearse(persona, poor);
    expect(report.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of report.suggestions) {
      expect(poor).toContain(suggestion.said);
      expect(report.turns.find((turn) => turn.seq === suggestion.seq)?.text).toBe(suggestion.said);
      const wellFormed = suggestion.tryInstead.startsWith('It sounds like') ? isWellFormedReflection(suggestion.tryInstead) : isWellFormedOpenQuestion(suggestion.tryInstead);
      expect(wellFormed, suggestion.tryInstead).toBe(true);
    }
  });

  it('never suggests a fragment such as "It sounds like sometimes."', () => {
    const marcus = shippedContent.personas.resolve('senior-engineer-peer-conflict');
    const report = rehearse(marcus, ['Do you argue with him?', 'Is it often?', 'Is it bad?', 'You should talk to him.']);
    const texts = report.suggestions.map((suggestion) => suggestion.tryInstead);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toMatch(/^It sounds like (?:\S+\s?){1,3}\.$/);
    expect(texts).not.toContain('It sounds like sometimes.');
  });
});

describe('"What you missed"', () => {
  const adaeze = shippedContent.personas.resolve('nurse-manager-overload');
  const priorities = adaeze.needs.find((need) => need.id === 'choose-what-matters')!;

  it('never lists a need the client stated and the coach reflected', () => {
    // Her opening says everything is urgent; the coach reflects it straight back.
    expect(adaeze.opening).toMatch(/everything is urgent/);
    const report = rehearse(adaeze, ['Everything feels urgent to you at the moment, and you are trying to keep up with all of it.']);
    expect(report.needsMissed.map((need) => need.summary)).not.toContain(priorities.summary);
    expect(report.needsDiscovered.map((need) => need.summary)).toContain(priorities.summary);
  });

  it('still lists it when the coach only asked a closed question about it', () => {
    const report = rehearse(adaeze, ['Is everything urgent?']);
    expect(report.needsMissed.map((need) => need.summary)).toContain(priorities.summary);
  });
});
