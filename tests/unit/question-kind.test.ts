import { describe, expect, it } from 'vitest';
import { readQuestions } from '../../server/understand/question-kind.js';

/** The first question a message puts to the coach, or null. */
const findQuestionKind = (models: Parameters<typeof readQuestions>[0], text: string) => readQuestions(models, text)[0] ?? null;
import { runConversation, shippedContent } from '../../eval/driver.js';

const models = shippedContent.coach.models;

// Sentences written for this test, in none of the training files or evaluation clients.
describe('the trained reader of questions put to the coach', () => {
  it.each([
    ['so do i just write whatever comes into my head?', 'process'],
    ['Will forty minutes be enough for all this?', 'process'],
    ['If you were in my place, which one would you go for?', 'advice'],
    ['What do most folk in my job do when the rota goes wrong?', 'advice'],
    ['Is phoning two suppliers a week too little to start with?', 'opinion'],
    ['Is it normal to feel this flat after a promotion?', 'reassurance'],
    ['am i being daft about this?', 'reassurance'],
    ['Sorry, do you mean progress at work or at home?', 'clarify'],
    ['what is the point of telling a computer all this', 'doubt'],
  ])('reads "%s" as %s', (text, kind) => expect(findQuestionKind(models, text)?.kind).toBe(kind));

  it.each([
    'My boss asked me why the report was late.',
    'why does he always leave it to the last minute?',
    'I keep wondering what I even want from this job.',
    'We sell about forty loaves on a Saturday.',
  ])('hears no question to the coach in "%s"', (text) => expect(findQuestionKind(models, text)).toBeNull());
});

describe('questions put to the coach, answered in the conversation', () => {
  it('explains how the conversation works when asked, then asks its own question again', async () => {
    const result = await runConversation(['Hello, I run a small garage with my brother. So do I just type whatever comes into my head?']);
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/how it works|You lead and I follow/);
    expect(reply.trim()).toMatch(/\?$/);
    expect(result.state.step).toBe('clarify_agreement');
  });

  it('does not hold a client at the door for asking whether a feeling is normal beside their topic', async () => {
    const result = await runConversation([
      'I want to get back into nursing after five years at home with the kids, but I feel completely out of date. Is it normal to feel this rusty?',
    ]);
    expect(result.state.step).toBe('create_partnership');
    const reply = result.turns.at(-1)!.text;
    // Answered before anything else, then the conversation goes on.
    expect(reply).toMatch(/common|no wrong answer|no mark against you/);
    expect(reply).not.toMatch(/shall we begin|happy to go ahead/i);
  });

  it('offers an idea when asked what it would do, rather than reflecting the question back', async () => {
    const result = await runConversation([
      'I want to stop doing every delivery run myself; the two drivers could do more.',
      'I do the runs because I know the customers and it is quicker than explaining.',
      'If you were in my place, which run would you hand over first?',
    ]);
    const reply = result.turns.at(-1)!.text;
    expect(reply).not.toMatch(/You're wondering|you'd hand over/i);
    expect(reply).toMatch(/idea|suggest|situation/i);
  });

  it('answers whether a step is too small and keeps the step in the statement', async () => {
    const result = await runConversation([
      'I want to spend less of my weekend on the shop accounts.',
      'Every Sunday goes on invoices and I am shattered by Monday.',
      'Success would be two Sundays a month with no invoices at all.',
      'First small step could be doing the invoices on Friday afternoon for one week. Is that too small a step?',
    ]);
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/can't judge|your own sense|call/i);
    const step = result.state.statement?.firstExperiment ?? result.state.experiment?.own ?? '';
    expect(step).toMatch(/invoices on Friday afternoon/i);
  });

  it('takes a goodbye with a word about the next meeting as a goodbye', async () => {
    const result = await runConversation([
      'I want to spend less of my weekend on the shop accounts.',
      'Thanks, this really helped. See you at the check-in!',
    ]);
    expect(result.state.step).toBe('complete');
  });
});

describe('labelled plan details', () => {
  const toThePlan = [
    "I'd like to talk about my first year as a team lead.",
    'About 40 minutes.',
    'Yes, go ahead.',
    'I want my team to make more decisions without me.',
    "I'll know it's working when the team closes a sprint without pulling me into the details.",
    'I could try letting Ana chair the planning meeting for the next two weeks.',
    "Yes, that's right.",
    "I'll ask Ana to chair Monday's planning by Friday.",
  ];

  it('takes "Support: …" and "For measure …" as those parts of the action, and does not ask for them again', async () => {
    const result = await runConversation([...toThePlan, 'Support: my manager Priya will back me in the meeting.', 'For measure I will count the decisions the team makes without me.']);
    const action = result.state.plan[0]!;
    expect(action.support).toMatch(/your manager Priya will back you/);
    expect(action.measure).toMatch(/count(?:ing)? the decisions/);
    const asked = result.turns.filter((turn) => turn.role === 'coach').slice(-2).flatMap((turn) => turn.plan?.moves.map((move) => move.questionId ?? '') ?? []);
    expect(asked.some((id) => id.startsWith('plan.support.') || id.startsWith('plan.measure.'))).toBe(false);
  });
});

describe('a confidence given before the commitment question', () => {
  it('is not followed by "how committed are you?", but by what they will commit to', async () => {
    const result = await runConversation(["I'd like to talk about my first year as a team lead.", 'About 40 minutes.', 'Yes, go ahead.', 'I want my team to make more decisions without me.', "I'll know it's working when the team closes a sprint without pulling me into the details.", 'I could try letting Ana chair the planning meeting for the next two weeks.', "Yes, that's right.", "I'll ask Ana to chair Monday's planning by Friday, and I'll count the decisions the team makes without me. My manager will back me. Confidence 7."]);
    const reply = result.turns.at(-1)!;
    expect(reply.step).toBe('collaborate_challenge');
    expect(reply.text).toMatch(/7 out of 10/);
    expect(reply.text).not.toMatch(/How committed are you/);
    expect(reply.text.trim()).toMatch(/commit to[^?]*\?$/);
  });
});

describe('a client who asks a question every turn in the agreement step', () => {
  it('is not kept at the door: once the topic is known and the yes was asked for, going on is a yes, and the question is still answered', async () => {
    const result = await runConversation(['I want to sort out my pricing. How does this work, do I just type?', 'ok. and is half an hour enough for it?', 'and what happens at the end, do I get something written down?']);
    const coach = result.turns.filter((turn) => turn.role === 'coach');
    expect(result.state.agreement.purpose?.text).toMatch(/pricing/);
    expect(result.state.step).toBe('create_partnership');
    expect(coach.at(-1)!.text).toMatch(/statement/);
    // The topic given in the first message is not asked for again.
    expect(coach.slice(1).map((turn) => turn.text).join(' ')).not.toMatch(/What's on your mind that you'd like to work on\?/);
  });
});
