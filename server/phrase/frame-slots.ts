import nlp from 'compromise';
import { z } from 'zod';
import { echoFault } from './reflection-grammar.js';
import { parsedTerms, type ParsedTerm } from '../understand/term-parses.js';

/**
 * Say less, never wrong: a reflection frame ("In other words, {p}.", "So you'll {what}.") is
 * only as good as what fills it. The verifier reads a candidate sentence back against every
 * frame it could have come from; each filled slot must have the shape its kind needs (a whole
 * clause, an action that starts with a verb, a phrase with no dangling end), or the sentence is
 * not said. The kinds, the words a kind may not start or end with, and examples that must pass
 * and fail are data (content/phrases/frame-slots.json). Pure.
 */

export const SLOT_KINDS = ['clause', 'action', 'phrase', 'any'] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];
const CheckedKind = z.enum(['clause', 'action', 'phrase']);

export const FrameSlotsSchema = z
  .object({
    description: z.string(),
    /** Which template lists of which phrase files are frames; `slots` overrides the default kinds for those lists. */
    sources: z.array(z.object({ file: z.string().min(1), keys: z.array(z.string().min(1)).min(1), slots: z.record(z.string(), z.enum(SLOT_KINDS)).optional() }).strict()),
    slots: z.record(z.string(), z.enum(SLOT_KINDS)),
    startWords: z.object({ clause: z.array(z.string().min(1)), phrase: z.array(z.string().min(1)) }),
    endWords: z.array(z.string().min(1)),
    copulas: z.array(z.string().min(1)),
    copulaEndAfter: z.array(z.string().min(1)),
    subordinators: z.array(z.string().min(1)),
    interjections: z.array(z.string().min(1)),
    mainClauseStarts: z.array(z.string().min(1)),
    shortPhraseWords: z.number().int().positive(),
    /** What may stand before a clause's first finite verb (see subjectFault). */
    subject: z.object({ heads: z.array(z.string().min(1)), links: z.array(z.string().min(1)), maxWords: z.number().int().positive() }).strict(),
    examples: z.record(CheckedKind, z.object({ pass: z.array(z.string().min(1)).min(1), fail: z.array(z.string().min(1)).min(1) })),
  })
  .strict();
export type FrameSlotsDocument = z.infer<typeof FrameSlotsSchema>;

interface Frame {
  regex: RegExp;
  kinds: Record<string, SlotKind>;
  /** How many fixed characters the frame has: the most specific frames that match are the ones read. */
  fixed: number;
}

