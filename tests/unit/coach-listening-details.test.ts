import { coachContent, phrases, sentenceModels } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { findConstraints } from '../../server/understand/constraints.js';
import { findFeelings } from '../../server/understand/feelings.js';
import { asksAboutPrivacy } from '../../server/understand/intents.js';
import { findActions } from '../../server/understand/plan-slots.js';
import { stripLeadingFiller } from '../../server/understand/text.js';

/** Small things a client notices when they are misheard. */
describe('what the coach does not read into a message', () => {
  it('does not give the client a feeling that belongs to someone else in their story', () => {
    expect(findFeelings(coachContent.feelings, 'People used to come to me with bugs they were embarrassed about.')).toEqual([]);
    expect(findFeelings(coachContent.feelings, 'She felt ignored in the meeting.')).toEqual([]);
    expect(findFeelings(coachContent.feelings, 'I was embarrassed in front of the whole team.')).toContain('embarrassed');
    // Embarrassment is named as itself, not as guilt ("No wonder you feel guilty" to "it's embarrassing for me").
    expect(findFeelings(coachContent.feelings, "it's embarrassing for me")).not.toContain('guilty');
  });

  it('does not hear a limit where the model is sure there is none, though a word of time is in it', () => {
    expect(findConstraints(sentenceModels, 'Before my first 1:1s I wrote three pages of notes for a 30 minute chat, because I was scared.')).toEqual([]);
    expect(findConstraints(sentenceModels, 'I only have 30 minutes a week for anything new.').map((hit) => hit.kind)).toContain('time');
  });

  it('does not take the consequence they fear as a step of their plan', () => {
    expect(findActions('I think I need the reminder, otherwise I will slide back.', 9, false)).toEqual([]);
    expect(findActions("I'll send the summary on Friday.", 9, false)[0]?.byWhen).toMatch(/friday/i);
  });

  it('does not take quoted words or a check-in rhythm as an action, and joins a slot said first to the action after it', () => {
    expect(findActions("I become panic and say 'I will check later'.", 9, false)).toEqual([]);
    expect(findActions('For check in, maybe after each Thursday, short chat message.', 9, true)).toEqual([]);
    const [action] = findActions('Every Thursday meeting, 16:00 Japan time. I will write in my notebook if I spoke.', 9, true);
    expect(action?.what).toMatch(/write in your notebook/);
    expect(action?.byWhen).toBe('Every Thursday meeting');
  });

  it('drops discourse fillers before paraphrasing', () => {
    expect(stripLeadingFiller("I should say, I'm still doing a lot of coding.")).toBe("I'm still doing a lot of coding.");
  });

  it('hears a confidentiality question however it is put', () => {
    expect(asksAboutPrivacy(coachContent.intents, 'Is it really confidential? Like, nothing goes to my company?')).toBe(true);
    expect(asksAboutPrivacy(coachContent.intents, 'Who actually reads these transcripts though?')).toBe(true);
    expect(asksAboutPrivacy(coachContent.intents, 'My team reads every report I write.')).toBe(false);
  });
});

describe('the plan step', () => {
  it('does not ask for a date twice in a row in other words when the client moves on', async () => {
    const { turns } = await runConversation([
      'I want to get better at delegating, I do everything myself.',
      'Yes, fine, 30 minutes.',
      'I end up doing all the rotas and the ordering myself because it is quicker.',
      'Success would be leaving by six three days a week.',
      'I learn by doing.',
      'I could hand the ordering to Sam for the next two weeks.',
      'Yes, that captures it.',
      "I'll show Sam how I do the ordering.",
      "I'm committed. Confidence 7.",
      'The obstacle is I will take it back the first time he gets it wrong.',
    ]);
    const asked = turns.filter((turn) => turn.role === 'coach' && turn.step === 'construct_plan').map((turn) => turn.plan?.moves.find((move) => move.questionId)?.questionId ?? '');
    // The action is said without a date, so the coach does ask for one: the check below has something to check.
    expect(asked.some((id) => id.startsWith('plan.by_when.'))).toBe(true);
    for (let index = 1; index < asked.length; index += 1) {
      if (asked[index]!.startsWith('plan.by_when.')) expect(asked[index - 1]!.startsWith('plan.by_when.')).toBe(false);
    }
  });
});

