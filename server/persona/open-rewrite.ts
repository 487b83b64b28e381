import { z } from 'zod';
import { toSecondPerson } from '../understand/paraphrase.js';
import { compileLexicon, entriesById, type LexiconEntry } from '../understand/lexicon.js';
import openRewrites from '../../content/lexicon/open-rewrites.json' with { type: 'json' };
import { splitOnSpaces } from '../understand/spaces.js';

/** An open-rewrite entry: the open question it gives, and the objects its {1:object} reads. */
const RewriteEntrySchema = z.object({ rewrite: z.string().min(1).optional(), objects: z.record(z.string(), z.string()).optional() });

/** The rewrite rules, the openers cut before them and the checks of a suggestion: content/lexicon/open-rewrites.json. */
const REWRITES = compileLexicon('open-rewrites', openRewrites, RewriteEntrySchema);
const W = entriesById(REWRITES, ['opener', 'second-person', 'dangling-end', 'open-question'] as const);

/** The question asked, without an opening "so" or "okay" and its final punctuation. */
function clean(question: string): string {
  return question
    .trim()
    .replace(W.opener.regex, '')
    .replace(/[?.!\s]+$/, '')
    .trim();
}

/** The entry's rewrite with the pattern's groups put in ({1}, {1:lower}, {1:object}). */
function fill(entry: LexiconEntry<z.infer<typeof RewriteEntrySchema>>, match: RegExpMatchArray): string {
  return entry.data.rewrite!.replace(/\{(\d)(?::(lower|object))?\}/g, (_all, group: string, form?: string) => {
    const value = match[Number(group)] ?? '';
    if (form === 'lower') return value.toLowerCase();
    if (form === 'object') return entry.data.objects?.[value.toLowerCase()] ?? 'that';
    return value;
  });
}

/**
 * Rewrites a closed question as an open one, by rule, from its opening words and main verb:
 * "Do you trust them?" → "What would help you trust them more?", "Is it hard?" → "What makes it
 * hard?". Questions no rule fits get a generic open question that still points at the topic.
 */
export function openRewrite(question: string): string {
  // The question itself: the last sentence ending in "?", or the whole turn.
  const sentences = question.match(/[^.!?]+\?/g);
  const core = clean(sentences?.at(-1) ?? question);
  for (const entry of REWRITES.entries) {
    if (entry.data.rewrite === undefined) continue;
    const match = core.match(entry.regex);
    if (match) return fill(entry, match);
  }
  return 'What matters most to you about this?';
}

/** A reflection of the client's line, as a coach might say it: "It sounds like you …". */
export function reflectionOf(clientLine: string): string {
  const sentence = (clientLine.match(/[^.!?]+[.!?]?/)?.[0] ?? clientLine).trim().replace(/[.!?]+$/, '');
  if (!sentence) return GENERIC_REFLECTION;
  const words = splitOnSpaces(toSecondPerson(sentence));
  const shortened = words.length > 24 ? `${words.slice(0, 24).join(' ')}…` : words.join(' ');
  return `It sounds like ${shortened.charAt(0).toLowerCase()}${shortened.slice(1)}.`;
}

const GENERIC_REFLECTION = 'It sounds like this matters to you.';

/**
 * Whether a suggested reflection reads as one: "It sounds like" followed by a clause about the
 * client (four words or more, with "you" in it), never a fragment such as "It sounds like sometimes."
 */
export function isWellFormedReflection(text: string): boolean {
  const match = /^It sounds like (.+)\.$/.exec(text);
  if (!match) return false;
  const words = match[1]!.split(/\s+/);
  return words.length >= 4 && words.some((word) => W['second-person'].regex.test(word));
}

/**
 * The reflection to suggest: of the client's latest line that gives a well-formed one (a short
 * "Sometimes." or "Yes." does not), looking back from the latest; else a plain one about what matters.
 */
export function reflectionOfLatest(clientLines: readonly string[]): string {
  for (let index = clientLines.length - 1; index >= 0; index--) {
    const candidate = reflectionOf(clientLines[index]!);
    if (isWellFormedReflection(candidate)) return candidate;
  }
  return GENERIC_REFLECTION;
}

/** An open rewrite is a single question that starts with a question word and has something to ask about. */
export function isWellFormedOpenQuestion(text: string): boolean {
  return W['open-question'].regex.test(text) && !W['dangling-end'].regex.test(text);
}

/** The open rewrite of a closed question, verified; a generic open question when the rule's output does not read well. */
export function verifiedOpenRewrite(question: string): string {
  const candidate = openRewrite(question);
  return isWellFormedOpenQuestion(candidate) ? candidate : 'What matters most to you about this?';
}