export interface FrameSlots {
  frames: Frame[];
  startWords: { clause: Set<string>; phrase: Set<string> };
  endWords: Set<string>;
  copulas: Set<string>;
  copulaEndAfter: Set<string>;
  subordinators: Set<string>;
  interjections: Set<string>;
  mainClauseStarts: Set<string>;
  shortPhraseWords: number;
  subject: { heads: Set<string>; links: Set<string>; maxWords: number };
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/**
 * One frame from a template: its literal words must match exactly, each `{slot}` stands for
 * some words. A slot right after another ("{what}{when}") is read as part of the first.
 */
function compileFrame(template: string, slots: Record<string, SlotKind>): Frame | null {
  let source = '';
  let last = 0;
  const kinds: Record<string, SlotKind> = {};
  let previousEnd = -1;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    const kind = slots[name];
    if (kind === undefined) throw new Error(`frame-slots: the slot {${name}} of "${template}" has no kind`);
    source += escape(template.slice(last, match.index));
    if (match.index === previousEnd) {
      // Adjacent to the slot before: already inside its words.
    } else if (!(name in kinds)) {
      source += `(?<${name}>.+?)`;
      kinds[name] = kind;
    } else source += '.+?';
    last = match.index + match[0].length;
    previousEnd = last;
  }
  if (Object.keys(kinds).length === 0) return null;
  source += escape(template.slice(last));
  return { regex: new RegExp(`^${source}$`, 'u'), kinds, fixed: template.replace(PLACEHOLDER, '').length };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles the frames from the templates the document's sources name (read by the caller), each list with its slot kinds. */
export function compileFrameSlots(document: FrameSlotsDocument, lists: readonly { templates: readonly string[]; slots?: Record<string, SlotKind> | undefined }[]): FrameSlots {
  const frames = lists.flatMap((list) => list.templates.map((template) => compileFrame(template, { ...document.slots, ...list.slots }))).filter((frame): frame is Frame => frame !== null);
  const set = (words: readonly string[]) => new Set(words.map(folded));
  return { frames, startWords: { clause: set(document.startWords.clause), phrase: set(document.startWords.phrase) }, endWords: set(document.endWords), copulas: set(document.copulas), copulaEndAfter: set(document.copulaEndAfter), subordinators: set(document.subordinators), interjections: set(document.interjections), mainClauseStarts: set(document.mainClauseStarts), shortPhraseWords: document.shortPhraseWords, subject: { heads: set(document.subject.heads), links: set(document.subject.links), maxWords: document.subject.maxWords } };
}

/** Lower case with one kind of apostrophe, kept: "we'll" must not read as "well". */
function folded(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019`]/g, "'");
}

function wordsOf(text: string): string[] {
  return (folded(text).match(/[\p{L}\p{N}']+/gu) ?? []).map((word) => word.replace(/^'+|'+$/g, '')).filter(Boolean);
}

const verbParses = new Map<string, boolean>();
/** Whether compromise reads a verb in the words (remembered: the same fillers come back). */
export function hasVerb(text: string): boolean {
  let known = verbParses.get(text);
  if (known === undefined) {
    // A term compromise leaves empty counts as no verb, as before.
    known = parsedTerms(text).some((term) => (term as ParsedTerm | undefined)?.tags.includes('Verb') === true);
    if (verbParses.size >= 4096) verbParses.delete(verbParses.keys().next().value!);
    verbParses.set(text, known);
  }
  return known;
}

/** Whether an action starts with a verb, read after "you will" so that "email the supplier" is a verb, "conversation with her" is not. */
function startsWithVerb(text: string): boolean {
  const key = `action:${text}`;
  let known = verbParses.get(key);
  if (known === undefined) {
    const terms = (nlp(`you will ${text}`).terms().json() as { terms: { text: string; tags: string[] }[] }[]).map((item) => item.terms[0]!);
    const first = terms[2];
    known = first !== undefined && first.tags.includes('Verb') && !first.tags.includes('Gerund') && !first.tags.includes('PastTense') && !first.tags.includes('Pronoun');
    if (verbParses.size >= 4096) verbParses.delete(verbParses.keys().next().value!);
    verbParses.set(key, known);
  }
  return known;
}

/**
 * "if someone calls in sick you just cover it": speech leaves out the comma, but a subject of the
 * main clause followed by its verb ("you just cover") is there; "if your manager asked you to
 * stay" has only an object ("you to"), and stays incomplete.
 */
function mainClauseWithoutComma(slots: FrameSlots, filler: string): boolean {
  const terms = parsedTerms(filler);
  for (let index = 2; index < terms.length - 1; index++) {
    const term = terms[index]!;
    if (!slots.mainClauseStarts.has(folded(term.text)) || !term.tags.includes('Pronoun')) continue;
    // "if the rush orders drop or they pay for it": after "or"/"and" the pronoun goes on with the condition.
    if (terms[index - 1]!.tags.includes('Conjunction')) continue;
    let next = index + 1;
    while (next < terms.length - 1 && terms[next]!.tags.includes('Adverb')) next++;
    const verb = terms[next]!;
    if (verb.tags.includes('Verb') && folded(verb.text) !== 'to') return true;
  }
  return false;
}

/** Whether a filler has the shape of its kind. */
export function fillerFits(slots: FrameSlots, kind: SlotKind, filler: string): boolean {
  if (kind === 'any') return true;
  const words = wordsOf(filler);
  if (words.length === 0) return false;
  const last = words[words.length - 1]!;
  if (slots.endWords.has(last)) return false;
  if (slots.copulas.has(last) && !slots.copulaEndAfter.has(words[words.length - 2] ?? '')) return false;
  if (slots.startWords[kind === 'action' ? 'phrase' : kind].has(words[0]!)) return false;
  // "no, no, is not about…" opens on an interjection; "no training budget" does not.
  if (slots.interjections.has(words[0]!) && (words.length === 1 || words[1] === words[0] || /^\W*[\p{L}']+\s*[,.;:!-]/u.test(filler))) return false;
  // The grammar gate: words a fluent speaker would not say back ("someone tell you", "you have bakery", "since two months").
  if (echoFault(filler, kind) !== null) return false;
  if (kind === 'action') return startsWithVerb(filler.trim());
  if (kind === 'phrase') return true;
  // "if your manager asked, that would help" is whole; "when you take a problem to SLT" is not.
  if (slots.subordinators.has(words[0]!) && !filler.split(',').slice(1).some((part) => slots.mainClauseStarts.has(wordsOf(part)[0] ?? '')) && !mainClauseWithoutComma(slots, filler)) return false;
  if (!slots.subordinators.has(words[0]!) && subjectFault(slots, filler)) return false;
  return hasVerb(filler) || (words.length <= slots.shortPhraseWords && !slots.subordinators.has(words[0]!));
}

/** A verb that carries tense (not "rotating", not "been" alone): where a clause's subject ends. */
function finiteVerb(term: ParsedTerm): boolean {
  return term.tags.includes('Verb') && !term.tags.includes('Gerund') && !(term.tags.includes('Participle') && !term.tags.includes('PastTense'));
}

/**
 * Whether a clause fails to open with its subject. Speech drops subjects and strings starts
 * together ("money i guess been on same rate 3 yrs", "roofer salford small firm hes sound"); given
 * back word for word after "In other words," that is a broken sentence, so a clause must read
 * subject first: the words before its first finite verb name someone or something, are few, hold
 * no comma (unless they open on a preposition: "on Mondays, you…"), no subordinator ("Friday when
 * were packing"), no second start (a pronoun right after a noun with no linking word: "money
 * you"), and are not a question word alone ("what's the point…", a question echoed as a statement).
 * A clause with no finite verb is left to the short-phrase rule.
 */
function subjectFault(slots: FrameSlots, filler: string): boolean {
  const terms = parsedTerms(filler);
  const verbAt = terms.findIndex(finiteVerb);
  if (verbAt < 0) return false;
  const before = terms.slice(0, verbAt);
  const word = (term: ParsedTerm) => folded(term.text).split("'")[0]!;
  const isHead = (term: ParsedTerm) => term.tags.includes('Noun') || term.tags.includes('Pronoun') || term.tags.includes('Value') || slots.subject.heads.has(word(term));
  if (!before.some(isHead)) return true;
  if (before.length > slots.subject.maxWords) return true;
  const opensOnPreposition = before[0]!.tags.includes('Preposition') && !slots.subject.heads.has(word(before[0]!));
  // A comma is a topic put first ("no training budget this year, they cut it") only when a
  // subject starts right after it; "rotating shifts, days, nights, whatever they put" has none.
  const lastComma = before.findLastIndex((term) => (term.post ?? '').includes(','));
  if (lastComma >= 0 && !opensOnPreposition && !slots.mainClauseStarts.has(word(before[lastComma + 1] ?? { text: '', tags: [] }))) return true;
  if (before.slice(1).some((term) => slots.subordinators.has(word(term)) || (term.tags.includes('QuestionWord') && !slots.subject.heads.has(word(term))))) return true;
  // "what's the point…", "how do you…": a question echoed as a statement. "what eats your Monday is
  // the report" (a clause put first) opens on a full verb and passes.
  const verb = terms[verbAt]!;
  if (before.length === 1 && before[0]!.tags.includes('QuestionWord') && (verb.tags.includes('Copula') || verb.tags.includes('Auxiliary') || verb.tags.includes('Modal'))) return true;
  // A second start: a pronoun after words that already named something, with no linking word
  // between ("money you guess", "small firm he's", "feels tight asking like you're").
  const start = lastComma + 1;
  return before.slice(start).some((term, offset) => {
    const index = start + offset;
    if (opensOnPreposition || !term.tags.includes('Pronoun') || term.tags.includes('Possessive')) return false;
    const previous = before[index - 1];
    if (previous === undefined || index === start) return false;
    const linked = slots.subject.links.has(word(previous)) || previous.tags.includes('Preposition') || previous.tags.includes('Conjunction');
    return !linked && before.slice(start, index).some((earlier) => earlier.tags.includes('Noun') || earlier.tags.includes('Adjective') || earlier.tags.includes('Value'));
  });
}

/**
 * Whether the sentence is a frame filled with words of the wrong shape. A sentence that matches
 * no frame is not judged here; one that matches several passes when any reading of it fits.
 */
export function misfilledFrame(slots: FrameSlots, sentence: string): boolean {
  const readings = slots.frames.flatMap((frame) => {
    const match = frame.regex.exec(sentence.trim());
    return match?.groups ? [{ frame, groups: match.groups }] : [];
  });
  if (readings.length === 0) return false;
  // "So what you're telling me is {p}." is read as that frame, not as "So {p}." with a long {p}.
  const most = Math.max(...readings.map((reading) => reading.frame.fixed));
  return !readings.filter((reading) => reading.frame.fixed === most).some(({ frame, groups }) => Object.entries(frame.kinds).every(([name, kind]) => fillerFits(slots, kind, groups[name] ?? '')));
}