describe('a client who pushes back on how the coach put it', () => {
  it('owns the miss in a line, gives none of their words back, and asks on', async () => {
    for (const objection of ["Don't tell me how I feel about it.", "That's not what I said.", "You're just rearranging my words."]) {
      const { turns } = await runConversation(['Hi, I am a court reporter.', 'ok fine', 'I do not know what I want to focus on. Do I retrain, retire, dig in.', objection]);
      const reply = turns.filter((turn) => turn.role === 'coach').at(-1)!;
      expect(reply.plan?.moves.some((move) => move.label === 'owns the miss when the client pushes back'), objection).toBe(true);
      expect(reply.text, objection).not.toMatch(/how you feel|what you said|your words\b.*\brearrang/i);
      expect(reply.text, objection).toMatch(/\?$/);
    }
  });
});

describe('a question about themselves', () => {
  it('is answered briefly, without judging, before the coach goes on', async () => {
    const { turns } = await runConversation([
      'I want to get better at making decisions.',
      'Yes, 30 minutes.',
      "Two of my engineers disagreed and I still haven't decided after nine days. Is that normal for a new manager?",
    ]);
    const reply = turns.filter((turn) => turn.role === 'coach').at(-1)!;
    expect(reply.plan?.moves.some((move) => move.label === "answers the client's question about themselves")).toBe(true);
    expect(reply.text).toMatch(/no wrong answer|useful to know|more common than it feels/);
  });

  it('is not answered with a stock reassurance when the message also gives the part asked for: the part is the answer', async () => {
    const { turns } = await runConversation([
      'I want to sleep like a normal human being.',
      'Yes, 20 minutes.',
      'Most nights I am sewing till 2am because customers bring work on Wednesday for Saturday.',
      'How would I know it is working? Is it not if I am sleeping? lol ok, if I am in bed by 12 at least 4 nights a week.',
    ]);
    const reply = turns.filter((turn) => turn.role === 'coach').at(-1)!;
    expect(reply.text).not.toMatch(/no wrong answer|useful to know|more common than it feels|no mark against you/);
    expect(reply.understanding?.successSignals.map((signal) => signal.text).join(' ')).toMatch(/in bed by 12/);
  });

  it('is told apart from a question about something else', async () => {
    const { asksAboutThemselves } = await import('../../server/understand/intents.js');
    expect(asksAboutThemselves(coachContent.intents, 'Is 5 bad? I do not want to say 8 and then fail.')).toBe(true);
    expect(asksAboutThemselves(coachContent.intents, 'I am not scared of it. Or is it?')).toBe(true);
    expect(asksAboutThemselves(coachContent.intents, 'Do you know if we legally have to give three months notice?')).toBe(false);
  });
});

describe('a limit with a date in it', () => {
  it('stays a limit, not a dated step of the plan', async () => {
    const { understand } = await import('../../server/understand/understand.js');
    const { initialState } = await import('../../server/domain/session-state.js');
    const state = { ...initialState('coach'), step: 'create_partnership' as const };
    const heard = understand(coachContent, "Anyway, harvest starts in three weeks. From then until May I'm in the bodega fourteen hours a day.", 9, state);
    expect(heard.constraints.map((constraint) => constraint.quote)).toContain("From then until May I'm in the bodega fourteen hours a day.");
    expect(heard.actions.filter((action) => action.what === '')).toEqual([]);
  });
});

describe('one sentence, the right slot', () => {
  it('keeps a named experiment as the experiment even right after the learning question, and a turned-down way out of the preference', async () => {
    const { understand } = await import('../../server/understand/understand.js');
    const { initialState } = await import('../../server/domain/session-state.js');
    const asked = { ...initialState('coach'), step: 'create_partnership' as const, asked: ['partnership.learning.1'] };
    const experiment = understand(coachContent, 'Little experiment: let Marco own the pasta section on Thursday nights.', 9, asked);
    expect(experiment.experiment?.own).toMatch(/let Marco own the pasta section/);
    expect(experiment.learningPreference).toBeNull();
    const learning = understand(coachContent, "How do I learn? Burn it, taste it, fix it. I've never learned anything from a book except that I hate books.", 11, asked);
    expect(learning.learningPreference).toBe('action');
    expect(learning.needs.map((need) => need.quote).join(' ')).not.toMatch(/learned anything from a book/);
  });

  it('does not turn a rating, an edit, an obstacle\'s aside or a question to the coach into a step', () => {
    expect(findActions("I'm in. Confidence 6. Minus a few points for my control-freak nature.", 9, true)).toEqual([]);
    expect(findActions('The obstacle is me seeing a plate go out wrong. I will physically vibrate.', 9, true)).toEqual([]);
    expect(findActions('Check in Friday mornings. A quick text. Do chatbots get weekends off?', 9, true)).toEqual([]);
    expect(findActions("One edit, swap 'mentor' for 'teach'.", 9, true)).toEqual([]);
    expect(findActions('Ask Marco to run the pasta section.', 9, true)[0]?.what).toMatch(/ask Marco/);
  });
});

