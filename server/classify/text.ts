/**
 * Text helpers for the utterance classifier: normalisation, tokens, sentences and the small
 * word lists the features rely on. Spoken transcripts are full of fillers, stutters ("you-you're")
 * and cut-offs ("-and what..."), so the helpers are tolerant rather than linguistically exact.
 */

/** Lower-cases and folds typographic quotes and dashes so that the same word always looks the same. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, ' -- ')
    .replace(/\[[^\]]*\]/g, ' ') // "[unintelligible 00:05:37]", "[laughs]": not words the speaker chose
    .replace(STUTTER, (restart, start: string, word: string) => (word === start || (word.startsWith(start) && !WORD_PREFIXES.has(start)) ? '' : restart))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A spoken restart written with a hyphen: "wh-what", "I-I", "sup-supporting", "whe-when-when". The cut
 * part is dropped when the next word starts with it, so the question still starts with "what" and
 * word pairs are not doubled; compounds ("low-risk", "mm-hmm") are left alone.
 */
const STUTTER = /\b([a-z']+)-+(?=([a-z']+))/g;
/** Parts of real hyphenated words that also begin the next part: "one-on-one", "re-read", "co-coach". */
const WORD_PREFIXES = new Set(['on', 'in', 're', 'co', 'pre', 'non', 'up', 'out', 'over', 'under', 'off', 'by', 'to', 'a', 'de', 'anti', 'sub', 'post', 'mid', 'multi', 'semi', 'self', 'ex']);

