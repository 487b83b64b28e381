/**
 * The first-word rule: the baseline the trained model is compared with in eval/classifier.ts.
 * It looks only at how the utterance starts (after fillers) and whether it ends with "?".
 */
import type { UtteranceLabel } from '../domain/schemas.js';
import { AUXILIARY_VERBS, DISCOURSE_OPENERS, FILLER_WORDS, WH_WORDS, normalizeText, tokenize } from './text.js';

export function firstWordRule(text: string): UtteranceLabel {
  const tokens = tokenize(text);
  if (tokens.length === 0 || tokens.every((token) => FILLER_WORDS.has(token))) return 'other';
  let start = 0;
  while (start < tokens.length - 1 && DISCOURSE_OPENERS.has(tokens[start] ?? '')) start += 1;
  const first = tokens[start] ?? '';
  const second = tokens[start + 1] ?? '';
  if (WH_WORDS.has(first) || first === 'tell') return 'question_open';
  if (AUXILIARY_VERBS.has(first)) return 'question_closed';
  if (normalizeText(text).endsWith('?')) return 'question_closed';
  if (first === 'sounds' || first === 'seems' || (first === 'it' && (second === 'sounds' || second === 'seems'))) return 'reflection_complex';
  if (first === 'you' || first === "you're" || first === "you've") return 'reflection_simple';
  if (['thank', 'thanks', 'hi', 'hello', 'bye', 'welcome', 'excellent', 'awesome', 'nice'].includes(first)) return 'other';
  return 'input';
}
