import { capitalize, lowerFirst } from '../understand/text.js';

/** Reflection stems: `{name}` placeholders filled, and the first stem not said before in this session. */

/** Fills `{name}` placeholders; `{Name}` gets a capitalised value. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key] ?? values[key.charAt(0).toLowerCase() + key.slice(1)] ?? '';
    // A slot filled mid-sentence starts lower-case ("The way you see it, you learn …"), unless it is "I" or a name.
    return key.charAt(0) === key.charAt(0).toUpperCase() ? capitalize(value) : lowerFirst(value);
  });
}

/** The first stem (rotating from `seed`) whose rendering was not said before in this session. */
export function pickFresh(stems: readonly string[], seed: number, values: Record<string, string>, said: readonly string[]): string | null {
  for (let offset = 0; offset < stems.length; offset++) {
    const text = fill(stems[(seed + offset) % stems.length]!, values);
    if (!said.some((previous) => previous.includes(text))) return text;
  }
  return null;
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
