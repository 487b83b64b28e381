import { createHash } from 'node:crypto';
import nlp from 'compromise';

/** One word as compromise reads it: its text, its tags and the punctuation written after it. */
export interface ParsedTerm {
  readonly text: string;
  readonly tags: readonly string[];
  readonly post?: string;
}

/**
 * compromise's reading of a text, word by word (`nlp(text).terms().json()`, the implicit words of
 * a contraction kept with empty text), remembered. A parse costs milliseconds and one turn asks for
 * the same words from several checks (the grammar gate, the frame-slot shapes, the plan check);
 * each text is parsed once for all of them. Kept by a hash of the text (not the text), the oldest
 * first to go. The terms are frozen: callers only read them.
 */
export function parsedTerms(text: string): readonly ParsedTerm[] {
  const key = createHash('sha256').update(text).digest('base64');
  const known = remembered.get(key);
  if (known) return known;
  const json = nlp(text).terms().json() as { terms: ParsedTerm[] }[];
  const terms = Object.freeze(json.map((item) => Object.freeze(item.terms[0]!)));
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, terms);
  return terms;
}

const remembered = new Map<string, readonly ParsedTerm[]>();
/** Enough for a few turns of every live session (the three callers each kept 4,096 before). */
const REMEMBERED = 8_192;
