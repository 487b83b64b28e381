import { isLowerLetter, repairWord, type SpellingRepair } from './spelling-repair.js';
import nlp from 'compromise';
import { z } from 'zod';
import { compileLexicon, type Lexicon } from './lexicon.js';

/**
 * The normaliser for speech and chat: the first thing every client message goes through.
 *
 * It removes the noise of speech (fillers, stutters, restarts, cut-off words, transcript marks)
 * and expands chat spelling ("idk", "dont", "u", a lower-case "i"), then tidies punctuation and
 * capitalises sentences. Every piece of language knowledge is a lexicon entry in
 * `content/lexicon/clean-fillers.json`, `clean-restarts.json` and `chat-spelling.json`; this file
 * only knows how to apply an entry and keep track of where each character came from.
 *
 * An entry's `pattern` is matched, like every lexicon pattern, against `lexiconText` (lower case,
 * apostrophes dropped, white space folded). The part of the match in the named group `cut` (or the
 * whole match) is replaced by `replace` (default: removed). The cleaner keeps, for every character
 * of the cleaned text, the span of the original it came from, so a caller can quote the client's
 * own words for a cleaned phrase: `originalSpan(result, start, end)`.
 *
 * Pure: no file, no clock, no environment. The lexicons are loaded once
 * (`server/content/load-clean.ts`) and passed in.
 */

/**
 * The order entries run in, within one round; rounds repeat until the text no longer changes.
 * 'hedges' ("kind of", "I guess", "basically") run only when asked (`CleanOptions.hedges`): they
 * are not noise to the reader (a "yeah, I guess" is not a clear yes), only to the echo, which
 * never gives them back ("you guess", "it's kind of nice").
 */
export const CLEAN_STAGES = ['marks', 'fillers', 'hedges', 'restarts', 'spelling', 'tidy'] as const;
export type CleanStage = (typeof CLEAN_STAGES)[number];

export const CleanEntryExtraSchema = z.object({
  /** The text that replaces the match (or its `cut` group), "$&" standing for the words matched; empty or absent: removed. */
  replace: z.string().optional(),
  /** When the entry runs; absent: the file's own stage. */
  stage: z.enum(CLEAN_STAGES).optional(),
  /**
   * Words the entry also replaces when an apostrophe and letters follow them in the text as typed
   * ("i'm", "i'll"), which `lexiconText` reads as one word ("im", "ill").
   */
  clitics: z.array(z.string().min(1)).optional(),
  /** A `words` entry marking abbreviations: a full stop after one does not end a sentence. */
  abbreviations: z.boolean().optional(),
  /** A restart: the removed words are the speaker's abandoned start, not noise to be kept. */
  reparandum: z.boolean().optional(),
  /** Input → cleaned output, run through `cleanText` by `tests/unit/clean.test.ts`. */
  examples: z.array(z.tuple([z.string(), z.string()])).optional(),
});
export type CleanEntryExtra = z.infer<typeof CleanEntryExtraSchema>;

export interface CleanLexicons {
  fillers: Lexicon<CleanEntryExtra>;
  restarts: Lexicon<CleanEntryExtra>;
  spelling: Lexicon<CleanEntryExtra>;
  /** Typos no list can know ("statment", "thinkin"), repaired against a vocabulary; absent: none repaired. */
  repair?: SpellingRepair;
}

/** The stage of each file's entries unless an entry says otherwise. */
const FILE_STAGE: Record<'fillers' | 'restarts' | 'spelling', CleanStage> = { fillers: 'fillers', restarts: 'restarts', spelling: 'spelling' };

/** Validates and compiles the three documents (as read from content/lexicon). */
export function compileCleanLexicons(documents: Record<'fillers' | 'restarts' | 'spelling', unknown>, repair?: SpellingRepair): CleanLexicons {
  return {
    fillers: compileLexicon('clean-fillers', documents.fillers, CleanEntryExtraSchema),
    restarts: compileLexicon('clean-restarts', documents.restarts, CleanEntryExtraSchema),
    spelling: compileLexicon('chat-spelling', documents.spelling, CleanEntryExtraSchema),
    ...(repair ? { repair } : {}),
  };
}

