import { coachContent, sentenceModels } from '../helpers/content.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { replaceWord, withWordEdits } from '../../server/understand/apply.js';
import { findFeelings } from '../../server/understand/feelings.js';
import { findGoals, findStrengths, findSuccessSignals } from '../../server/understand/slots.js';
import { labelledParts, labelledSlot } from '../../server/understand/part-labels.js';

/**
 * What a client reads in the statement and notices in the flow: goals that are goals, their own
 * "we" kept, edits applied as words, headings understood, a confirmation heard in plain words,
 * and a feeling they deny never named back to them.
 */

/** A client who tells a story but never says "I want to…": the goal must not be the story's first line. */
const storyClient = [
  'Hi. Priya, I run the finance team at a logistics firm in Leeds, eleven people.',
  'Yes that is fine, I have about half an hour before I need to pick up my son.',
  'So last month two of my analysts had a shouting match in the kitchen and I just pretended I had not heard it.',
  'It keeps happening, they snipe at each other in every meeting and I change the subject. What I want is to stop ducking it when they go at each other.',
  'Budget is frozen until April so no outside mediation.',
  "Strengths. I am calm. People trust me with bad news.",
  'Learning? I read a lot, then I think it over on the train.',
  'Success... the two of them can disagree in a meeting without it turning personal, and we agree how we handle it.',
  'Ok, an experiment. I will talk to each of them separately this week and ask what they need from the other.',
  "The statement's fine. A bit long. Cut the word 'really' and I'll sign off on it.",
  'I will do it on Tuesday and Thursday. Confidence 7.',
];

describe('the statement a client takes away', () => {
  // One scripted conversation serves every test below (the coach is deterministic).
  let story: Awaited<ReturnType<typeof runConversation>>;
  beforeAll(async () => {
    story = await runConversation(storyClient);
  });

  it('never takes the time they have or a story\'s first line as the goal; takes the aim said in the story', async () => {
    const { state } = story;
    const statement = state.statement!;
    expect(statement.goals.join(' ')).not.toMatch(/pick up my son|finance team|Leeds/);
    expect(statement.goals.join(' ')).toMatch(/stop ducking it/);
    expect(statement.sources.filter((source) => source.field === 'goals').length).toBeGreaterThan(0);
    expect(statement.text).not.toMatch(/I want to (?:two|my|the|so|it)\b/i);
  });

  it('keeps the client\'s own "we" and person in the success indicator instead of turning it into "I"', async () => {
    const { state } = story;
    expect(state.statement!.successIndicators.join(' ')).toMatch(/we agree how we handle it/);
  });

  it('hears "Strengths." "Learning?" "Success..." and "Ok, an experiment." as headings for what follows', async () => {
    const { state, turns } = story;
    expect(state.strengths.map((strength) => strength.quote).join(' ')).toMatch(/calm/);
    expect(state.learningPreference).toBe('reflection');
    expect(state.experiment?.quote).toMatch(/talk to each of them separately/);
    // Nothing already answered is asked again.
    const answeredAt = (heading: RegExp) => turns.findIndex((turn) => turn.role === 'client' && heading.test(turn.text));
    const coachAfter = (index: number) => turns.slice(index + 1).filter((turn) => turn.role === 'coach').map((turn) => turn.text).join(' ');
    expect(coachAfter(answeredAt(/^Learning\?/))).not.toMatch(/How do you learn best/);
    expect(coachAfter(answeredAt(/^Strengths\./))).not.toMatch(/What are you already good at/);
  });

  it('takes "the statement\'s fine … I\'ll sign off on it" as a confirmation', () => {
    const { state } = story;
    expect(state.statement!.status).toBe('confirmed');
    expect(state.step).not.toBe('create_partnership');
  });
});