describe('labels and limits heard precisely', () => {
  it('does not take "So the thing is…" as a labelled experiment, but takes "one thing:" and "small thing:"', async () => {
    const { findExperiment } = await import('../../server/understand/slots.js');
    expect(findExperiment("So the thing is I'm at the school by half seven and most nights I'm still marking at ten.", 3, false)).toBeNull();
    expect(findExperiment('fine, one thing: pair each of the middle 4 with one of the top 3 for a call review every week', 3, false)?.own).toMatch(/^pair each/);
    expect(findExperiment('Small thing: in our next 1:1 I say one clear thing about the last ticket', 3, false)?.own).toMatch(/^in our next 1:1/);
  });

  it('does not give back "my homework policy" as a limit any plan has to respect', async () => {
    const { constraintReflection } = await import('../../server/phrase/constraint-reflections.js');
    const understanding = { constraints: [{ kind: 'organizational', summary: 'x', quote: "She said in front of everyone that my new homework policy was 'a mess'." }] } as never;
    expect(constraintReflection(phrases, understanding, 1, [])).toBeNull();
    const real = { constraints: [{ kind: 'budget', summary: 'x', quote: 'Our budget is frozen until Q3, so no new hires.' }] } as never;
    expect(constraintReflection(phrases, real, 1, [])?.text).toMatch(/budget is frozen/);
  });
});

