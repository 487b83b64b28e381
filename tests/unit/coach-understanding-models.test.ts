import { sentenceModels } from '../helpers/content.js';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findConstraints, predictConstraint } from '../../server/understand/constraints.js';
import { NEED_THRESHOLD, findNeeds, predictNeed } from '../../server/understand/needs.js';
import { join } from 'node:path';
import { CONSTRAINT_LABELS, LEARNING_LABELS, NEED_LABELS, parseSentenceModel } from '../../server/understand/sentence-classifier.js';
import { CONTENT_DIRECTORY } from '../../server/content/lexicon-files.js';
import { MODEL_FILES } from '../../server/content/load-content.js';
import { findLearningPreference, predictLearning } from '../../server/understand/slots.js';

// Sentences below are new: not in training/understanding/*.jsonl and not from the eval clients.

describe('understanding models', () => {
  it.each(['needs', 'constraints', 'learning'] as const)('%s model loads, matches its label set and is small', (task) => {
    const model = sentenceModels[task];
    const labels = { needs: NEED_LABELS, constraints: CONSTRAINT_LABELS, learning: LEARNING_LABELS }[task];
    expect(model.labels).toEqual([...labels]);
    expect(statSync(join(CONTENT_DIRECTORY, MODEL_FILES.sentence(task))).size).toBeLessThan(300 * 1024);
  });

  it('rejects a model for another task or with the wrong widths', () => {
    const model = sentenceModels.learning;
    expect(() => parseSentenceModel(model, 'needs')).toThrow();
    expect(() => parseSentenceModel({ ...model, bias: [0] }, 'learning')).toThrow();
  });
});

describe('need classifier', () => {
  it.each([
    ["Whenever I'm off sick the pharmacy basically stops, because I never showed anyone the controlled drugs process.", 'delegation'],
    ['The senior partner and I have not had a civil word since the Henderson case.', 'conflict'],
    ['I get tongue-tied the moment a parent asks me anything tricky at the school gate.', 'communication'],
    ['I have two offers on the table and I keep flipping between them every night.', 'decision_making'],
    ['Every single day something new jumps the queue and the audit prep slides again.', 'prioritization'],
    ['My apprentice keeps wiring the panels wrong and I have never actually sat him down about it.', 'feedback'],
    ['Sitting next to the other consultants I feel like the kid who snuck into the grown-ups table.', 'confidence'],
    ['The regional team politely nod at my proposals and then nothing ever changes.', 'influence'],
    ['Half my crew have been doing the exact same job for five years and nobody is learning anything new.', 'team_development'],
    ['We never look further ahead than the next harvest, there is no plan for where the farm goes.', 'strategic_thinking'],
  ])('%s -> %s', (text, category) => {
    const needs = findNeeds(sentenceModels, text);
    expect(needs.map((need) => need.category), JSON.stringify(predictNeed(sentenceModels, text))).toContain(category);
    const need = needs.find((hit) => hit.category === category)!;
    expect(need.quote).toBe(text);
    expect(need.confidence).toBeGreaterThanOrEqual(NEED_THRESHOLD);
  });

  it.each([
    'Hi, I run the pharmacy at a big supermarket.',
    "Sure, let's carry on.",
    'I have about forty minutes before clinic.',
    "I'd say a seven out of ten.",
    "I'll try handing the Monday stock check to Leon next week.",
    'Let us check in every other Thursday.',
    'Cheers, that was genuinely useful.',
    'By the 12th at the latest.',
    "I'm really good at calming down upset customers.",
  ])('%s -> no need', (text) => {
    expect(findNeeds(sentenceModels, text)).toEqual([]);
  });
});

describe('constraint classifier', () => {
  it.each([
    ['Between school runs and clinic I get maybe twenty spare minutes on a good day.', 'time'],
    ['Our takings are down so anything that costs money is a non-starter.', 'budget'],
    ['Two of the four porters are off long-term and nobody is covering.', 'bandwidth'],
    ['Any new procedure has to go through the ethics committee and that takes months.', 'organizational'],
  ])('%s -> %s', (text, kind) => {
    const constraints = findConstraints(sentenceModels, text);
    expect(constraints.map((hit) => hit.kind), JSON.stringify(predictConstraint(sentenceModels, text))).toContain(kind);
  });

  it.each([
    'Success would be two evenings a week with no laptop.',
    "I'll try blocking Friday mornings for the rota over the next two weeks.",
    'We had a great month, sales were up.',
    'I manage a team of fourteen across two sites.',
    "Yes, let's keep going.",
  ])('%s -> no constraint', (text) => {
    expect(findConstraints(sentenceModels, text)).toEqual([]);
  });
});

describe('learning preference classifier', () => {
  it.each([
    ['Honestly just throw me in and let me have a crack at it on Monday.', 'action'],
    ['I usually need a quiet evening with a notepad before anything makes sense to me.', 'reflection'],
    ['What really helps is my supervisor sitting in and telling me afterwards what she noticed.', 'feedback'],
    ['I like to have a go first and then go over it afterwards with my mentor.', 'mix'],
  ])('%s -> %s (when asked)', (text, preference) => {
    const found = findLearningPreference(sentenceModels, text, 7, true);
    expect(found?.preference, JSON.stringify(predictLearning(sentenceModels, text))).toBe(preference);
    expect(text).toContain(found!.source.quote);
  });

  it.each([
    'I need to give my team more feedback.',
    'Next Tuesday I will try the new handover sheet.',
    'I have thirty minutes today.',
    'Thanks, see you next week.',
  ])('%s -> no preference (unasked)', (text) => {
    expect(findLearningPreference(sentenceModels, text, 7, false)).toBeNull();
  });
});

/**
 * Sentences once listed as misses and heard now: kept, so a regression shows. (The list used to be
 * printed with an assertion that could not fail, and went stale.)
 */
const ONCE_MISSED: Array<['needs' | 'constraints', string, string]> = [
  ['needs', 'I keep taking the hardest tables myself instead of letting the new waiters learn.', 'delegation'],
  ['needs', "I've been a charge nurse for nine years and I have no idea what the next rung even is.", 'career_growth'],
  ['needs', 'I was still replying to supplier emails at half eleven last night with the baby on my lap.', 'work_life_balance'],
  ['constraints', 'The grant only pays for my salary, nothing else.', 'budget'],
];

/** New sentences the models still get wrong; when one is heard, its test fails so it moves up to ONCE_MISSED. */
const KNOWN_MISSES: Array<['needs' | 'constraints', string, string]> = [
  ['needs', 'My co-director and I keep ending up in slanging matches over the hiring plan.', 'conflict'],
];

const heard = (task: 'needs' | 'constraints', text: string): string[] =>
  task === 'needs' ? findNeeds(sentenceModels, text).map((hit) => hit.category) : findConstraints(sentenceModels, text).map((hit) => hit.kind);

describe('once missed, now heard', () => {
  it.each(ONCE_MISSED)('%s: %s', (task, text, expected) => {
    expect(heard(task, text)).toContain(expected);
  });
});

describe('known misses', () => {
  it.each(KNOWN_MISSES)('%s: still not heard as the labelled kind: %s', (task, text, expected) => {
    expect(heard(task, text)).not.toContain(expected);
  });
});
