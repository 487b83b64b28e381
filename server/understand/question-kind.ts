/**
 * What a client asks the coach, read by a trained sentence classifier rather than one more pattern
 * per wording: "How does this work exactly, do I just talk?", "What would you do if you were me?",
 * "Is one project too small a step?", "Is it normal to feel this rusty?". The model
 * (content/models/questions.json, `npm run train:understanding`) is trained on
 * training/understanding/questions*.jsonl, written by people who never saw the code; its labels are
 * in `QUESTION_LABELS`. The lexicons of process questions and self-questions still answer first:
 * this reads what their patterns miss.
 */
import { classifySentence, sentenceTokens, type TaskLabel, type UnderstandingModels } from './sentence-classifier.js';
import { splitSentences } from './text.js';

export type QuestionKind = Exclude<TaskLabel<'questions'>, 'none'>;

/**
 * How sure the model must be. A sentence with a question mark is a question of some kind, so only
 * its kind is at stake; a sentence without one ("how long does this take", typed on a phone) must
 * first be a question at all, so it needs more. Chosen on the cross-author CV and the development
 * conversations (docs/understanding.md).
 */
export const QUESTION_THRESHOLD = { marked: 0.5, unmarked: 0.75 } as const;

/**
 * A sentence typed without a question mark is read as one only when it opens as a question does
 * ("how long does this take", "can u just give me a framework"): "I am a little nervous :)" is not.
 */
const ASKING_OPENERS: ReadonlySet<string> = new Set(['what', "what's", 'how', 'why', 'when', 'where', 'who', 'which', 'is', 'are', 'am', 'do', 'does', 'did', 'can', 'could', 'would', 'should', 'will', 'shall', 'have', 'has', "isn't", "aren't", "don't", "doesn't", "can't", "won't", 'any']);

/** Words that end a question typed without its mark are few; longer unmarked sentences are statements. */
const UNMARKED_MAX_WORDS = 14;

/** Extra features the model is trained with: whether the sentence carries a question mark, and who it is about. */
export function questionCueFeatures(sentence: string): string[] {
  const tokens = sentenceTokens(sentence);
  const names: string[] = [];
  if (asksWithMark(sentence)) names.push('q:mark');
  if (tokens.some((token) => YOU.has(token))) names.push('q:you');
  if (tokens.some((token) => ME.has(token))) names.push('q:me');
  return names;
}

const YOU = new Set(['you', 'your', "you're", 'yours', 'ur']);
const ME = new Set(['i', "i'm", "i've", "i'd", "i'll", 'me', 'my', 'myself']);

function asksWithMark(sentence: string): boolean {
  return sentence.trimEnd().endsWith('?');
}

export interface QuestionReading {
  kind: QuestionKind;
  /** The sentence that asks it. */
  sentence: string;
  probability: number;
}

/**
 * The questions the message puts to the coach, in order: read from each sentence ending in a
 * question mark, and from a last sentence left without any end mark. Empty when none is one.
 */
export function readQuestions(models: UnderstandingModels, text: string): QuestionReading[] {
  const sentences = splitSentences(text);
  const readings: QuestionReading[] = [];
  for (const [index, sentence] of sentences.entries()) {
    const marked = asksWithMark(sentence);
    const end = sentence.trimEnd().at(-1) ?? '';
    const unmarked = !marked && index === sentences.length - 1 && !'.!;'.includes(end) && sentence.split(' ').length <= UNMARKED_MAX_WORDS && ASKING_OPENERS.has(sentenceTokens(sentence)[0] ?? '');
    if (!marked && !unmarked) continue;
    const prediction = classifySentence('questions', models.questions, models.vectors, sentence, questionCueFeatures(sentence));
    if (prediction.label !== 'none' && prediction.probability >= (marked ? QUESTION_THRESHOLD.marked : QUESTION_THRESHOLD.unmarked)) {
      readings.push({ kind: prediction.label, sentence, probability: prediction.probability });
    }
  }
  return readings;
}
