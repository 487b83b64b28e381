import nlp from 'compromise';
import { chatForm } from './chat-spelling.js';

/**
 * A text as word units (the text between words kept verbatim), each tagged with its part of
 * speech, for the person swap in `person-swap.ts`.
 */

export interface Unit {
  pre: string;
  text: string;
  post: string;
  lower: string;
  tags: Set<string>;
  /** Chat spelling put right ("dont" → "don't", "u" → "you"), used when the word is not swapped. */
  fixed?: string;
}

interface TermJson {
  text: string;
  tags: string[];
}

const TOKEN = /([A-Za-z]+(?:['\u2019\u02bc][A-Za-z]+)*)|([^A-Za-z]+)/g;

/** Words a "you" before them makes a subject of: auxiliaries, modals and common verbs. */
const VERB_AFTER_YOU = new Set(
  "are were was am can could will would should shall might may must do does did have has had don't didn't can't won't wouldn't couldn't shouldn't haven't hasn't aren't weren't need want know think said say says told tell get got see make keep feel felt seem seemed asked ask mean meant like liked made help helped understand understood wanted needed gave give took take look looked sound sounded".split(' '),
);
const NOT_VERB_AFTER_YOU = new Set('and or but to for with at in on about from the a an that this it so too all guys both know-how'.split(' '));

/**
 * Splits `text` into word units with the text between them (kept verbatim), tagging each word
 * with compromise only when a "you" needs telling apart (subject or object) and the next word is
 * not one our short lists already know; everything else is pure string work, which keeps a turn
 * well under a millisecond here.
 */
export function toUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let pending = '';
  for (const match of text.matchAll(TOKEN)) {
    if (match[2] !== undefined) {
      const last = units[units.length - 1];
      if (last) last.post += match[2];
      else pending += match[2];
      continue;
    }
    const word = match[1]!;
    units.push({ pre: pending, text: word, post: '', lower: word.toLowerCase().replace(/[\u2019\u02bc]/g, "'"), tags: new Set() });
    pending = '';
  }
  if (pending && units.length === 0) units.push({ pre: '', text: '', post: pending, lower: '', tags: new Set() });
  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!;
    const form = chatForm(unit.lower, units[index + 1]?.lower);
    if (form === null) continue;
    unit.lower = form;
    unit.fixed = form === "i'd" ? "I'd" : form;
  }
  const needsTags = units.some((unit, index) => unit.lower === 'you' && units[index + 1] && !VERB_AFTER_YOU.has(units[index + 1]!.lower) && !NOT_VERB_AFTER_YOU.has(units[index + 1]!.lower));
  if (needsTags) tagWithCompromise(text, units);
  for (const unit of units) {
    if (VERB_AFTER_YOU.has(unit.lower)) unit.tags.add('Verb');
    if (/^(?:can|could|will|would|should|shall|might|may|must)$/.test(unit.lower)) unit.tags.add('Modal');
    if (/^(?:am|are|is|was|were|do|does|did|have|has|had)$/.test(unit.lower)) unit.tags.add('Auxiliary');
  }
  return units;
}

/** Copies compromise's part-of-speech tags onto our units, word by word, in order. */
function tagWithCompromise(text: string, units: Unit[]): void {
  const sentences = nlp(text).json({ terms: { text: true, tags: true } }) as { terms: TermJson[] }[];
  let cursor = 0;
  for (const sentence of sentences) {
    for (const term of sentence.terms) {
      if (term.text === '') continue;
      const lower = term.text.toLowerCase().replace(/[\u2019\u02bc]/g, "'").replace(/[^a-z']/g, '');
      for (let index = cursor; index < Math.min(units.length, cursor + 4); index++) {
        if (units[index]!.lower === lower) {
          for (const tag of term.tags) units[index]!.tags.add(tag);
          cursor = index + 1;
          break;
        }
      }
    }
  }
}
