import { toSecondPerson } from '../coach/paraphrase.js';

/**
 * Rewrites a closed question as an open one, by rule, from its opening words and main verb:
 * "Do you trust them?" → "What would help you trust them more?", "Is it hard?" → "What makes it
 * hard?". Questions no rule fits get a generic open question that still points at the topic.
 */
const APPRECIATE = /^(?:do|did) you (trust|like|enjoy|value|respect|believe in) (.+)$/i;
const WANT_TO = /^(?:do|did) you (?:want|need|plan|hope|intend) to (.+)$/i;
const WANT_THING = /^(?:do|did) you (?:want|need) (.+)$/i;
const THINK = /^(?:do|did) you (?:think|believe|reckon|suppose|expect)(?: that)? (.+)$/i;
const FEEL = /^(?:do|did) you (?:feel|get) (.+)$/i;
const HAVE = /^(?:do|did) you have (.+)$/i;
const TRIED = /^(?:have|did) you (?:tried|try|considered|thought about|thought of) (.+)$/i;
const CAN = /^(?:can|could|would|will) you (.+)$/i;
const IS_IT = /^(?:is|was) (it|that|this|there) (.+)$/i;
const ARE_YOU = /^(?:are|were) you (.+)$/i;
const DO_YOU = /^(?:do|does|did) (you|they|he|she|it|we) (.+)$/i;
const SHOULD = /^(?:should|shall|must) (?:you|i|we) (.+)$/i;

const OBJECT: Record<string, string> = { they: 'them', he: 'him', she: 'her', it: 'that', we: 'how you work together' };

function clean(question: string): string {
  return question
    .trim()
    .replace(/^(?:so|and|but|okay|ok|well|right),?\s+/i, '')
    .replace(/[?.!\s]+$/, '')
    .trim();
}

export function openRewrite(question: string): string {
  // The question itself: the last sentence ending in "?", or the whole turn.
  const sentences = question.match(/[^.!?]+\?/g);
  const core = clean(sentences?.at(-1) ?? question);
  let match: RegExpMatchArray | null;
  if ((match = core.match(APPRECIATE))) return `What would help you ${match[1]!.toLowerCase()} ${match[2]} more?`;
  if ((match = core.match(WANT_TO))) return `What would help you ${match[1]}?`;
  if ((match = core.match(THINK))) return `What are your thoughts on whether ${match[1]}?`;
  if ((match = core.match(FEEL))) return `What is it like to feel ${match[1]}?`;
  if ((match = core.match(HAVE))) return `What would ${match[1]} look like for you?`;
  if ((match = core.match(WANT_THING))) return `What would ${match[1]} give you?`;
  if ((match = core.match(TRIED))) return 'What have you tried so far, and how did it go?';
  if ((match = core.match(IS_IT))) {
    return match[1]!.toLowerCase() === 'there' ? `What ${match[2]} is there?` : `What makes ${match[1]!.toLowerCase()} ${match[2]}?`;
  }
  if ((match = core.match(ARE_YOU))) return `What is it like to be ${match[1]}?`;
  if ((match = core.match(SHOULD))) return 'What options do you see, and what draws you to each?';
  if ((match = core.match(CAN))) return `What would help you ${match[1]}?`;
  if ((match = core.match(DO_YOU))) {
    const subject = match[1]!.toLowerCase();
    if (subject === 'you') return `What happens when you ${match[2]}?`;
    return `What have you noticed about ${OBJECT[subject] ?? 'that'}?`;
  }
  return 'What matters most to you about this?';
}

/** A reflection of the client's line, as a coach might say it: "It sounds like you …". */
export function reflectionOf(clientLine: string): string {
  const sentence = (clientLine.match(/[^.!?]+[.!?]?/)?.[0] ?? clientLine).trim().replace(/[.!?]+$/, '');
  if (!sentence) return GENERIC_REFLECTION;
  const words = toSecondPerson(sentence).split(/\s+/);
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
  return words.length >= 4 && words.some((word) => /^(?:you|your|you're|you've|you'd|you'll|yourself)\b/i.test(word));
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
  return /^(?:What|How)\b[^?]*\S\s\S[^?]*\?$/.test(text) && !/\b(?:to|of|about|whether|like|be)\?$/.test(text);
}

/** The open rewrite of a closed question, verified; a generic open question when the rule's output does not read well. */
export function verifiedOpenRewrite(question: string): string {
  const candidate = openRewrite(question);
  return isWellFormedOpenQuestion(candidate) ? candidate : 'What matters most to you about this?';
}
