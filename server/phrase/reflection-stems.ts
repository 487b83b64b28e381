import { capitalize, lowerFirst, splitSentences } from '../understand/text.js';

/** Reflection stems: `{name}` placeholders filled, and the first stem not said before in this session. */

/** Fills `{name}` placeholders; `{Name}` gets a capitalised value. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key] ?? values[key.charAt(0).toLowerCase() + key.slice(1)] ?? '';
    // A slot filled mid-sentence starts lower-case ("The way you see it, you learn …"), unless it is "I" or a name.
    return key.charAt(0) === key.charAt(0).toUpperCase() ? capitalize(value) : lowerFirst(value);
  });
}

/**
 * The first stem (rotating from `seed`) whose rendering was not said before in this session; a
 * stem whose stock opener ("In other words,", "So", "You're saying") opened a sentence of one of the
 * coach's last few replies is taken only when no other is fresh: readers hear the same opener three
 * replies apart as a formula, not only two in a row.
 */
export function pickFresh(stems: readonly string[], seed: number, values: Record<string, string>, said: readonly string[]): string | null {
  let fallback: string | null = null;
  for (let offset = 0; offset < stems.length; offset++) {
    const stem = stems[(seed + offset) % stems.length]!;
    const text = fill(stem, values);
    if (said.some((previous) => previous.includes(text))) continue;
    if (!openedRecently(stem, said)) return text;
    fallback ??= text;
  }
  return fallback;
}

/**
 * The stock opener of a stem: its first words (at most two) before the first slot ("So", "In other",
 * "You're saying"), or [] when it opens on a slot. "So you could {b}" and "So {p}" both open on "So".
 */
export function openerOf(stem: string): string[] {
  const slot = stem.indexOf('{');
  return slot > 0 ? openingWords(stem.slice(0, slot)).slice(0, OPENER_WORDS) : [];
}

const OPENER_WORDS = 2;

function openingWords(text: string): string[] {
  return text
    .split(' ')
    .map(withoutTrailingPunctuation)
    .filter(Boolean);
}

function withoutTrailingPunctuation(word: string): string {
  let end = word.length;
  while (end > 0 && ',:;'.includes(word.charAt(end - 1))) end--;
  return word.slice(0, end);
}

/** How many of the coach's last replies a stock opener is remembered over. */
export const OPENER_MEMORY = 3;

/** Whether the stem's stock opener opened a sentence of one of the coach's last `memory` replies (the end of `said`). */
export function openedRecently(stem: string, said: readonly string[], memory = OPENER_MEMORY): boolean {
  const opener = openerOf(stem);
  if (opener.length === 0) return false;
  return said.slice(-memory).some((reply) => splitSentences(reply).some((sentence) => openingWords(sentence).slice(0, opener.length).join(' ') === opener.join(' ')));
}

/** Whether the stem's stock opener opened a sentence of the coach's last reply. */
export function openedLastTurn(stem: string, said: readonly string[]): boolean {
  return openedRecently(stem, said, 1);
}

/** A need phrase that says "matters" itself ("focusing on what matters most") takes another verb. */
export const SAYS_MATTERS = /\bmatters?\b/;

/** "<need> matters to you", without "what matters most matters to you". */
export function mattersToYou(need: string): string {
  return SAYS_MATTERS.test(need) ? `${need} is what's at stake for you` : `${need} matters to you`;
}

/** The fixed words a stem opens with, before its first slot ("Pulling the threads together, it sounds like"). */
export function stemLead(stem: string): string {
  return stem.split('{')[0]!.trim();
}
