import { shippedContent } from '../helpers/content.js';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { classifyMany as classifyManyWith, classifyTranscript } from '../../server/classify/classifier.js';
import { CONTENT_DIRECTORY } from '../../server/content/lexicon-files.js';
import { loadUtteranceModel, MODEL_FILES } from '../../server/content/load-content.js';
import { seededFoldsByTranscript, type DatasetRow } from '../../server/classify/dataset.js';
import { extractFeatures } from '../../server/classify/features.js';
import { firstWordRule } from '../../server/classify/first-word-rule.js';
import { behaviourOf } from '../../server/classify/labels.js';
import { cohensKappa, confusionMatrix } from '../../server/classify/metrics.js';
import { parseModel, predictProbabilities } from '../../server/classify/model.js';
import { splitSentences, tokenize } from '../../server/classify/text.js';
import { HANDWRITTEN_EXAMPLES } from './classifier-examples.js';

const classifier = shippedContent.classifier;
const classifyMany = (inputs: Parameters<typeof classifyManyWith>[0]) => classifyManyWith(inputs, classifier);
const label = (text: string, previousClient = ''): string => classifier.classify({ text, previousClient }).label;

describe('model file', () => {
  it('loads, validates and stays under 500 KB', () => {
    expect(statSync(join(CONTENT_DIRECTORY, MODEL_FILES.utteranceClassifier)).size).toBeLessThan(500 * 1024);
    const model = loadUtteranceModel();
    expect(model.labels).toHaveLength(6);
    expect(Object.keys(model.weights).length).toBeGreaterThan(500);
  });

  it('rejects a malformed model document', () => {
    expect(() => parseModel({ format: 'rapport-utterance-linear/1', labels: ['other', 'input'], bias: [0], weights: {} })).toThrow(/bias/);
    expect(() => parseModel({ format: 'something-else' })).toThrow();
  });
});

describe('offline classifier: one clear example per label', () => {
  it.each([
    ['What would you like to get out of our session today?', '', 'question_open'],
    ['Did you get a chance to talk to your manager?', 'I was going to talk to my manager.', 'question_closed'],
    ['So you have three direct reports now.', 'I have three direct reports now.', 'reflection_simple'],
    ["You're feeling torn between your family and this new job.", "The job is great but I'm never home anymore.", 'reflection_complex'],
    ['You could try giving her the project and checking in once a week.', 'I do not trust her with the project.', 'input'],
    ['Thanks so much for coming in today.', '', 'other'],
    ['Mm-hmm.', 'And that is when it started.', 'other'],
  ])('%s -> %s', (text, previousClient, expected) => {
    expect(label(text, previousClient)).toBe(expected);
  });

  it('answers "other" with full confidence for text without words', () => {
    expect(classifier.classify({ text: '  [laughs] ' })).toEqual({ label: 'other', confidence: 1 });
  });
});

describe('open versus closed questions', () => {
  const open = ['How did the presentation go?', 'What do you make of that?', 'Okay, so, um, why is that important to you?', 'Tell me about your team.'];
  const closed = ['Do you like your job?', 'Is your manager aware of this?', 'Are you sleeping well?', 'Have you spoken to her since?'];
  it('labels open questions open', () => {
    for (const text of open) expect(label(text), text).toBe('question_open');
  });
  it('labels closed questions closed', () => {
    for (const text of closed) expect(label(text), text).toBe('question_closed');
  });
});

describe('reflections', () => {
  it('detects a restatement of the client words', () => {
    expect(label('So the reorganisation has you working every weekend.', "Since the reorganisation I've been working every weekend.")).toMatch(/^reflection_/);
  });

  it('gives a reflection more weight when the coach reuses the client wording', () => {
    const model = loadUtteranceModel();
    const reflection = (text: string, previousClient: string): number => {
      const probabilities = predictProbabilities(model, extractFeatures(text, previousClient));
      return model.labels.reduce((sum, name, index) => sum + (name.startsWith('reflection') ? (probabilities[index] ?? 0) : 0), 0);
    };
    const text = 'Your boss keeps cancelling your one-on-ones.';
    expect(reflection(text, 'My boss keeps cancelling my one-on-ones.')).toBeGreaterThan(reflection(text, 'Fine, thanks.'));
  });
});

describe('hand-written sanity set', () => {
  it('labels at least 85% of the hand-written examples correctly', () => {
    const results = classifyMany(HANDWRITTEN_EXAMPLES);
    const correct = results.filter((result, index) => result.label === HANDWRITTEN_EXAMPLES[index]!.label).length;
    expect(correct / HANDWRITTEN_EXAMPLES.length).toBeGreaterThanOrEqual(0.85);
  });

  it('gets every behaviour (question / reflection / input / other) right for at least 90%', () => {
    const results = classifyMany(HANDWRITTEN_EXAMPLES);
    const correct = results.filter((result, index) => behaviourOf(result.label) === behaviourOf(HANDWRITTEN_EXAMPLES[index]!.label)).length;
    expect(correct / HANDWRITTEN_EXAMPLES.length).toBeGreaterThanOrEqual(0.9);
  });

  it('beats the first-word rule on the same set', () => {
    const ruleCorrect = HANDWRITTEN_EXAMPLES.filter((example) => firstWordRule(example.text) === example.label).length;
    const modelCorrect = classifyMany(HANDWRITTEN_EXAMPLES).filter((result, index) => result.label === HANDWRITTEN_EXAMPLES[index]!.label).length;
    expect(modelCorrect).toBeGreaterThan(ruleCorrect);
  });
});

