import { normalize } from './text.js';

/**
 * Feeling words, grouped under the word the coach will use when naming them. Naming a feeling
 * the client only implied is what makes a reflection complex rather than a repetition.
 */
const FEELINGS: [string, RegExp][] = [
  // "it's all too much", not "people talk to me, maybe too much, haha".
  ['overwhelmed', /\boverwhelm\w*|\bdrowning\b|\bburied\b|\bswamped\b|\b(?:it's|it is|all|getting|just|way|far) too much\b/],
  ['stuck', /\bstuck\b|\btrapped\b|\bgoing in circles\b|\bspinning my wheels\b|\bat a standstill\b/],
  ['frustrated', /\bfrustrat\w*|\bfed up\b|\bannoy\w*|\birritat\w*|\bsick of\b/],
  ['anxious', /\banxi\w*|\bworr\w*|\bnervous\b|\buneasy\b|\bon edge\b|\bdread\w*|\bpanick?\w*/],
  ['exhausted', /\bexhaust\w*|\btired\b|\bdrained\b|\bburn(?:ed|t)? ?out\b|\bworn out\b|\b(?:i'm|i am|feel|feeling|felt|totally|completely) spent\b/],
  ['uncertain', /\bunsure\b|\buncertain\w*|\bconfus\w*|\b(?:i'm|i am|feel|feeling|felt|bit|completely|totally|so|really) lost\b|\bdon't know\b|\bnot sure\b|\bunclear\b/],
  ['afraid', /\bafraid\b|\bscared\b|\bfear\w*|\bterrified\b|\bintimidat\w*/],
  ['discouraged', /\bdiscourag\w*|\bdisappoint\w*|\bdefeated\b|\bhopeless\b|\b(?:feel|feeling|felt|so|really|bit|pretty|quite|i'm|i am|getting|get|gets) down\b|\bdown about\b|\bdemotivat\w*/],
  ['isolated', /\bisolat\w*|\blonely\b|\balone\b|\b(?:all|left|feel|feeling|felt|completely|totally) on my own\b|\bunsupported\b/],
  ['guilty', /\bguilt\w*|\bashamed\b|\bembarrass\w*/],
  ['torn', /\btorn\b|\bconflicted\b|\bpulled in (?:two|different|many) directions\b/],
  ['undervalued', /\bundervalued\b|\bunappreciated\b|\binvisible\b|\boverlooked\b|\bignored\b|\bnot heard\b/],
  ['angry', /\bangry\b|\bfurious\b|\bresent\w*|\b(?:i'm|i am|feel|feeling|felt|so|really|get|got) upset\b/],
  ['excited', /\bexcit\w*|\beager\b|\bthrilled\b|\benergi[sz]ed\b|\blooking forward\b/],
  ['hopeful', /\bhopeful\b|\boptimistic\b|\bencouraged\b/],
  ['proud', /\bproud\b|\bpleased with\b|\bsatisfied\b/],
  ['curious', /\bcurious\b|\bintrigued\b|\binterested\b/],
  ['motivated', /\bmotivated\b|\bdetermined\b|\bcommitted\b|\bready\b/],
];

/** The feelings voiced or clearly implied in `text`, strongest cue first, each named once. */
export function findFeelings(text: string): string[] {
  // "I'm not scared of the conversation", "never been worried about that": a feeling denied is not voiced.
  // "bugs they were embarrassed about": someone else's feeling is not the client's.
  const lower = normalize(text).replace(NEGATED_FEELING, ' ').replace(OTHERS_FEELING, ' ').replace(OTHERS_VERB_FEELING, ' ');
  return FEELINGS.filter(([, pattern]) => pattern.test(lower)).map(([name]) => name);
}

/** A feeling word right after another person as its subject ("they were embarrassed", "she felt ignored"). */
const OTHERS_VERB_FEELING = /\b(?:they|he|she|people|everyone|everybody|the team|my team|my boss|my manager)\s+(?:\w+\s+)?(?:worr(?:y|ies|ied)|panic(?:s|ked)?|fear(?:s|ed)?|dread(?:s|ed)?|stress(?:es|ed)?|hate(?:s|d)?|resent(?:s|ed)?)\b/g;
const OTHERS_FEELING = /\b(?:they|he|she|people|everyone|everybody|nobody|the team|my team|them)(?:'re|'s| (?:are|were|was|is|feel|felt|get|got|seem|seemed|looked|look|sound|sounded))(?: (?:so|really|very|quite|a bit|pretty|all|totally))? \w+/g;

/** A negation and the few words after it, where a feeling word is being denied. */
const NEGATED_FEELING = /\b(?:not|never|no longer|isn't|wasn't|aren't|i'm not|i am not|don't feel|didn't feel|without (?:feeling|being))\b(?:\s+(?:really|that|too|so|very|at all|even|been|feeling|particularly|especially|actually))*\s+(?!sure\b|clear\b|heard\b|know\b)\w+/g;

/** Feelings that call for a gentle, validating reflection rather than a cheerful one. */
export const DIFFICULT_FEELINGS = new Set(['overwhelmed', 'stuck', 'frustrated', 'anxious', 'exhausted', 'uncertain', 'afraid', 'discouraged', 'isolated', 'guilty', 'torn', 'undervalued', 'angry']);
