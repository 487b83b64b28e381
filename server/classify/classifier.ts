/**
 * The offline utterance classifier: features + the linear model in content/models/utterance-classifier.json
 * (read and parsed at start-up by server/content/load-content.ts, then passed in).
 */
import type { UtteranceLabel } from '../domain/schemas.js';
import { predictUtterance, type LinearModel } from './model.js';
import { isAdviceQuestion, isBluntAdvice } from './rules.js';
import { tokenize } from './text.js';

export interface ClassifierInput {
  text: string;
  /** The client's utterance just before this one; reflections are recognised against it. */
  previousClient?: string;
}

export interface Classification {
  label: UtteranceLabel;
  /** Probability the model gives to `label` (0-1). */
  confidence: number;
}

export interface UtteranceClassifier {
  classify(input: ClassifierInput): Classification;
}

export function createClassifier(model: LinearModel): UtteranceClassifier {
  return {
    classify({ text, previousClient = '' }) {
      // Nothing to read (silence, "[laughs]"): the model never saw such input, so answer by rule.
      if (tokenize(text).length === 0) return { label: 'other', confidence: 1 };
      if (isBluntAdvice(text) || isAdviceQuestion(text)) return { label: 'input', confidence: 0.9 };
      return predictUtterance(model, text, previousClient);
    },
  };
}

export function classifyMany(inputs: readonly ClassifierInput[], classifier: UtteranceClassifier): Classification[] {
  return inputs.map((input) => classifier.classify(input));
}

export interface TranscriptTurn {
  role: 'coach' | 'client';
  text: string;
}

/**
 * Labels every coach turn of a conversation, pairing it with the client's latest turn before it.
 * Returns one entry per coach turn, with the turn's index in `turns`.
 */
export function classifyTranscript(
  turns: readonly TranscriptTurn[],
  classifier: UtteranceClassifier,
): Array<Classification & { index: number }> {
  const results: Array<Classification & { index: number }> = [];
  let previousClient = '';
  turns.forEach((turn, index) => {
    if (turn.role === 'client') {
      previousClient = turn.text;
      return;
    }
    results.push({ index, ...classifier.classify({ text: turn.text, previousClient }) });
  });
  return results;
}
