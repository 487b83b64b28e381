import { z } from 'zod';

/**
 * Language knowledge as data. A lexicon is a list of entries, each a pattern (or a list of words)
 * with the example sentences it must and must not match; `tests/unit/lexicon.test.ts` runs every
 * entry's examples, so adding a case means adding a row and its examples, not an `if`.
 *
 * Patterns are matched against `lexiconText(text)`: lower case, straight quotes, apostrophes
 * dropped ("don't" and "dont" read the same), runs of a letter longer than two shortened
 * ("soooo" → "soo"), white space folded. Write patterns for that form.
 */

export const LexiconEntrySchema = z
  .object({
    /** Unique within the file; names the case in test failures. */
    id: z.string().min(1),
    /** A JavaScript regular expression source, matched case-insensitively against `lexiconText`. */
    pattern: z.string().min(1).optional(),
    /** Or: whole words or phrases, any of which matches (word boundaries on both sides). */
    words: z.array(z.string().min(1)).min(1).optional(),
    /** Sentences this entry must match, and sentences it must not (at least one of each). */
    match: z.array(z.string().min(1)).min(1),
    noMatch: z.array(z.string().min(1)).min(1),
  })
  .passthrough()
  .refine((entry) => Boolean(entry.pattern) !== Boolean(entry.words), { message: 'give exactly one of pattern or words' });

export const LexiconFileSchema = z.object({
  /** What the lexicon is for and who reads it. */
  description: z.string().min(1),
  entries: z.array(LexiconEntrySchema).min(1),
});
export type LexiconFile = z.infer<typeof LexiconFileSchema>;
export type LexiconEntryData = z.infer<typeof LexiconEntrySchema>;

/** One compiled entry: its data (with any extra fields the lexicon defines) and its matcher. */
export interface LexiconEntry<Extra = Record<string, unknown>> {
  id: string;
  data: LexiconEntryData & Extra;
  regex: RegExp;
}

export interface Lexicon<Extra = Record<string, unknown>> {
  name: string;
  entries: LexiconEntry<Extra>[];
}

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

/** The one form every lexicon pattern is matched against. */
export function lexiconText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/'/g, '')
    .replace(/([a-z])\1{2,}/g, '$1$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileEntry(lexiconName: string, entry: LexiconEntryData): RegExp {
  const source = entry.pattern ?? `\\b(?:${(entry.words ?? []).map((word) => escapeRegex(lexiconText(word))).join('|')})\\b`;
  try {
    return new RegExp(source, 'iu');
  } catch (error) {
    throw new LexiconError(`lexicon ${lexiconName}, entry ${entry.id}: invalid pattern (${(error as Error).message})`);
  }
}

/**
 * Validates a lexicon document and compiles its entries. `extra` validates the fields this
 * lexicon adds to each entry (a crisis entry's kind, for instance).
 */
export function compileLexicon<S extends z.ZodType>(name: string, document: unknown, extra?: S): Lexicon<z.infer<S>> {
  const parsed = LexiconFileSchema.safeParse(document);
  if (!parsed.success) throw new LexiconError(`lexicon ${name}: ${z.prettifyError(parsed.error)}`);
  const seen = new Set<string>();
  const entries = parsed.data.entries.map((entry) => {
    if (seen.has(entry.id)) throw new LexiconError(`lexicon ${name}: entry id ${entry.id} is used twice`);
    seen.add(entry.id);
    if (extra) {
      const checked = extra.safeParse(entry);
      if (!checked.success) throw new LexiconError(`lexicon ${name}, entry ${entry.id}: ${z.prettifyError(checked.error)}`);
    }
    return { id: entry.id, data: entry as LexiconEntryData & z.infer<S>, regex: compileEntry(name, entry) };
  });
  return { name, entries };
}

/** The entries of a lexicon that match a text. */
export function matchingEntries<Extra>(lexicon: Lexicon<Extra>, text: string): LexiconEntry<Extra>[] {
  const form = lexiconText(text);
  return lexicon.entries.filter((entry) => entry.regex.test(form));
}

/**
 * The entries of a lexicon by id, for code that reads each entry in its own way. Checked when
 * the lexicon is loaded: every id the code reads must be in the file.
 */
export function entriesById<Extra, Id extends string>(lexicon: Lexicon<Extra>, ids: readonly Id[]): Record<Id, LexiconEntry<Extra>> {
  const byId = new Map(lexicon.entries.map((entry) => [entry.id, entry]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new LexiconError(`lexicon ${lexicon.name}: missing entr${missing.length === 1 ? 'y' : 'ies'} ${missing.join(', ')}`);
  return Object.fromEntries(ids.map((id) => [id, byId.get(id)!])) as Record<Id, LexiconEntry<Extra>>;
}