describe('word edits', () => {
  it('carries inflections over and leaves longer words alone', () => {
    expect(replaceWord('knowing whether I know the job', 'know', 'decide')).toBe('deciding whether I decide the job');
    expect(replaceWord('my knowledge of it', 'know', 'decide')).toBe('my knowledge of it');
    expect(replaceWord('she plans it', 'plan', 'push')).toBe('she pushes it');
  });

  it('removes a word the client asks to cut', () => {
    const statement = { text: 'My journey to better feedback.', goals: ['start my journey'], needs: [], successIndicators: [], firstExperiment: '' };
    const edited = withWordEdits(statement, "Cut the word 'journey' please");
    expect(edited.text).toBe('My to better feedback.');
    expect(edited.goals).toEqual(['start my']);
  });
});

describe('what is heard', () => {
  it('does not name a feeling the client denies', () => {
    expect(findFeelings(coachContent.feelings, "I'm not scared of the conversation, I've just been avoiding it")).not.toContain('afraid');
    expect(findFeelings(coachContent.feelings, 'I am scared of the conversation')).toContain('afraid');
    expect(findFeelings(coachContent.feelings, 'not sure where to start')).toContain('uncertain');
    // Words they quote (the coach's, the draft's) are not a feeling of theirs: "no words like 'overcome fear'".
    expect(findFeelings(coachContent.feelings, "please no words like 'overcome fear', is too dramatic")).toEqual([]);
    expect(findFeelings(coachContent.feelings, "I'm scared of the 'big talk' with my boss")).toContain('afraid');
    // "idk hes sound just pushy": "I don't know" opening a clause is a hedge, not uncertainty.
    expect(findFeelings(coachContent.feelings, "I don't know he's sound just pushy")).toEqual([]);
    expect(findFeelings(coachContent.feelings, "I don't know where to start")).toContain('uncertain');
  });

  it('reads headings as the slot they introduce', () => {
    const labels = coachContent.partLabels;
    expect(labelledSlot(labels, 'Learning? I learn by doing.')).toBe('learning');
    expect(labelledSlot(labels, 'Success... fewer fires.')).toBe('success');
    expect(labelledSlot(labels, 'Ok, an experiment. I will try it.')).toBe('experiment');
    expect(labelledSlot(labels, 'Strengths. I can close.')).toBe('strengths');
    expect(labelledSlot(labels, 'My team is stretched.')).toBeNull();
  });

  it('cuts the label off and keeps the words it introduces, or the next sentence when it stands alone', () => {
    const labels = coachContent.partLabels;
    expect(labelledParts(labels, 'And success, put something I can count: in the next three meetings I post my opinion before.')).toEqual([
      { slot: 'success', sentence: 'And success, put something I can count: in the next three meetings I post my opinion before.', rest: 'in the next three meetings I post my opinion before' },
    ]);
    expect(labelledParts(labels, 'Next meeting is 12 of March. Confidence... 7, maybe 8 for the timer thing.').map((part) => [part.slot, part.rest])).toEqual([
      ['when', '12 of March'],
      ['confidence', '7, maybe 8 for the timer thing'],
    ]);
    expect(labelledParts(labels, 'first step book 1:1 with her. thats it').map((part) => [part.slot, part.rest])).toEqual([['experiment', 'book 1:1 with her']]);
  });

  it('takes a step named as "the action" as the first experiment, read without its label', async () => {
    const { state } = await runConversation([
      'I run a weekly digital help drop-in at the library and I want it to work for older people.',
      'Okay, so the action is ask my manager for two hours off the desk and book the meeting room for a trial. By when, does it have to be an actual date?',
    ]);
    expect(state.experiment?.own).toBe('ask my manager for two hours off the desk and book the meeting room for a trial');
  });

  it('never writes a part from words put to the coach as a question ("Numbers of people?")', async () => {
    const { state } = await runConversation(['I run a weekly digital help drop-in at the library and I want it to work for older people.', 'Success... like what? Numbers of people? Or how I feel about it?']);
    expect(state.successSignals).toEqual([]);
  });

  it('finds no goal in the time on hand, another person\'s "getting better", or a success line', () => {
    expect(findGoals('I have maybe half an hour before I need to sleep, I am on nights tomorrow.', 3)).toEqual([]);
    expect(findGoals("They don't know what they're supposed to be getting better at.", 3)).toEqual([]);
    expect(findGoals('Success... I know the three things I need to show for the promotion.', 3)).toEqual([]);
    expect(findGoals('I want to get better at saying no.', 3)[0]?.text).toMatch(/saying no/);
    // "What I want to work on is …": the frame's "is" is not part of the aim.
    expect(findGoals('What I want to work on is my confidence in meetings.', 3)[0]?.own).toBe('work on my confidence in meetings');
  });

  it('keeps the label out of the experiment ("A small first experiment could be …")', async () => {
    const { findExperiment } = await import('../../server/understand/slots.js');
    expect(findExperiment('A small first experiment could be handing the Monday report to Priya this week.', 3, false)?.own).toBe('handing the Monday report to Priya this week');
  });

  it('takes the sentence after a bare "Success..." as the signal, and plain answers as strengths when asked', () => {
    expect(findSuccessSignals('Success... the next idea I pitch gets a pilot.', 3, false)[0]?.own).toMatch(/next idea I pitch gets a pilot/);
    expect(findStrengths('I can close. I read people fast. Not with my own team though.', 3, true).map((slot) => slot.quote)).toEqual(['I can close.', 'I read people fast.']);
    expect(findStrengths('I can close.', 3, false)).toEqual([]);
  });
});