/** Word tokens; a hyphenated restart keeps the finished word ("you-you're" yields "you're"), compounds are split ("low-risk": "low", "risk"). */
export function tokenize(text: string): string[] {
  const matches = normalizeText(text).match(/[a-z0-9]+(?:'[a-z]+)?/g);
  return matches ?? [];
}

export interface Sentence {
  tokens: string[];
  isQuestion: boolean;
}

/** Splits on sentence punctuation and on dashes (speakers often restart mid-sentence). */
export function splitSentences(text: string): Sentence[] {
  const normalized = normalizeText(text);
  const sentences: Sentence[] = [];
  const pattern = /([^.?!]|\.(?=\d))+([.?!]+|$)/g;
  for (const match of normalized.matchAll(pattern)) {
    const chunk = match[0];
    const tokens = tokenize(chunk);
    if (tokens.length === 0) continue;
    sentences.push({ tokens, isQuestion: chunk.trimEnd().endsWith('?') });
  }
  return sentences;
}

/** Back-channel and hesitation words: an utterance made only of these is "other". */
export const FILLER_WORDS = new Set([
  'um', 'uh', 'hmm', 'mm', 'mmm', 'hm', 'huh', 'ah', 'oh', 'er', 'erm', 'mhm',
  'okay', 'ok', 'yeah', 'yes', 'yep', 'right', 'alright', 'all', 'sure', 'well',
  'so', 'and', 'but', 'great', 'good', 'wow', 'no', 'now', 'like', 'i', 'see', 'gotcha', 'cool',
]);

/** Words that open an utterance without carrying its function ("Okay, so, um, what..."). */
export const DISCOURSE_OPENERS = new Set([
  'um', 'uh', 'hmm', 'mm', 'mmm', 'hm', 'huh', 'ah', 'oh', 'er', 'erm', 'mhm',
  'okay', 'ok', 'yeah', 'yes', 'yep', 'right', 'alright', 'all', 'sure', 'well',
  'so', 'and', 'but', 'now', 'great', 'good', 'wow', 'then',
]);

export const WH_WORDS = new Set(['what', "what's", 'how', "how's", 'why', 'where', 'when', 'who', 'which', 'whose']);

export const AUXILIARY_VERBS = new Set([
  'do', 'does', 'did', 'is', 'are', 'was', 'were', 'am', 'can', 'could', 'would', 'will', 'have', 'has',
  'had', 'should', 'shall', 'may', 'might', "isn't", "aren't", "don't", "doesn't", "didn't", "wasn't",
  "won't", "wouldn't", "can't", "couldn't", "haven't", "hasn't",
]);

export const SECOND_PERSON = new Set(['you', 'your', "you're", "you've", "you'd", "you'll", 'yourself', 'yours']);
export const FIRST_PERSON = new Set(['i', 'me', 'my', "i'm", "i've", "i'd", "i'll", 'myself', 'mine']);

/** A small affect lexicon: complex reflections often name a feeling the client only implied. */
export const FEELING_WORDS = new Set([
  'feel', 'feels', 'feeling', 'felt', 'worried', 'worry', 'worries', 'scared', 'afraid', 'fear', 'frustrated',
  'frustrating', 'frustration', 'angry', 'mad', 'upset', 'sad', 'hurt', 'hurts', 'stress', 'stressed', 'stressful',
  'overwhelmed', 'overwhelming', 'anxious', 'anxiety', 'nervous', 'concerned', 'concern', 'concerns', 'proud',
  'happy', 'excited', 'hard', 'difficult', 'tough', 'struggle', 'struggling', 'confident', 'confidence',
  'embarrassed', 'ashamed', 'guilty', 'lonely', 'tired', 'exhausted', 'discouraged', 'hopeful', 'hopeless',
  'pressure', 'torn', 'important', 'matters', 'care', 'cares', 'value', 'values', 'want', 'wants', 'wanting',
  'ready', 'annoyed', 'annoying', 'disappointed', 'relieved', 'comfortable', 'uncomfortable', 'shocking', 'fun',
]);

/** Phrases typical of reflective listening. */
export const REFLECTION_PHRASES = [
  'sounds like', 'it sounds', 'seems like', 'it seems', 'you feel', "you're feeling", 'you felt',
  'what i hear', "what i'm hearing", 'i hear', 'you mean', 'in other words', 'so you', "so you're",
  'you want', "you're not", "you're", 'you think', 'you said', 'you mentioned', 'you know what you',
  'on the one hand', 'on one hand', 'on the other hand', 'at the same time', 'part of you', 'you wish',
  'for you', "you've been", 'you have been', 'kind of', 'a lot of', 'really',
];

/** Phrases typical of information, advice, options or negotiation. */
export const INPUT_PHRASES = [
  'you could', 'you should', 'you might', 'you can', 'you need to', 'you have to', 'try', 'i recommend',
  'i suggest', 'i would suggest', "i'd suggest", 'i would recommend', "i'd recommend", 'my advice',
  'recommend', 'research', 'studies', 'guidelines', 'percent', 'per day', 'a week', 'a day', 'risk',
  'increase', 'reduce', 'medication', 'we can', "we'll", 'we could', 'let me', "i'll", 'i will',
  'give you', 'information', 'some people', 'a lot of people', 'many people', 'other people', 'one option',
  'options', 'option', 'the good news', 'is that', 'because', "there's", 'there are', 'it can', 'can cause',
  'next time', 'see you', 'appointment', 'program', 'handout', 'plan',
];

/** Phrases typical of greetings, thanks, affirmations and structuring: coded "other". */
export const OTHER_PHRASES = [
  'hi', 'hello', 'good morning', 'good afternoon', 'thank you', 'thanks', 'nice to meet', 'welcome',
  'bye', 'take care', 'great job', 'good job', 'that\'s great', "that's good", 'good for you', 'well done',
  'i appreciate', 'appreciate', 'congratulations', 'awesome', 'excellent', 'wonderful', 'nice',
  'how are you', 'have a seat', 'come in', 'my name is', "i'm dr", 'today we',
];

/** Crude stemmer for overlap only: "drinking", "drinks", "drinker" all match "drink". */
export function stem(word: string): string {
  const base = word.replace(/'(s|re|ve|d|ll|m|t)$/, '');
  if (base.length > 5 && base.endsWith('ing')) return base.slice(0, -3);
  if (base.length > 4 && base.endsWith('ed')) return base.slice(0, -2);
  if (base.length > 4 && base.endsWith('er')) return base.slice(0, -2);
  if (base.length > 3 && base.endsWith('s') && !base.endsWith('ss')) return base.slice(0, -1);
  return base;
}

/** Function words ignored when measuring how much of the client's wording the coach reuses. */
export const STOP_WORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'so', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'it', "it's", 'is',
  'are', 'was', 'were', 'be', 'been', 'that', "that's", 'this', 'there', 'they', 'them', 'their', 'he', 'she',
  'his', 'her', 'we', 'us', 'our', 'i', 'me', 'my', 'you', 'your', "you're", "i'm", 'do', 'does', 'did', "don't",
  'have', 'has', 'had', 'just', 'like', 'um', 'uh', 'yeah', 'okay', 'know', 'mean', 'really', 'very', 'not', 'no',
  'yes', 'if', 'then', 'what', 'how', 'can', 'could', 'would', 'will', 'as', 'about', 'from', 'up', 'out', 'get',
  'got', 'go', 'going', 'gonna', 'kind', 'sort', 'thing', 'things', 'some', 'all', 'one', 'when', 'because',
  'mm', 'hmm', 'right', 'well', 'oh', 'also', 'too', 'more', 'much', 'lot', 'by', 'than', 'now', 'here',
]);

/** Strong advice and option markers (a subset of the input cues, counted as one family). */
export const ADVICE_PHRASES = [
  'you could try', 'you should', 'you might want to', 'you may want to', 'i recommend', 'i would recommend',
  "i'd recommend", 'i suggest', 'i would suggest', "i'd suggest", 'my advice', 'my suggestion', 'one option',
  'another option', 'one thing you could', 'one idea', 'what some people do', 'it might help to', 'it would help to',
  'it helps to', 'make sure you', 'the best thing', 'i encourage you', 'i want you to', 'i need you to',
  'try to', 'you need to', 'you have to', 'options are',
];

/** Information markers: facts, figures, what research or guidelines say. */
export const INFORMATION_PHRASES = [
  'research shows', 'studies show', 'research', 'studies', 'evidence', 'guidelines', 'recommended', 'percent',
  'most people', 'many people', 'a lot of people', 'people who', 'the risk', 'risk of', 'can lead to', 'can cause',
  'is associated with', 'we know that', 'what we know', 'the good news', 'let me share', 'i can share', 'find that',
  'in general', 'typically', 'on average',
];

/** Reflections that name a feeling or an inner state. */
export const FEELING_REFLECTION_PHRASES = [
  'sounds like you', 'it sounds like', 'seems like you', 'you feel', "you're feeling", 'you felt', 'you seem',
  "you're worried", "you're afraid", "you're frustrated", "you're scared", 'you wish', 'matters to you',
  'important to you', 'part of you', 'you care',
];

/** Double-sided reflections put both sides of the client's ambivalence side by side. */
export const DOUBLE_SIDED_PHRASES = [
  'on the one hand', 'on one hand', 'on the other hand', 'on the other', 'at the same time', 'and yet',
  'part of you', 'torn between', 'but also', 'and also',
];