describe('classifyTranscript', () => {
  it('labels coach turns only, each against the latest client turn', () => {
    const results = classifyTranscript([
      { role: 'coach', text: 'Hi, welcome.' },
      { role: 'client', text: 'I keep missing my deadlines.' },
      { role: 'coach', text: 'You keep missing your deadlines.' },
      { role: 'client', text: 'Yes.' },
      { role: 'coach', text: 'What gets in the way?' },
    ], classifier);
    expect(results.map((result) => result.index)).toEqual([0, 2, 4]);
    expect(results.map((result) => result.label)).toEqual(['other', 'reflection_simple', 'question_open']);
  });

  it('labels a 200-utterance batch exactly as it labels each utterance alone (its speed is measured by bench, not here)', () => {
    const inputs = Array.from({ length: 200 }, (_, index) => ({
      text: `${HANDWRITTEN_EXAMPLES[index % HANDWRITTEN_EXAMPLES.length]!.text} (${index})`,
      previousClient: HANDWRITTEN_EXAMPLES[(index + 1) % HANDWRITTEN_EXAMPLES.length]!.previousClient,
    }));
    const batch = classifyMany(inputs).map((result) => result.label);
    expect(batch).toHaveLength(200);
    expect(batch).toEqual(inputs.map((input) => classifyMany([input])[0]!.label));
  });
});

describe('text helpers and metrics', () => {
  it('splits stutters and keeps contractions', () => {
    // A restart written with a hyphen keeps only the finished word; compounds stay split.
    expect(tokenize("You-you're right, it’s hard.")).toEqual(["you're", 'right', "it's", 'hard']);
    expect(tokenize('Wh-what did I-I miss? Whe-when-when?')).toEqual(['what', 'did', 'i', 'miss', 'when']);
    expect(tokenize('A low-risk plan, mm-hmm.')).toEqual(['a', 'low', 'risk', 'plan', 'mm', 'hmm']);
    expect(tokenize('Our one-on-ones, re-read.')).toEqual(['our', 'one', 'on', 'ones', 're', 'read']);
    expect(splitSentences('Okay. What happened next? I see').map((sentence) => sentence.isQuestion)).toEqual([false, true, false]);
  });

  it('computes Cohen kappa: 1 for perfect agreement, 0 for chance-level', () => {
    const labels = ['a', 'b'] as const;
    expect(cohensKappa(confusionMatrix(labels, ['a', 'b', 'a', 'b'], ['a', 'b', 'a', 'b']))).toBeCloseTo(1);
    expect(cohensKappa(confusionMatrix(labels, ['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b']))).toBeCloseTo(0);
  });
});

describe('seeded groupings for repeated cross-validation', () => {
  const rows: DatasetRow[] = [];
  for (let transcript = 1; transcript <= 12; transcript += 1) {
    const copies = transcript <= 2 ? 3 : 1; // two conversations labelled by three annotators
    for (let utterance = 0; utterance < 4 + transcript; utterance += 1) {
      for (let copy = 0; copy < copies; copy += 1) {
        rows.push({ transcript: String(transcript), utterance, text: 'Okay.', previousClient: '', label: 'other', weight: 1 / copies });
      }
    }
  }

  it('puts every conversation in one fold, the multiply annotated ones in different folds, the same way each time', () => {
    const folds = seededFoldsByTranscript(rows, 4, 7);
    expect(folds.size).toBe(12);
    expect(new Set(folds.values()).size).toBe(4);
    expect(folds.get('1')).not.toBe(folds.get('2'));
    expect(seededFoldsByTranscript(rows, 4, 7)).toEqual(folds);
    const other = [1, 2, 3, 4, 5].map((seed) => [...seededFoldsByTranscript(rows, 4, seed).values()].join());
    expect(new Set(other).size).toBeGreaterThan(1);
  });
});

describe('blunt advice, by rule', () => {
  it.each([
    ['You should delegate more.', "Last month I rewrote Tom's whole analysis the night before it was due."],
    ['I think you should talk to your manager.', 'My manager keeps adding work.'],
    ['So, you need to let them fail sometimes.', 'I redo everything.'],
  ])('labels "%s" as input (advice), whatever the client said before', (text, previousClient) => {
    expect(shippedContent.classifier.classify({ text, previousClient }).label).toBe('input');
  });

  it.each([
    ['You should be proud of that.', 'I finally said no to my boss.'],
    ['It sounds like you feel you should do it all yourself.', 'I redo everything.'],
    ['What do you think you should do?', 'I redo everything.'],
  ])('does not call "%s" advice', (text, previousClient) => {
    expect(shippedContent.classifier.classify({ text, previousClient }).label).not.toBe('input');
  });
});