describe('learning preference in the client\'s own terms', () => {
  it('does not take a way of learning they turn down as their preference', async () => {
    const { findLearningPreference } = await import('../../server/understand/slots.js');
    const turnedDown = "just give me something to try on shift. i don't do journaling or any of that";
    expect(findLearningPreference(sentenceModels, turnedDown, 5, true)?.preference).toBe('action');
    expect(findLearningPreference(sentenceModels, turnedDown, 5, false)?.preference).not.toBe('reflection');
    expect(findLearningPreference(sentenceModels, 'I keep a journal and write things down every evening, that is how I learn.', 5, false)?.preference).toBe('reflection');
  });

  it('hears "I\'d prefer …" as a preference', async () => {
    const { findLearningPreference } = await import('../../server/understand/slots.js');
    expect(findLearningPreference(sentenceModels, "I'd prefer concrete feedback on my drafts.", 5, false)?.preference).toBe('feedback');
  });
});

describe('the agreement', () => {
  it('answers a question about who reads the conversation, and does not take the consent as the topic', async () => {
    const { turns, state } = await runConversation([
      'Hey. Greg, regional sales director. My VP signed me up for this.',
      'Sure, whatever you need on confidentiality. Who actually reads these transcripts though? I have 25 minutes.',
      'I have a top rep who keeps missing updates and I keep telling him good job.',
    ]);
    const reply = turns.filter((turn) => turn.role === 'coach')[2]!;
    expect(reply.text).toMatch(/Nobody reads this/);
    expect(reply.text).not.toMatch(/whatever I need/);
    // A topic is named in the third message, so a purpose is heard; it is not the consent.
    expect(state.agreement.purpose).not.toBeNull();
    expect(state.agreement.purpose!.quote).not.toMatch(/confidentiality/);
  });
});

describe('what is not a goal or an experiment', () => {
  it('does not take "what I want from coaching" as the goal, nor how they learn as the first experiment', async () => {
    const { state } = await runConversation([
      'I would like to get clear on what I want from coaching before my first session.',
      'Yes, about 30 minutes is fine.',
      'I lead a team of six and I struggle to delegate. I end up writing the weekly report myself.',
      'I learn best by trying things out and then reflecting on how it went.',
      'Success would be leaving by six twice a week.',
      'I could hand the weekly report to Priya for the next two weeks.',
    ]);
    const statement = state.statement!;
    // The experiment is there to be read (the report handed to Priya): the check is not on empty text.
    // No aim was said and none is made up from the need heard (the coach asks for it instead).
    expect(statement.goals).toEqual([]);
    expect(statement.firstExperiment).not.toBe('');
    expect(statement.goals.join(' ')).not.toMatch(/coaching|session/);
    expect(statement.firstExperiment).not.toMatch(/learn best/);
  });
});

