import { shippedContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { loadUtteranceModel } from '../../server/content/load-content.js';
import { parseModel, predictProbabilities } from '../../server/classify/model.js';
import { extractOpenClosedFeatures, extractQuestionFeatures, stripPreamble } from '../../server/classify/question-features.js';
import { OPEN_CLOSED_SPACE, trainModel } from '../../server/classify/train.js';

const classifier = shippedContent.classifier;
const label = (text: string, previousClient = ''): string => classifier.classify({ text, previousClient }).label;

describe('open/closed second stage: features', () => {
  const keys = (text: string): string[] => [...extractQuestionFeatures(text).keys()];

  it('strips fillers and preambles before the first word', () => {
    expect(stripPreamble(['so', 'um', "i'm", 'wondering', 'what', 'happened']).rest).toEqual(['what', 'happened']);
    expect(stripPreamble(['okay', 'can', 'you', 'tell', 'me', 'how', 'it', 'went']).rest[0]).toBe('how');
  });

  it('looks at the last question and its asking clause', () => {
    expect(keys('I see. On a scale from one to ten, how sure are you?')).toEqual(expect.arrayContaining(['kind:wh', 'a1:how', 'scale']));
    expect(keys("Tell me about your week. Did you finish it?")).toEqual(expect.arrayContaining(['kind:aux', 'a1:did', 'qcount:1']));
  });

  it('flags alternatives, tags, permission and embedded questions', () => {
    expect(keys('Would you rather start on Monday or on Friday?')).toContain('or:alternative');
    expect(keys("That was the plan, wasn't it?")).toContain('tag:auxiliary');
    expect(keys('That helps, right?')).toContain('tag:word');
    expect(keys('Is it okay if I share an idea?')).toContain('permission');
    expect(keys("I'm curious what you make of that.")).toEqual(expect.arrayContaining(['pre:embedded', 'kind:wh']));
    expect(keys('How many people are on your team?')).toContain('wh:fact');
    expect(keys('What else could you try?')).toContain('wh:account');
  });

  it('keeps the first-stage features next to its own', () => {
    const features = extractOpenClosedFeatures('What else could you try?', 'I tried everything.');
    expect(features.has('w:else')).toBe(true);
    expect(features.has('kind:wh')).toBe(true);
  });
});

describe('open/closed second stage: shipped model', () => {
  it('is part of utterance-classifier.json and validated', () => {
    const model = loadUtteranceModel();
    expect(model.openClosed?.labels).toEqual(['question_open', 'question_closed']);
    expect(Object.keys(model.openClosed?.weights ?? {}).length).toBeGreaterThan(100);
    expect(() => parseModel({ ...model, openClosed: { ...model.openClosed!, labels: ['other', 'input'] } })).toThrow(/open\/closed/);
  });

  // Hand-written coaching pairs (not from AnnoMI): the same topic asked openly and as yes/no.
  const pairs: Array<[string, string, string]> = [
    ['What made you decide to apply for that role?', 'Did you decide to apply for that role?', 'I applied for the team lead role.'],
    ['How are you thinking about handling the feedback from your director?', 'Are you going to reply to your director today?', 'My director sent me harsh feedback.'],
    ['So, um, what would success look like for you in three months?', 'Would you say this quarter was a success?', 'The quarter is ending soon.'],
    ["I'm curious, what's getting in the way of delegating more?", 'Have you delegated any of it yet?', 'I still do everything myself.'],
    ['What else could you try with your new colleague?', 'Do you get along with your new colleague?', 'There is a new colleague on my team.'],
  ];
  it.each(pairs)('open: %s / closed: %s', (open, closed, previousClient) => {
    expect(label(open, previousClient)).toBe('question_open');
    expect(label(closed, previousClient)).toBe('question_closed');
  });

  it('only changes the subtype: non-questions keep the first-stage label', () => {
    expect(label('Thanks so much for coming in today.')).toBe('other');
    expect(label('You could try blocking your mornings for deep work.', 'I never get anything done.')).toBe('input');
  });

  it('trains on two labels from a handful of examples', () => {
    const examples = [
      ...['What happened next?', 'How did that feel?', 'What would help?', 'Why does it matter to you?'].map((text) => ({ text, previousClient: '', label: 'question_open' as const })),
      ...['Did it help?', 'Is that true?', 'Are you ready?', 'Have you called him?'].map((text) => ({ text, previousClient: '', label: 'question_closed' as const })),
    ];
    const model = trainModel(examples, { minFeatureCount: 1, l2: 0.01, epochs: 100, learningRate: 0.05, classBalance: 0 }, {}, OPEN_CLOSED_SPACE);
    expect(model.labels).toEqual(['question_open', 'question_closed']);
    const open = (text: string): number => predictProbabilities(model, OPEN_CLOSED_SPACE.featurize(text, ''))[0]!;
    expect(open('What happened then?')).toBeGreaterThan(open('Did it work?'));
  });

  it('lets the form of a question carry its weight when words are heavily penalised', () => {
    const examples = [
      ...['What happened next?', 'How did that feel?', 'What would help?', 'Why does it matter to you?'].map((text) => ({ text, previousClient: '', label: 'question_open' as const })),
      ...['Did it help?', 'Is that true?', 'Are you ready?', 'Have you called him?'].map((text) => ({ text, previousClient: '', label: 'question_closed' as const })),
    ];
    const heavy = { minFeatureCount: 1, l2: 5, epochs: 150, learningRate: 0.05, classBalance: 0 };
    const uniform = trainModel(examples, heavy, {}, OPEN_CLOSED_SPACE);
    const formLight = trainModel(examples, { ...heavy, lightlyPenalized: { prefixes: ['kind:'], l2: 0.0001 } }, {}, OPEN_CLOSED_SPACE);
    const open = (model: typeof uniform, text: string): number => predictProbabilities(model, OPEN_CLOSED_SPACE.featurize(text, ''))[0]!;
    // Unseen words: only the form (wh-question vs auxiliary start) can decide.
    expect(open(formLight, 'What worries you most?')).toBeGreaterThan(0.8);
    expect(open(formLight, 'Do you smoke daily?')).toBeLessThan(0.2);
    expect(open(uniform, 'What worries you most?') - open(uniform, 'Do you smoke daily?')).toBeLessThan(
      open(formLight, 'What worries you most?') - open(formLight, 'Do you smoke daily?'),
    );
  });
});