describe('the purpose given back', () => {
  it('turns "I want to get better at…" into "you\'d like to get better at…", never "…telling me is get better"', async () => {
    const { turns } = await runConversation(['I want to get better at delegating; I end up doing everything myself.']);
    const reply = turns.at(-1)!.text;
    expect(reply).toMatch(/you'd like to get better at delegating/);
    expect(reply).not.toMatch(/\b(?:is|that) get better\b/);
  });
});

describe('not needs', () => {
  it('a strength named in answer, a rating with filler, or a short question to the coach', async () => {
    const { understand } = await import('../../server/understand/understand.js');
    const { initialState } = await import('../../server/domain/session-state.js');
    const state = { ...initialState('coach'), step: 'create_partnership' as const, asked: ['partnership.strengths.1'] };
    expect(understand(coachContent, 'I am very careful with data. I am patient.', 9, state).needs).toEqual([]);
    expect(understand(coachContent, 'Confidence, like, 8?', 11, state).needs).toEqual([]);
    expect(understand(coachContent, "I'm still doing a lot of coding because we're short two people. Is that a problem?", 13, state).needs.map((need) => need.quote)).not.toContain('Is that a problem?');
  });
});

describe('reflections that read as written by someone listening', () => {
  it('gives both sides of a "but" whole or not at all', async () => {
    const { twoSides } = await import('../../server/phrase/two-sided-reflections.js');
    const sides = twoSides("Last week at the bed management meeting the consultant asked for my view on closing two beds, and I had an opinion, a good one, but I heard myself say 'whatever you think is best, doctor'.");
    for (const side of sides ?? []) expect(side).not.toMatch(/\b(?:on|for|to|of|about|with|the|a)$/);
    expect(twoSides('I want to delegate more, but I am afraid it will slip.')).toEqual(["you want to delegate more", "you are afraid it will slip"]);
  });

  it('does not hear a need in "Honestly I almost cancelled this."', async () => {
    const { understand } = await import('../../server/understand/understand.js');
    const { initialState } = await import('../../server/domain/session-state.js');
    expect(understand(coachContent, "Good evening. I'm Ama, nurse manager on a surgical ward. Honestly I almost cancelled this.", 2, initialState('coach')).needs).toEqual([]);
  });
});

describe('terse answers read right', () => {
  it('a habit is not an experiment, a heading is not an idea, a day opening the answer is when', async () => {
    const { findExperiment } = await import('../../server/understand/slots.js');
    const { findByWhen } = await import('../../server/understand/plan-slots.js');
    const { readClause } = await import('../../server/understand/clause-reader.js');
    expect(findExperiment('I start with whatever is loudest.', 1, false)).toBeNull();
    expect(findExperiment('I could start with the rota on Monday.', 1, false)?.own).toBe('the rota on Monday');
    expect(readClause('Confidence 6.').kind).not.toBe('idea');
    expect(findByWhen('Monday after the morning briefing.')).toBe('Monday');
    expect(findActions("I'll know it works if I don't touch the roster file.", 1, false)[0]?.measure).toBe("you don't touch the roster file");
  });
});

describe('feelings, obstacles and signs of progress read in context', () => {
  it('a joke about "too much" or someone else\'s worry is not the client\'s feeling', () => {
    expect(findFeelings(coachContent.feelings, 'Everybody comes to my desk to talk. Maybe too much, haha.')).toEqual([]);
    expect(findFeelings(coachContent.feelings, 'I will ask what he worries about.')).toEqual([]);
    expect(findFeelings(coachContent.feelings, 'It is all too much right now.')).toContain('overwhelmed');
  });

  it('an obstacle is what follows the heading, and a memory is no sign of progress', async () => {
    const { findObstacles } = await import('../../server/understand/plan-slots.js');
    const { findSuccessSignals } = await import('../../server/understand/slots.js');
    const [obstacle] = findObstacles("What will get in the way... the brand managers, they'll come to my desk and I'll feel bad saying no.", 1, true);
    expect(obstacle?.text).toMatch(/^the brand managers/);
    expect(findSuccessSignals('Like my old boss used to sit with me after every presentation.', 1, true)).toEqual([]);
    expect(findSuccessSignals('Fewer call-outs every week.', 1, true)).toHaveLength(1);
  });
});

describe('a day named inside a step', () => {
  it('is the step\'s when, so the plan does not ask "by when?" again', () => {
    const [action] = findActions("so I'll go sit down with Ray in person Friday before noon, 'fore he gets slammed.", 3, true);
    expect(action?.byWhen).toBe('Friday');
    const [next] = findActions('I will phone her this Monday after the stand-up', 3, true);
    expect(next?.byWhen).toMatch(/Monday/);
    const [report] = findActions("I'll hand the Monday report to Sam.", 3, true);
    expect(report?.byWhen).toBeNull();
    const [none] = findActions("I'll ask Ray what's open and what it pays", 3, true);
    expect(none?.byWhen).toBeNull();
  });
});

describe('a sign of progress taken back in the same message', () => {
  it('"Success is an offer. No, but realistically, …": the second thought is the sign', async () => {
    const { findSuccessSignals } = await import('../../server/understand/slots.js');
    const signals = findSuccessSignals('Success is an offer. No, but realistic, by end of May I have five interviews.', 3, true);
    expect(signals.map((signal) => signal.text)).toEqual(['by end of May you have five interviews']);
    expect(signals[0]!.quote).toMatch(/^No, but realistic/);
  });
});

describe('answers to "what would you like to be different?" said with no marker', () => {
  it('the first is the aim, and what they would be doing is the sign of progress', async () => {
    const result = await runConversation([
      'I want to talk about work.',
      'this job is killing me, thats the short version. not literally. just dead on my feet by wednesday',
      'dunno. feeling less like a zombie I suppose',
      'ok if I have to be specific. doing the school run on a tuesday. eating an actual plate of something before service',
    ], { stopAtComplete: false });
    const statement = result.state.statement;
    expect(result.state.goals.map((goal) => goal.own ?? goal.text).join(' ')).toMatch(/feel less like a zombie/);
    expect(result.state.goals.map((goal) => goal.own ?? goal.text).join(' ')).not.toMatch(/suppose/);
    expect(result.state.successSignals.map((signal) => signal.text).join(' | ')).toMatch(/doing the school run on a Tuesday/);
    if (statement) expect(statement.text).not.toMatch(/suppose/);
  });
});