describe('parts from chat typing', () => {
  it('reads "id know its working if…" as a sign, whole ("its" before "working" is "it\'s")', async () => {
    const { state } = await runConversation(['want to stop doing everything myself in the kitchen', 'id know its working if i go home before 11 twice a week']);
    expect(state.successSignals.map((signal) => signal.own ?? signal.text)).toEqual(['I go home before 11 twice a week']);
  });

  it('takes a dated step said plainly ("let tom run sauces tuesday") as the first experiment, and a frequency as no step', async () => {
    const { state } = await runConversation(['want to stop doing everything myself in the kitchen', 'i end up doing sauces every night bc nobody else does them right', 'let tom run sauces tuesday']);
    expect(state.experiment?.own).toBe('let Tom run sauces Tuesday');
    const frequency = await runConversation(['want to stop doing everything myself in the kitchen', 'i end up doing sauces every night bc nobody else does them right', 'go home before 11 twice a week']);
    expect(frequency.state.experiment).toBeNull();
  });
});

describe('a dated step given where a sign was asked for', () => {
  it('is the first experiment, not a second sign', async () => {
    const { state } = await runConversation([
      "ok. I'm a vet, I want to stop taking work home every night",
      'I do my clinical notes at home after the kids are in bed, usually till 11',
      "I'd know it's working when my notes are done before I leave the clinic, three days a week",
      'maybe block 20 minutes after the last appointment for notes, starting Monday',
    ]);
    expect(state.experiment?.own).toMatch(/block 20 minutes after the last appointment for notes, starting Monday/);
    expect(state.successSignals.map((signal) => signal.quote).join(' ')).not.toMatch(/block 20 minutes/);
  });
});

describe('signs and steps said around other questions', () => {
  it('reads "I\'ll know it went ok if we agree one change" as the sign "we agree one change"', () => {
    expect(findSuccessSignals("I'll talk to Dev by Thursday and I'll know it went ok if we agree one change", 3, false).map((signal) => signal.own)).toEqual(['we agree one change']);
  });

  it('takes a step offered after the question about learning as a step, not as how they learn', async () => {
    const { understand } = await import('../../server/understand/understand.js');
    const { initialState } = await import('../../server/domain/session-state.js');
    const asked = { ...initialState('coach'), step: 'create_partnership' as const, asked: ['partnership.learning.1'], recentCoachTexts: ['How do you learn best: by trying things, by reflecting, from feedback, or a mix?'] };
    const read = understand(coachContent, 'maybe this week I book 20 minutes with Dev and use a simple script', 5, asked);
    expect(read.learningPreference).toBeNull();
    expect(read.experiment?.own).toMatch(/book 20 minutes with Dev/);
    // A plain answer to the question is still how they learn.
    expect(understand(coachContent, 'I like to think things over on my own first', 5, asked).learningPreference).toBe('reflection');
  });
});

describe('a theme the client rules out', () => {
  const start = ["I'm a QA tester and I want to speak up in sprint planning before the story is estimated", "I'm not sure I trust my own judgment when the seniors are talking"];

  it('is dropped from what the coach heard ("No, it\'s not confidence … It\'s timing")', async () => {
    const before = await runConversation(start);
    expect(before.state.needs.map((need) => need.category)).toContain('confidence');
    const after = await runConversation([...start, "No, it's not confidence. I'm very confident about the bugs. It's timing."]);
    expect(after.state.needs.map((need) => need.category)).not.toContain('confidence');
    expect(after.turns.at(-1)!.text).not.toMatch(/trusting yourself|your judgment/);
  });
});
