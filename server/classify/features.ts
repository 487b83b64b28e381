/**
 * Feature extraction: turns an utterance (and the client's previous utterance) into a sparse map of
 * named features. Names are readable on purpose so that the weights in content/models/utterance-classifier.json can be inspected.
 *
 * Families:
 * - lexical: words and word pairs of the utterance;
 * - position: the first words once fillers are stripped ("Okay, so, um, what..." starts with "what"),
 *   the first words of the last sentence and of every question (the annotated behaviour is usually
 *   what the coach ends on), the last words (tag questions such as "..., right?");
 * - shape: question marks, length, cut-offs, utterances made only of fillers;
 * - context: how much of the client's wording the coach reuses, pronoun shift ("I" -> "you"),
 *   feeling words the client did not say (a hint that a reflection adds meaning), whether the client
 *   just asked something (answers are information);
 * - cue phrases for reflection, input and "other" (greetings, thanks, affirmations).
 */
import {
  ADVICE_PHRASES,
  AUXILIARY_VERBS,
  DOUBLE_SIDED_PHRASES,
  FEELING_REFLECTION_PHRASES,
  INFORMATION_PHRASES,
  DISCOURSE_OPENERS,
  FEELING_WORDS,
  FILLER_WORDS,
  FIRST_PERSON,
  INPUT_PHRASES,
  OTHER_PHRASES,
  REFLECTION_PHRASES,
  SECOND_PERSON,
  STOP_WORDS,
  WH_WORDS,
  normalizeText,
  splitSentences,
  stem,
  tokenize,
} from './text.js';

export type FeatureVector = Map<string, number>;

const SUBJECT_PRONOUNS = new Set(['you', 'i', 'it', 'that', 'this', 'there', 'he', 'she', 'they', 'we', 'anything', 'anyone', 'your']);

/** Buckets a count on a roughly logarithmic scale: 0, 1, 2, 3-4, 5-8, 9-16, 17-32, 33+. */
function sizeBucket(count: number): string {
  if (count <= 2) return String(count);
  if (count <= 4) return '3-4';
  if (count <= 8) return '5-8';
  if (count <= 16) return '9-16';
  if (count <= 32) return '17-32';
  return '33+';
}

function stripOpeners(tokens: string[]): string[] {
  let start = 0;
  while (start < tokens.length - 1 && DISCOURSE_OPENERS.has(tokens[start] ?? '')) start += 1;
  // "all right" and "mm-hmm" are two tokens each; the loop above already consumed them.
  return tokens.slice(start);
}

/** True when `phrase` occurs in the padded text as whole words. */
function containsPhrase(paddedText: string, phrase: string): boolean {
  return paddedText.includes(` ${phrase} `);
}

function contentStems(tokens: string[]): Set<string> {
  const stems = new Set<string>();
  for (const token of tokens) {
    if (STOP_WORDS.has(token) || FILLER_WORDS.has(token) || token.length < 3) continue;
    stems.add(stem(token));
  }
  return stems;
}

function overlapBucket(fraction: number): string {
  if (fraction === 0) return '0';
  if (fraction < 0.2) return '<.2';
  if (fraction < 0.4) return '<.4';
  if (fraction < 0.6) return '<.6';
  return '>=.6';
}

