/**
 * Features for the second stage that decides open versus closed once an utterance is taken to be a
 * question. They are centred on the question the coach ends on: the last sentence ending in "?"
 * (or the last sentence when none does), and inside it the last clause that starts like a question
 * ("On a scale of 1 to 10, how important..." is asked by "how important..."). Preambles such as
 * "so", "um", "I'm wondering", "can you tell me" are stripped before looking at the first word.
 * All cues are syntactic (wh-word or auxiliary start, alternatives, tags, permission, embedded
 * questions), not phrases taken from the data.
 */
import { AUXILIARY_VERBS, DISCOURSE_OPENERS, WH_WORDS, normalizeText, splitSentences, tokenize } from './text.js';
import { extractFeatures, type FeatureVector } from './features.js';

/** Multi-word preambles that do not change the question ("I'm wondering, how..."). */
const PREAMBLES: readonly string[][] = [
  ["i'm", 'wondering'], ['i', 'wonder'], ['i', 'was', 'wondering'], ["i'm", 'curious'], ['i', 'am', 'curious'],
  ['i', 'was', 'curious'], ['can', 'you', 'tell', 'me'], ['could', 'you', 'tell', 'me'], ['let', 'me', 'ask', 'you'],
  ['i', 'want', 'to', 'ask', 'you'], ['i', 'wanted', 'to', 'ask', 'you'], ['i', 'want', 'to', 'know'], ['you', 'know'],
  ['i', 'mean'], ['let', 'me', 'ask'], ['tell', 'me'], ['all', 'right'], ['mm', 'hmm'], ['uh', 'huh'],
];
const EXTRA_OPENERS = new Set(['like', 'just', 'also', 'actually', 'then', 'or', 'kind', 'of']);
/** wh-word + word that asks for one specific fact (a number, a time, a name): usually closed. */
const FACT_AFTER_HOW = new Set(['many', 'much', 'long', 'old', 'often', 'far', 'soon', 'big', 'tall', 'frequently']);
const FACT_AFTER_WHAT = new Set(['time', 'kind', 'type', 'day', 'year', 'age', 'grade', 'number', 'percentage', 'size', 'name', 'job', 'school', 'month']);
const TAGS = ['right', 'correct', 'yeah', 'okay', 'ok', 'true', 'huh', 'yes', 'no'];
const PERMISSION: readonly string[] = [
  'is it okay if', 'is it ok if', 'is it alright if', 'is it all right if', 'would it be okay', 'would it be ok', 'would it be alright',
  'do you mind if', 'would you mind if', 'would you mind', 'can i', 'may i', 'could i', 'would you like me to', 'do you want me to',
  'would you be willing', 'are you willing', 'are you okay with', 'would you be interested', 'are you interested',
];
const SUBJECTS = new Set(['you', 'i', 'it', 'that', 'this', 'there', 'he', 'she', 'they', 'we', 'anything', 'anyone', 'anybody', 'your', 'things', 'people']);

/**
 * Names (prefixes) of the features that describe the form of the question rather than its words: the
 * kind of the asking clause, wh-words asking for a fact or an account, the kinds of every question,
 * tags, alternatives, permission and rating scales. Training penalises them lightly (see train.ts).
 */
export const QUESTION_FORM_FEATURES = ['kind:', 'wh:', 'has:', 'tag:', 'or:', 'permission', 'scale'] as const;

function sizeBucket(count: number): string {
  if (count <= 2) return String(count);
  if (count <= 4) return '3-4';
  if (count <= 8) return '5-8';
  if (count <= 16) return '9-16';
  return '17+';
}

/** Removes fillers, discourse markers and preambles from the front of a clause. */
export function stripPreamble(tokens: string[]): { rest: string[]; preamble: string[] } {
  let start = 0;
  let changed = true;
  const preamble: string[] = [];
  while (changed && start < tokens.length - 1) {
    changed = false;
    const token = tokens[start] ?? '';
    if (DISCOURSE_OPENERS.has(token) || EXTRA_OPENERS.has(token)) {
      start += 1;
      changed = true;
      continue;
    }
    for (const phrase of PREAMBLES) {
      if (start + phrase.length < tokens.length && phrase.every((word, offset) => tokens[start + offset] === word)) {
        preamble.push(phrase.join(' '));
        start += phrase.length;
        changed = true;
        break;
      }
    }
  }
  return { rest: tokens.slice(start), preamble };
}