/** One change, in the coordinates of the original text. */
export interface CleanEdit {
  /** "file:entry id" of the rule, or "space" / "capital" for the two rules of orthography. */
  rule: string;
  start: number;
  end: number;
  /** The original text of the span, and what now stands for it. */
  removed: string;
  replacement: string;
  /** True when the rule drops an abandoned start (a restart), whose words are not kept. */
  reparandum: boolean;
}

export interface CleanResult {
  text: string;
  changed: boolean;
  original: string;
  edits: CleanEdit[];
  /** For each character of `text`, the span [start, end) of `original` it stands for. */
  starts: number[];
  ends: number[];
}

// ---------------------------------------------------------------------------------------------
// Text with a map back to the original.

interface Mapped {
  text: string;
  starts: number[];
  ends: number[];
}

/**
 * Replaces [from, to) of the current text. Characters shared at both ends with the replacement
 * keep their exact origin; the others stand for the whole original span they replace.
 */
function replaceRange(current: Mapped, from: number, to: number, replacement: string): Mapped {
  const old = current.text.slice(from, to);
  let prefix = 0;
  while (prefix < old.length && prefix < replacement.length && old[prefix] === replacement[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < replacement.length - prefix && old[old.length - 1 - suffix] === replacement[replacement.length - 1 - suffix]) suffix++;
  const s = from + prefix;
  const e = to - suffix;
  const middle = replacement.slice(prefix, replacement.length - suffix);
  let spanStart: number;
  let spanEnd: number;
  if (e > s) {
    spanStart = current.starts[s]!;
    spanEnd = current.ends[e - 1]!;
  } else if (s < current.text.length) {
    spanStart = spanEnd = current.starts[s]!;
  } else {
    spanStart = spanEnd = current.ends[s - 1] ?? 0;
  }
  return {
    text: current.text.slice(0, s) + middle + current.text.slice(e),
    starts: current.starts.slice(0, s).concat(Array<number>(middle.length).fill(spanStart), current.starts.slice(e)),
    ends: current.ends.slice(0, s).concat(Array<number>(middle.length).fill(spanEnd), current.ends.slice(e)),
  };
}

/**
 * `lexiconText` with, for each of its characters, the span of the text it was read from.
 * Dropped apostrophes and shortened letter runs are counted in a neighbour's span, so a match
 * covering "dont" covers "don't", and one covering "umm" covers "ummmm". Exported for the tests,
 * which check that it reads a text exactly as `lexiconText` does.
 */
export function foldForMatching(text: string): { text: string; from: number[]; to: number[] } {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let pendingStart: number | null = null; // a dropped apostrophe at a word start joins the next character
  const add = (folded: string, start: number, end: number) => {
    for (const char of folded) {
      if (char === "'") {
        const previous = chars[chars.length - 1];
        if (previous !== undefined && WORD_CHAR.test(previous)) to[to.length - 1] = end;
        else pendingStart ??= start;
        continue;
      }
      if (SPACE.test(char)) {
        if (chars.length === 0) continue;
        if (chars[chars.length - 1] === ' ') {
          to[to.length - 1] = end;
          continue;
        }
        chars.push(' ');
        from.push(pendingStart ?? start);
        to.push(end);
        pendingStart = null;
        continue;
      }
      const n = chars.length;
      if (char >= 'a' && char <= 'z' && chars[n - 1] === char && chars[n - 2] === char) {
        to[n - 1] = end;
        continue;
      }
      chars.push(char);
      from.push(pendingStart ?? start);
      to.push(end);
      pendingStart = null;
    }
  };
  if (ASCII.test(text)) {
    for (let i = 0; i < text.length; i++) add(text[i]!.toLowerCase().replace('`', "'"), i, i + 1);
  } else {
    let position = 0;
    for (const segment of text.match(SEGMENT) ?? []) {
      const start = position;
      position += segment.length;
      add(segment.normalize('NFKC').toLowerCase().replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"'), start, position);
    }
  }
  if (chars[chars.length - 1] === ' ') {
    chars.pop();
    from.pop();
    to.pop();
  }
  return { text: chars.join(''), from, to };
}

const ASCII = /^[\x00-\x7f]*$/;
/** A character and its combining marks (normalised together, as `lexiconText` does). */
const SEGMENT = /\P{M}\p{M}*|\p{M}+/gsu;
const SINGLE_QUOTES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const DOUBLE_QUOTES = /[\u201c\u201d]/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

// ---------------------------------------------------------------------------------------------
// Applying entries.

interface CompiledRule {
  rule: string;
  stage: CleanStage;
  global: RegExp;
  /** Matched against the text itself (case-insensitive), for words followed by a clitic. */
  clitic: RegExp | null;
  replace: string;
  reparandum: boolean;
}

function withCase(source: string, replacement: string): string {
  const first = source.match(/\p{L}/u)?.[0];
  if (first && first !== first.toLowerCase() && replacement.length > 0) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

const compiledCache = new WeakMap<CleanLexicons, { rules: CompiledRule[]; abbreviation: RegExp | null }>();

function compile(lexicons: CleanLexicons) {
  const cached = compiledCache.get(lexicons);
  if (cached) return cached;
  const rules: CompiledRule[] = [];
  const abbreviations: string[] = [];
  for (const file of Object.keys(FILE_STAGE) as (keyof typeof FILE_STAGE)[]) {
    for (const entry of lexicons[file].entries) {
      if (entry.data.abbreviations) {
        abbreviations.push(entry.regex.source);
        continue;
      }
      const clitics = entry.data.clitics;
      rules.push({
        rule: `${lexicons[file].name}:${entry.id}`,
        stage: entry.data.stage ?? FILE_STAGE[file],
        global: new RegExp(entry.regex.source, 'giud'),
        clitic:
          clitics && clitics.length > 0
            ? new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${clitics.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=['’]\\p{L})`, 'giu')
            : null,
        replace: entry.data.replace ?? '',
        reparandum: entry.data.reparandum ?? false,
      });
    }
  }
  rules.sort((a, b) => CLEAN_STAGES.indexOf(a.stage) - CLEAN_STAGES.indexOf(b.stage));
  const abbreviation = abbreviations.length > 0 ? new RegExp(`(?:${abbreviations.join('|')})$`, 'iu') : null;
  const result = { rules, abbreviation };
  compiledCache.set(lexicons, result);
  return result;
}

interface State {
  mapped: Mapped;
  edits: CleanEdit[];
  original: string;
}

/** Applies replacements given in current-text coordinates (non-overlapping, any order). */
function apply(state: State, rule: string, reparandum: boolean, ranges: { from: number; to: number; replacement: string }[]): void {
  const sorted = [...ranges].sort((a, b) => b.from - a.from);
  let lastFrom = Infinity;
  for (const { from, to, replacement } of sorted) {
    if (to > lastFrom) continue; // overlapping: the later one wins, the other waits for the next round
    const current = state.mapped.text.slice(from, to);
    if (current === replacement) continue;
    lastFrom = from;
    const start = from < state.mapped.text.length && to > from ? state.mapped.starts[from]! : (state.mapped.ends[from - 1] ?? state.mapped.starts[from] ?? 0);
    const end = to > from ? state.mapped.ends[to - 1]! : start;
    state.edits.push({ rule, start, end, removed: state.original.slice(start, end), replacement, reparandum });
    state.mapped = replaceRange(state.mapped, from, to, replacement);
  }
}

let lastFold: { source: string; folded: ReturnType<typeof foldForMatching> } | null = null;
function foldOnce(text: string): ReturnType<typeof foldForMatching> {
  if (lastFold?.source !== text) lastFold = { source: text, folded: foldForMatching(text) };
  return lastFold.folded;
}

function runRule(state: State, rule: CompiledRule): void {
  const folded = foldOnce(state.mapped.text);
  const ranges: { from: number; to: number; replacement: string }[] = [];
  rule.global.lastIndex = 0;
  for (let match = rule.global.exec(folded.text); match; match = rule.global.exec(folded.text)) {
    if (match[0].length === 0) rule.global.lastIndex++;
    const [start, end] = match.indices?.groups?.cut ?? match.indices![0]!;
    if (end <= start) continue;
    const from = folded.from[start]!;
    // The folded form drops apostrophes: "June'" closing a quote ("just 'by end of June'") reads as
    // "june", and the quote mark must not go with the word.
    const to = closesQuote(state.mapped.text, from, folded.to[end - 1]!) ? folded.to[end - 1]! - 1 : folded.to[end - 1]!;
    const original = state.mapped.text.slice(from, to);
    // "$&" in a replacement stands for the words matched, in lower case: "lost a rewire" -> "I lost a rewire".
    const replacement = rule.replace.includes('$&') ? rule.replace.replace('$&', original.charAt(0).toLowerCase() + original.slice(1)) : rule.replace;
    ranges.push({ from, to, replacement: withCase(original, replacement) });
  }
  if (rule.clitic) {
    rule.clitic.lastIndex = 0;
    for (let match = rule.clitic.exec(state.mapped.text); match; match = rule.clitic.exec(state.mapped.text)) {
      ranges.push({ from: match.index, to: match.index + match[0].length, replacement: rule.replace });
    }
  }
  apply(state, rule.rule, rule.reparandum, ranges);
}

/** Whether the words up to `to` end with a mark that closes a quote opened before `from` ("say 'by end of June'"). */
function closesQuote(text: string, from: number, to: number): boolean {
  const last = text[to - 1];
  if (to - 1 <= from || (last !== "'" && last !== '’')) return false;
  const before = text.slice(0, from);
  const opened = Math.max(before.lastIndexOf(" '"), before.lastIndexOf(' ‘'), before.startsWith("'") || before.startsWith('‘') ? 0 : -1);
  if (opened < 0) return false;
  // Closed again before the words ("'A' and B'"): the mark after them is no closing quote.
  const between = before.slice(opened + 2);
  return !between.includes("' ") && !between.includes('’ ') && !between.endsWith("'") && !between.endsWith('’');
}

/** Characters that join a word to the next: a lower-case run next to one is part of "it's", "co-op" or "b4", not a word of its own. */
const JOINS_WORD = (character: string | undefined): boolean => character !== undefined && (character === "'" || character === '’' || character === '-' || /* letters and digits of any script */ character.toLowerCase() !== character.toUpperCase() || (character >= '0' && character <= '9'));

function repairSpelling(state: State, repair: SpellingRepair): void {
  const text = state.mapped.text;
  const ranges: { from: number; to: number; replacement: string }[] = [];
  let start = 0;
  while (start < text.length) {
    if (!isLowerLetter(text[start]!)) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < text.length && isLowerLetter(text[end]!)) end += 1;
    // A lower-case word on its own: not joined to a capital, a digit, an apostrophe or a hyphen.
    if (!JOINS_WORD(text[start - 1]) && !JOINS_WORD(text[end])) {
      const repaired = repairWord(repair, text.slice(start, end));
      if (repaired) ranges.push({ from: start, to: end, replacement: repaired });
    }
    start = end;
  }
  apply(state, 'spelling-repair', false, ranges);
}

/** White space: runs folded to one space (a line break kept), none at either end. */
function tidySpace(state: State): void {
  const ranges: { from: number; to: number; replacement: string }[] = [];
  const text = state.mapped.text;
  for (const match of text.matchAll(/\s+/g)) {
    const atEdge = match.index === 0 || match.index + match[0].length === text.length;
    ranges.push({ from: match.index, to: match.index + match[0].length, replacement: atEdge ? '' : match[0].includes('\n') ? '\n' : ' ' });
  }
  apply(state, 'space', false, ranges);
}

/**
 * A capital at the start of the text, of each line and of each sentence (after . ! or ? and a
 * space), except after an ellipsis or an abbreviation of the spelling lexicon.
 */
function capitalise(state: State, abbreviation: RegExp | null): void {
  const ranges: { from: number; to: number; replacement: string }[] = [];
  const text = state.mapped.text;
  for (const match of text.matchAll(/(?:^|(?<=\n)|(?<=[.!?]["')\]]?\s+))["'(\[]?(\p{Ll})/gu)) {
    const at = match.index + match[0].length - 1;
    const before = text.slice(0, match.index).trimEnd();
    if (/(?:\.\.|…)["')\]]?$/.test(before)) continue;
    if (abbreviation && before.endsWith('.') && abbreviation.test(foldForMatching(before.slice(0, -1)).text)) continue;
    ranges.push({ from: at, to: at + 1, replacement: match[1]!.toUpperCase() });
  }
  apply(state, 'capital', false, ranges);
}

/**
 * Names typed in lower case ("i told lorraine", "kyle could do it") get their capital, so nothing
 * echoes them as chat. The words are read in context by compromise's people finder ("I will mark
 * the papers" has no name in it); remembered per text, since a turn cleans the same words more than once.
 */
function capitaliseNames(state: State): void {
  const text = state.mapped.text;
  let starts = namesSeen.get(text);
  if (!starts) {
    const doc = nlp(text);
    const people = doc.people().json({ offset: true }) as { terms: { text: string; offset: { start: number } }[] }[];
    // A word after a determiner or a describing word ("the half-hour mark", "a sue-happy client") is a noun, not a name.
    const terms = doc.terms().json({ offset: true }) as { terms: { tags: string[]; offset: { start: number } }[] }[];
    const before = new Map(terms.map((term, index) => [term.terms[0]!.offset.start, terms[index - 1]?.terms[0]?.tags ?? []]));
    const described = (start: number) => (before.get(start) ?? []).some((tag) => tag === 'Determiner' || tag === 'Adjective' || tag === 'Value' || tag === 'Duration');
    // A name ends at a function word: the finder reads "show Mel the new prices" as one name, "Mel the New".
    const upToFunctionWord = (terms: { text: string; offset: { start: number } }[]) => {
      const end = terms.findIndex((term) => NOT_IN_A_NAME.has(term.text.toLowerCase()));
      return end === -1 ? terms : terms.slice(0, end);
    };
    // A writer who capitalised the name's first word ("Marcus opinion") capitalises names: the lower-case word after it is no part of it.
    const typedLower = (terms: { text: string }[]) => terms[0] !== undefined && lowerCaseLetter(terms[0].text[0]);
    starts = people.filter((match) => typedLower(match.terms)).flatMap((match) => upToFunctionWord(match.terms)).filter((term) => lowerCaseLetter(term.text[0]) && !described(term.offset.start)).map((term) => term.offset.start);
    if (namesSeen.size >= 512) namesSeen.delete(namesSeen.keys().next().value!);
    namesSeen.set(text, starts);
  }
  const ranges = starts.filter((at) => lowerCaseLetter(text[at])).map((at) => ({ from: at, to: at + 1, replacement: text[at]!.toUpperCase() }));
  if (ranges.length > 0) apply(state, 'capital', false, ranges);
}
const namesSeen = new Map<string, number[]>();
/** Words no name of a person goes on through. */
const NOT_IN_A_NAME: ReadonlySet<string> = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'to', 'in', 'on', 'at', 'for', 'with', 'my', 'your', 'his', 'her', 'our', 'their', 'is', 'was']);

function lowerCaseLetter(character: string | undefined): boolean {
  return character !== undefined && character !== character.toUpperCase() && character === character.toLowerCase();
}

/** At most this many rounds; one more never changes the text (the tests check it). */
const MAX_ROUNDS = 20;

/**
 * Cleans one client message. `changed` says whether the text differs from what was typed;
 * `edits` lists every change in the original's coordinates. A message of nothing but noise
 * ("Um.", "[laughs]") cleans to the empty string.
 */
export interface CleanOptions {
  /** Also remove the hedges (entries of the stage 'hedges'): for words about to be echoed, not for reading. */
  hedges?: boolean;
  /**
   * Capitalise names found by compromise's people finder (default true). A caller that ignores
   * capital edits (the plan check asking whether a coach sentence holds noise) leaves it off: the
   * finder is a full parse, about a quarter of a turn's CPU when run on every candidate sentence.
   */
  names?: boolean;
}

/**
 * Cleanings already made, per lexicons and options, by text (the oldest go first). A turn cleans
 * the same words more than once (the message's parts when they are read, the hedges of a part
 * before it is echoed, the plan check's sentences, the reflections' hedges): about a third of the
 * cleanings in a turn are of a text cleaned before. Cleaning is a pure function of the text, the
 * lexicons and the options, and callers only read the result, so the same result object is given back.
 */
const cleanedBefore = new WeakMap<CleanLexicons, Map<string, CleanResult>>();
/**
 * A result holds two arrays of the text's length: 512 texts of at most 1,000 characters keep the
 * memory to a few MB even at the longest; longer texts (a message may have 4,000) are not kept.
 */
const REMEMBERED_CLEANINGS = 512;
const LONGEST_REMEMBERED = 1_000;

export function cleanText(text: string, lexicons: CleanLexicons, options: CleanOptions = {}): CleanResult {
  let remembered = cleanedBefore.get(lexicons);
  if (!remembered) cleanedBefore.set(lexicons, (remembered = new Map()));
  const key = `${options.hedges === true ? 'h' : '-'}${options.names === false ? '-' : 'n'}${text}`;
  const known = remembered.get(key);
  if (known) return known;
  const result = cleanFresh(text, lexicons, options);
  if (text.length > LONGEST_REMEMBERED) return result;
  if (remembered.size >= REMEMBERED_CLEANINGS) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, result);
  return result;
}

function cleanFresh(text: string, lexicons: CleanLexicons, options: CleanOptions): CleanResult {
  const { rules, abbreviation } = compile(lexicons);
  const state: State = {
    mapped: { text, starts: Array.from({ length: text.length }, (_, i) => i), ends: Array.from({ length: text.length }, (_, i) => i + 1) },
    edits: [],
    original: text,
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = state.mapped.text;
    for (const rule of rules) if (rule.stage !== 'hedges' || options.hedges === true) runRule(state, rule);
    // Once the lists have spoken ("dont" is theirs), the typos left are repaired; the next round reads the repaired words.
    if (round === 0 && lexicons.repair) repairSpelling(state, lexicons.repair);
    tidySpace(state);
    capitalise(state, abbreviation);
    if (state.mapped.text === before) break;
  }
  if (options.names !== false) capitaliseNames(state);
  return {
    text: state.mapped.text,
    changed: state.mapped.text !== text,
    original: text,
    edits: state.edits,
    starts: state.mapped.starts,
    ends: state.mapped.ends,
  };
}

/**
 * The client's own words for the cleaned text [start, end): the original span from the origin of
 * its first character to that of its last, with whatever noise was removed in between.
 */
export function originalSpan(result: CleanResult, start: number, end: number): { start: number; end: number; text: string } {
  const s = Math.max(0, Math.min(start, result.text.length));
  const e = Math.max(s, Math.min(end, result.text.length));
  if (e === s) {
    const at = s < result.starts.length ? result.starts[s]! : result.original.length;
    return { start: at, end: at, text: '' };
  }
  const from = result.starts[s]!;
  const to = result.ends[e - 1]!;
  return { start: from, end: to, text: result.original.slice(from, to) };
}

/** The original words behind a phrase of the cleaned text (first occurrence), or null. */
export function originalOf(result: CleanResult, phrase: string): string | null {
  const at = result.text.indexOf(phrase);
  if (at < 0 || phrase.length === 0) return null;
  return originalSpan(result, at, at + phrase.length).text;
}