export function extractFeatures(text: string, previousClient = ''): FeatureVector {
  const features: FeatureVector = new Map();
  const flag = (name: string, value = 1): void => {
    features.set(name, (features.get(name) ?? 0) + value);
  };

  const tokens = tokenize(text);
  const sentences = splitSentences(text);
  const normalized = normalizeText(text);
  const padded = ` ${tokens.join(' ')} `;

  // Lexical: unigrams and bigrams (with a start marker so "<s> so" differs from "... so ...").
  const uniqueTokens = new Set(tokens);
  for (const token of uniqueTokens) flag(`w:${token}`);
  const withStart = ['<s>', ...tokens];
  const bigrams = new Set<string>();
  for (let index = 0; index + 1 < withStart.length; index += 1) bigrams.add(`${withStart[index]}_${withStart[index + 1]}`);
  for (const bigram of bigrams) flag(`b:${bigram}`);

  // Position.
  const stripped = stripOpeners(tokens);
  const first = stripped[0] ?? '<none>';
  const second = stripped[1] ?? '<end>';
  flag(`s1:${first}`);
  flag(`s2:${first}_${second}`);
  if (stripped.length > 2) flag(`s3:${first}_${second}_${stripped[2]}`);
  flag(`f1:${tokens[0] ?? '<none>'}`);

  const lastSentence = sentences[sentences.length - 1];
  if (lastSentence) {
    const lastStripped = stripOpeners(lastSentence.tokens);
    const lastFirst = lastStripped[0] ?? '<none>';
    flag(`l1:${lastFirst}`);
    flag(`l2:${lastFirst}_${lastStripped[1] ?? '<end>'}`);
    flag(`lq:${lastSentence.isQuestion}`);
    if (lastSentence.isQuestion) {
      flag(`lq1:${lastFirst}`);
      flag(`lq2:${lastFirst}_${lastStripped[1] ?? '<end>'}`);
      // A wh-word after a preamble ("I'm curious, when you're ...") still makes an open question.
      const whPosition = lastStripped.findIndex((token) => WH_WORDS.has(token));
      flag(`lq_wh_at:${whPosition < 0 ? 'none' : sizeBucket(whPosition)}`);
      const whWord = whPosition < 0 ? '' : lastStripped[whPosition];
      if (whWord) flag(`lq_wh:${whWord}_${lastStripped[whPosition + 1] ?? '<end>'}`);
    }
  }
  const lastToken = tokens[tokens.length - 1] ?? '<none>';
  flag(`e1:${lastToken}`);
  if (tokens.length > 1) flag(`e2:${tokens[tokens.length - 2]}_${lastToken}`);

  let questionCount = 0;
  let whQuestion = false;
  let auxiliaryQuestion = false;
  for (const sentence of sentences) {
    if (!sentence.isQuestion) continue;
    questionCount += 1;
    const questionTokens = stripOpeners(sentence.tokens);
    const questionFirst = questionTokens[0] ?? '<none>';
    flag(`q1:${questionFirst}`);
    flag(`q2:${questionFirst}_${questionTokens[1] ?? '<end>'}`);
    if (questionTokens.slice(0, 3).some((token) => WH_WORDS.has(token))) whQuestion = true;
    if (AUXILIARY_VERBS.has(questionFirst) && SUBJECT_PRONOUNS.has(questionTokens[1] ?? '')) auxiliaryQuestion = true;
  }
  if (whQuestion) flag('q:wh');
  if (auxiliaryQuestion) flag('q:auxiliary');
  if (WH_WORDS.has(first)) flag('start:wh');
  if (AUXILIARY_VERBS.has(first) && SUBJECT_PRONOUNS.has(second)) flag('start:auxiliary');
  if (first === 'tell' || (first === 'can' && second === 'you' && stripped[2] === 'tell')) flag('start:tell');
  for (const invitation of ['tell me', 'describe', 'explain', 'talk about', 'say more', 'more about', 'an example']) {
    if (containsPhrase(padded, invitation)) flag(`invite:${invitation}`);
  }
  if (containsPhrase(padded, "i'm wondering") || containsPhrase(padded, 'i wonder')) flag('cue:wonder');

  // Shape.
  flag(`questions:${sizeBucket(questionCount)}`);
  flag(`ends_question:${normalized.endsWith('?')}`);
  flag(`length:${sizeBucket(tokens.length)}`);
  flag(`sentences:${sizeBucket(sentences.length)}`);
  if (tokens.length > 0 && tokens.every((token) => FILLER_WORDS.has(token))) flag('only_fillers');
  if (tokens.length === 0) flag('empty');
  if (/^[-\u2013\u2014]/.test(text.trim())) flag('cut:start');
  if (/[-\u2013\u2014]$/.test(text.trim())) flag('cut:end');
  if (/\d/.test(normalized)) flag('has_number');

  // Context: reuse of the client's wording and pronoun shift.
  const previousTokens = tokenize(previousClient);
  flag(`prev_length:${sizeBucket(previousTokens.length)}`);
  if (previousTokens.length > 0 && previousTokens.every((token) => FILLER_WORDS.has(token))) flag('prev:only_fillers');
  if (normalizeText(previousClient).endsWith('?')) flag('prev:question');
  if (/[-\u2013\u2014]$/.test(previousClient.trim())) flag('prev:cut_end');
  const ownStems = contentStems(tokens);
  const previousStems = contentStems(previousTokens);
  let shared = 0;
  for (const stemmed of ownStems) if (previousStems.has(stemmed)) shared += 1;
  const ownFraction = ownStems.size === 0 ? 0 : shared / ownStems.size;
  flag(`overlap_own:${overlapBucket(ownFraction)}`);
  flag(`overlap_shared:${sizeBucket(shared)}`);
  flag('overlap_fraction', ownFraction);

  const secondPerson = tokens.filter((token) => SECOND_PERSON.has(token)).length;
  const firstPerson = tokens.filter((token) => FIRST_PERSON.has(token)).length;
  flag(`you_count:${sizeBucket(secondPerson)}`);
  flag(`i_count:${sizeBucket(firstPerson)}`);
  if (SECOND_PERSON.has(first)) flag('start:you');
  const previousFirstPerson = previousTokens.some((token) => FIRST_PERSON.has(token));
  if (previousFirstPerson && secondPerson > 0) flag('pronoun_shift');

  const feelings = tokens.filter((token) => FEELING_WORDS.has(token));
  const newFeelings = feelings.filter((token) => !previousTokens.includes(token));
  if (feelings.length > 0) flag('feeling');
  if (newFeelings.length > 0) flag('feeling_added');

  // Cue phrases. Single phrases are often too rare to survive pruning, so each family also feeds
  // one shared feature that gets enough training examples to learn a reliable weight.
  const cueFamilies: Array<[string, readonly string[]]> = [
    ['reflect', REFLECTION_PHRASES],
    ['inform', INPUT_PHRASES],
    ['social', OTHER_PHRASES],
    ['advice', ADVICE_PHRASES],
    ['information', INFORMATION_PHRASES],
    ['feeling_reflection', FEELING_REFLECTION_PHRASES],
    ['double_sided', DOUBLE_SIDED_PHRASES],
  ];
  for (const [family, phrases] of cueFamilies) {
    let found = 0;
    for (const phrase of phrases) {
      if (!containsPhrase(padded, phrase)) continue;
      flag(`${family}:${phrase}`);
      found += 1;
    }
    if (found > 0) flag(`cue:${family}`);
  }

  return features;
}