function questionKind(tokens: string[]): string {
  const first = tokens[0] ?? '';
  const second = tokens[1] ?? '';
  if (WH_WORDS.has(first) || first === "what'd" || first === "where's" || first === "who's" || first === "why'd" || first === "how'd") return 'wh';
  if (AUXILIARY_VERBS.has(first)) return SUBJECTS.has(second) || second === 'there' ? 'aux' : 'aux_other';
  if (first === 'tell' || first === 'describe' || first === 'explain' || first === 'talk') return 'invite';
  if (first === 'any' || first === 'anything' || first === 'anyone' || first === 'anybody' || first === 'anywhere') return 'any';
  if (first === 'you' || first === "you're" || first === "you've" || first === 'your' || first === 'that' || first === "that's" || first === 'it' || first === "it's") return 'declarative';
  if (first === 'if' || first === 'whether') return 'if';
  return 'other';
}

/** Clause boundaries inside a sentence: commas, semicolons, colons and dashes. */
function clauses(sentenceText: string): string[][] {
  return sentenceText
    .split(/[,;:]|--| - /)
    .map((part) => tokenize(part))
    .filter((part) => part.length > 0);
}

export function extractQuestionFeatures(text: string): FeatureVector {
  const features: FeatureVector = new Map();
  const flag = (name: string, value = 1): void => {
    features.set(name, (features.get(name) ?? 0) + value);
  };
  const normalized = normalizeText(text);
  const sentences = splitSentences(text);
  // Sentence texts with punctuation kept, to find clauses.
  const sentenceTexts = [...normalized.matchAll(/([^.?!]|\.(?=\d))+([.?!]+|$)/g)].map((match) => match[0]).filter((chunk) => tokenize(chunk).length > 0);
  let focusIndex = -1;
  for (let index = sentenceTexts.length - 1; index >= 0; index -= 1) if (sentenceTexts[index]!.trimEnd().endsWith('?')) { focusIndex = index; break; }
  const hasQuestionMark = focusIndex >= 0;
  if (focusIndex < 0) focusIndex = sentenceTexts.length - 1;
  const focusText = sentenceTexts[focusIndex] ?? '';
  const focusTokens = tokenize(focusText);
  flag(`qmark:${hasQuestionMark}`);
  flag(`focus_last:${focusIndex === sentenceTexts.length - 1}`);
  const questionCount = sentences.filter((sentence) => sentence.isQuestion).length;
  flag(`qcount:${sizeBucket(questionCount)}`);

  // The clause that asks: the last one that starts like a question, else the first one.
  const parts = clauses(focusText);
  let asking = parts[0] ?? [];
  let askingKind = questionKind(stripPreamble(asking).rest);
  for (let index = parts.length - 1; index >= 0; index -= 1) {
    const kind = questionKind(stripPreamble(parts[index]!).rest);
    if (kind === 'wh' || kind === 'aux' || kind === 'invite') {
      asking = parts[index]!;
      askingKind = kind;
      break;
    }
  }
  const { rest, preamble } = stripPreamble(asking);
  for (const phrase of preamble) flag(`pre:${phrase}`);
  if (preamble.some((phrase) => phrase.includes('wonder') || phrase.includes('curious'))) flag('pre:embedded');
  if (preamble.some((phrase) => phrase.includes('tell me'))) flag('pre:tell_me');
  const first = rest[0] ?? '<none>';
  const second = rest[1] ?? '<end>';
  flag(`kind:${askingKind}`);
  flag(`a1:${first}`);
  flag(`a2:${first}_${second}`);
  if (rest.length > 2) flag(`a3:${first}_${second}_${rest[2]}`);
  flag(`alen:${sizeBucket(rest.length)}`);
  flag(`flen:${sizeBucket(focusTokens.length)}`);
  flag(`ulen:${sizeBucket(tokenize(text).length)}`);
  flag(`kind_len:${askingKind}_${sizeBucket(rest.length)}`);

  // wh-questions that ask for one fact versus wh-questions that invite an account.
  const whAt = rest.findIndex((token) => WH_WORDS.has(token));
  if (askingKind === 'wh') {
    if ((first === 'how' && FACT_AFTER_HOW.has(second)) || (first === 'what' && FACT_AFTER_WHAT.has(second)) || first === 'which' || first === 'when' || first === 'where' || first === 'who' || first === 'whose') flag('wh:fact');
    if (second === 'else' || (first === 'how' && ['do', 'did', 'does', 'would', 'might', 'could', 'can', 'is', 'are', 'was', 'has', 'have', 'come'].includes(second)) || first === 'why' || (first === 'what' && ['do', 'did', 'does', 'would', 'might', 'could', 'can', 'are', 'is', "what's", 'was', 'have', 'has', 'kinds', 'else', 'about'].includes(second))) flag('wh:account');
  } else if (whAt > 0) {
    flag('wh:inside');
  }
  if (askingKind === 'aux') flag(`aux:${first}_${second}`);
  if (askingKind === 'aux' && rest.slice(1, 4).includes('ever')) flag('aux:ever');
  if (askingKind === 'aux' && rest.slice(1, 6).some((token) => token === 'any' || token === 'anything' || token === 'anyone')) flag('aux:any');

  const padded = ` ${focusTokens.join(' ')} `;
  // Alternatives ("...or...?") and trailing "or?" offer the answers: closed, or an unfinished list.
  const orAt = focusTokens.lastIndexOf('or');
  if (orAt >= 0 && orAt < focusTokens.length - 1) flag('or:alternative');
  if (orAt === focusTokens.length - 1 || /\bor\s*(-+|\?|\.\.\.)\s*$/.test(focusText.trim())) flag('or:trailing');
  // Tag questions: "..., right?", "isn't it?", "can't they?".
  const last = focusTokens[focusTokens.length - 1] ?? '';
  const beforeLast = focusTokens[focusTokens.length - 2] ?? '';
  if (focusTokens.length > 2 && TAGS.includes(last) && /,\s*\w+\s*\?\s*$/.test(focusText.trim())) flag('tag:word');
  if (focusTokens.length > 3 && AUXILIARY_VERBS.has(beforeLast) && beforeLast.endsWith("n't") && SUBJECTS.has(last)) flag('tag:auxiliary');
  for (const phrase of PERMISSION) if (padded.includes(` ${phrase} `)) { flag('permission'); break; }
  if (/\b(scale|one to (ten|10)|[01] to 10|1-10|0-10|zero to)\b/.test(normalized)) flag('scale');
  if (/\b(else|more)\b/.test(focusText)) flag('else_more');
  if (/\b(example|describe|explain|tell me about|say more|talk about)\b/.test(normalized)) flag('invite_phrase');
  if (/\b(feel|feeling|think|thoughts|sense|imagine|mean)\b/.test(focusText)) flag('inner_state');
  if (/\d/.test(focusText)) flag('number');
  if (/[-\u2013\u2014]\s*\??\s*$/.test(text.trim()) || /--\s*\??\s*$/.test(normalized)) flag('cut_end');

  // Whole utterance: kinds of every question it asks.
  const kinds = new Set<string>();
  for (const sentence of sentences) if (sentence.isQuestion) kinds.add(questionKind(stripPreamble(sentence.tokens).rest));
  for (const kind of kinds) flag(`has:${kind}`);
  // Words of the asking clause (prefixed so they do not mix with the first stage's).
  for (const token of new Set(rest)) flag(`aw:${token}`);
  flag('bias_q');
  return features;
}

/**
 * Features of the open/closed stage: the first stage's features (words, first words, shape) plus the
 * question-centred ones above. Pass `mainFeatures` when they are already computed.
 */
export function extractOpenClosedFeatures(text: string, previousClient = '', mainFeatures?: FeatureVector): FeatureVector {
  const features = new Map(mainFeatures ?? extractFeatures(text, previousClient));
  for (const [name, value] of extractQuestionFeatures(text)) features.set(name, value);
  return features;
}
