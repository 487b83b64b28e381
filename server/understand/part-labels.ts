import { z } from 'zod';
import { lexiconText, matchingEntries, type Lexicon } from './lexicon.js';
import { splitSentences, stripFinalPunctuation, stripLeadingFiller } from './text.js';

/**
 * Labels clients put before an answer ("success... ask my manager straight out", "first step book
 * a 1:1 with her", "Confidence... 7"): the label says which part of the plan the sentence answers,
 * whatever the coach asked last. The labels are data (content/lexicon/part-labels.json, with their
 * examples); this file only cuts the label off and finds the words it introduces.
 */

/** `background`: "Context: …", "Blocker's obvious: …": the story around the work, no part of the statement. */
export const PART_SLOTS = ['success', 'experiment', 'learning', 'strengths', 'confidence', 'check_in', 'when', 'support', 'measure', 'background'] as const;
export type PartSlot = (typeof PART_SLOTS)[number];
/** `position` 'after': a sentence of its own that labels the sentence before it ("… That'd be a sign."). */
export const PartLabelEntrySchema = z.object({ slot: z.enum(PART_SLOTS), position: z.enum(['before', 'after']).optional() });
export type PartLabels = Lexicon<z.infer<typeof PartLabelEntrySchema>>;
/** A part named inside a question to the coach (content/lexicon/asked-parts.json): `slot` is the question bank's. */
export const AskedPartEntrySchema = z.object({ slot: z.string().min(1) });
export type AskedParts = Lexicon<z.infer<typeof AskedPartEntrySchema>>;

/**
 * The part of the work the client's questions name ("What's a first small experiment for something
 * like this? Can you give me an example?" names the experiment), or null: the first entry that
 * matches, over the message's questions in order.
 */
export function askedPart(parts: AskedParts, questions: string[]): string | null {
  for (const question of questions) {
    const entry = matchingEntries(parts, question)[0];
    if (entry) return entry.data.slot;
  }
  return null;
}

export interface LabelledPart {
  slot: PartSlot;
  /** The client's sentence that carries the part (the label's own sentence, or the next one when the label stood alone). */
  sentence: string;
  /** The words the label introduces, in the client's words, without the label. */
  rest: string;
  /** One item of a numbered list in the sentence: its own words are its quote. */
  item?: boolean;
}

/** How far after a label a colon may still introduce the answer ("success, put something I can count: three meetings…"). */
const COLON_WINDOW_WORDS = 8;

/** The words that open a sentence going on with the part labelled before it. */
export const CONTINUES = new Set(['and', 'also', 'plus']);

/** White space between words. */
const SPACE = /\s+/;

function wordCount(text: string): number {
  return text.split(SPACE).filter(Boolean).length;
}

function afterLabel(sentence: string, labelForm: string): string {
  const labelWords = wordCount(labelForm);
  const tokens = sentence.trim().split(SPACE);
  // The label's last word may carry its punctuation ("success...", "step:"): only the words after it remain.
  let rest = tokens.slice(labelWords).join(' ').replace(/^[\s:.…,=\-–—]+/, '');
  // A colon that ends a word, not one inside it ("a 1:1").
  const colon = rest.indexOf(': ');
  if (colon > 0 && wordCount(rest.slice(0, colon)) <= COLON_WINDOW_WORDS) rest = rest.slice(colon + 2).trim();
  return stripFinalPunctuation(rest.trim());
}

/** A sentence of words that only hold the floor ("Right.", "Well.", "Ok, so."). */
function onlyDiscourse(sentence: string): boolean {
  return stripFinalPunctuation(stripLeadingFiller(sentence)).trim() === '';
}

/**
 * "1) 3 runs logged most weeks, 2) not snapping at the crew": the items of a list typed on one line,
 * numbered from 1 in order ("1)", "1." or "(1)", each after a space or a comma); none when the words
 * do not open such a list ("fewer late nights (under 2) and more sleep" is one sign).
 */
