/**
 * The few decisions taken by rule before the model: cases the AnnoMI conversations almost never
 * show, because expert MI practitioners rarely do them, but trainees and coaching transcripts do.
 */
import { splitSentences } from './text.js';

/**
 * Blunt advice: a sentence that opens with "you should / need to / have to…", "I (would) suggest /
 * recommend…", "my advice…" or "make sure…", in an utterance that is not a question. The AnnoMI dev
 * data has two such utterances in 2,566, so the model cannot learn it; a trainee who says "You
 * should delegate more." must still hear that it was advice (`input`), not a reflection.
 */
// Sentence-opening forms of the advice cues in ADVICE_PHRASES (text.ts), which the model reads
// anywhere in an utterance; keep the two in step when adding one.
const DIRECTIVE = /^(?:(?:so|well|okay|ok|um|uh|and|but|yeah|then|honestly|maybe|look|i think|i mean|i feel like|personally)\s+)*(?:you (?:really |just |honestly |definitely )?(?:should|need to|have to|must|ought to|might want to|may want to)|i (?:would |'d )?(?:strongly )?(?:recommend|suggest|advise)|my (?:advice|suggestion|recommendation)|i want you to|make sure (?:you|to))\b/;

/** "You should be proud of that": an affirmation in the form of advice. */
const AFFIRMING = /\b(?:should|must|have to) (?:be|feel) (?:really |very |so |quite )?(?:proud|pleased|happy|glad|relieved|good about)\b/;

export function isBluntAdvice(text: string): boolean {
  if (/\?\s*$/.test(text.trim())) return false;
  return splitSentences(text).some((sentence) => {
    const words = sentence.tokens.join(' ');
    return DIRECTIVE.test(words) && !AFFIRMING.test(words);
  });
}

/**
 * Advice put as a question: "Why don't you write it up before the review?", "Have you thought
 * about talking to him?", "Why not ask her?". A coach proposing their own solution is giving
 * input, whatever the question mark says (MITI codes these as giving information or persuading);
 * "Have you thought about what you want?" asks about the client's own thinking and stays a question.
 */
const ADVICE_QUESTION = /^(?:(?:so|well|okay|ok|um|uh|and|but|then|maybe|hmm|right)[,]?\s+)*(?:why (?:don't|do not|wouldn't|not) |have you (?:ever )?(?:thought about|thought of|considered|tried) (?!(?:what|how|why|whether|where|who|when|which)\b)|did you (?:think about|consider|try) (?!(?:what|how|why|whether|where|who|when|which)\b)|how about |what about (?:\w+ing)\b|wouldn't it be (?:better|easier|good) to |what if you (?:just )?(?:tried|try|asked|told|wrote|did|said|talked|spoke|gave|stopped|started))/;

export function isAdviceQuestion(text: string): boolean {
  const questions = text.toLowerCase().replace(/[’‘]/g, "'").match(/[^.!?]+\?/g) ?? [];
  return questions.some((question) => ADVICE_QUESTION.test(question.trim()));
}