function numberedItems(rest: string): string[] {
  const marker = (from: number, number: number): { at: number; length: number } | null => {
    for (const form of [`(${number}) `, `${number}) `, `${number}. `]) {
      for (let at = rest.indexOf(form, from); at >= 0; at = rest.indexOf(form, at + 1)) {
        if (at === 0 || ' ,;'.includes(rest[at - 1]!)) return { at, length: form.length };
      }
    }
    return null;
  };
  let current = marker(0, 1);
  if (current?.at !== 0) return [];
  const items: string[] = [];
  for (let number = 2; current; number += 1) {
    const next = marker(current.at + current.length, number);
    items.push(stripFinalPunctuation(rest.slice(current.at + current.length, next?.at ?? rest.length)));
    current = next;
  }
  return items.filter((item) => wordCount(item) > 0);
}
/**
 * Labels whose list goes on past the label's sentence ("Strengths: … I run a crush schedule…").
 * Not "Context:": "Context: staff engineer, 9 years in. I want to work on …" goes on to the aim.
 */
const DESCRIBING: ReadonlySet<PartSlot> = new Set(['strengths']);

/** Every labelled part of a message, in order. A sentence carries one label at most. */
export function labelledParts(labels: PartLabels, text: string): LabelledPart[] {
  const sentences = splitSentences(text);
  const parts: LabelledPart[] = [];
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index]!;
    const form = lexiconText(sentence);
    const entry = labels.entries.find((candidate) => candidate.regex.test(form));
    if (!entry) {
      // "success... ask her about the senior role. by end of next month. and stop apologising in
      // meetings": a sentence opened by "and" right after a labelled part goes on with that part
      // (a second sign of success; "Support: my partner… And there's Jess, who could look at it" is support too).
      const [first = '', ...others] = sentence.trim().split(SPACE);
      const previous = parts[parts.length - 1];
      if (previous && previous.rest !== '' && CONTINUES.has(first.toLowerCase()) && others.length >= 2) {
        parts.push({ slot: previous.slot, sentence, rest: stripFinalPunctuation(others.join(' ')) });
      }
      continue;
    }
    if (entry.data.position === 'after') {
      // The words labelled came just before ("Not taking painkillers first thing. That'd be a sign.").
      const before = sentences[index - 1];
      if (before !== undefined && !onlyDiscourse(before) && !parts.some((part) => part.sentence === before)) parts.push({ slot: entry.data.slot, sentence: before, rest: stripFinalPunctuation(before.trim()) });
      continue;
    }
    const match = entry.regex.exec(form)!;
    const rest = afterLabel(sentence, match[0]);
    if (wordCount(rest) > 0) {
      // "Signs: 1) 3 runs logged most weeks, 2) not snapping at the crew": each numbered item is one part.
      const items = numberedItems(rest);
      if (items.length > 1) for (const item of items) parts.push({ slot: entry.data.slot, sentence, rest: item, item: true });
      else parts.push({ slot: entry.data.slot, sentence, rest });
      // "Strengths: I'm good at routines. I run a crush schedule…": what follows a label for their
      // strengths, up to another label, goes on with it (it is never a step or a sign).
      if (DESCRIBING.has(entry.data.slot)) {
        while (index + 1 < sentences.length && !labels.entries.some((other) => other.regex.test(lexiconText(sentences[index + 1]!)))) {
          const next = sentences[++index]!;
          parts.push({ slot: entry.data.slot, sentence: next, rest: stripFinalPunctuation(next.trim()) });
        }
      }
    } else if (sentences.slice(index + 1).some((later) => !onlyDiscourse(later))) {
      // A label on its own ("Confidence...") heads the next sentence that says something ("Small
      // step. Right. Well. I could let him do deliveries…").
      while (onlyDiscourse(sentences[index + 1]!)) index += 1;
      const next = sentences[++index]!;
      parts.push({ slot: entry.data.slot, sentence: next, rest: stripFinalPunctuation(next.trim()) });
    } else {
      parts.push({ slot: entry.data.slot, sentence, rest: '' });
    }
  }
  return parts;
}

/** Whether a sentence is only a label said after what it labels ("That'd be a sign."). */
export function isTrailingLabel(labels: PartLabels, sentence: string): boolean {
  return matchingEntries(labels, sentence).some((entry) => entry.data.position === 'after');
}

/** The part a message answers by the label at its start (in its first two sentences), if any. */
export function labelledSlot(labels: PartLabels, text: string): PartSlot | null {
  const head = splitSentences(text).slice(0, 2).join(' ');
  return labelledParts(labels, head)[0]?.slot ?? null;
}
