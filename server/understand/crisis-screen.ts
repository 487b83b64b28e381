import { createHash } from 'node:crypto';
import { z } from 'zod';
import { lexiconText, type Lexicon } from './lexicon.js';
import { crisisProbabilities, type CrisisModel } from './crisis-model.js';
import type { WordVectors } from './word-vectors.js';
import { LiteralIndex } from './regex-literals.js';
import { collapseSpaces } from './spaces.js';

/**
 * Screens a person's own words for crisis, before anything else reads them. Two sources decide
 * together: the patterns of content/lexicon/crisis.json (each with its examples) and the crisis
 * model, which adds recall on wordings no pattern foresaw. Either one can raise the alarm; the
 * patterns of crisis-safe.json first remove denials ("I'm not suicidal") and other people's
 * deaths, and in a rehearsal the coach's risk questions to the simulated client.
 */

export type HelpKind = 'suicide' | 'medical' | 'danger';
export type CrisisTier = 'crisis' | 'check';

export const CrisisEntryExtra = z.object({
  tier: z.enum(['crisis', 'check']),
  help: z.enum(['suicide', 'medical', 'danger']).optional(),
  /** False for entries whose words already hold their negation ('I don't want to live'). */
  negatable: z.boolean().optional(),
  /** True for idiom-prone entries: with a joke marker they ask the check question instead. */
  jokeable: z.boolean().optional(),
});
export const SafeEntryExtra = z.object({ context: z.enum(['all', 'rehearse', 'negation', 'joke', 'filler']) });
export const SpellingEntryExtra = z.object({
  /** The written form (a JavaScript replacement string: `$&` is the matched word). */
  replace: z.string(),
  /** Key words of crisis, corrected when typed one letter off (see crisis-spelling.json). */
  fuzzy: z.boolean().optional(),
});
export type SpellingLexicon = Lexicon<z.infer<typeof SpellingEntryExtra>>;
export const ClauseEntryExtra = z.object({ use: z.enum(['screen-clause', 'negation-clause', 'quote-break', 'leading-subordinator']) });
export type ClauseLexicon = Lexicon<z.infer<typeof ClauseEntryExtra>>;

/** The pattern of a clause-break lexicon's entry for one use (every use must be there). */
export function clauseBreak(lexicon: ClauseLexicon, use: z.infer<typeof ClauseEntryExtra>['use']): RegExp {
  const entry = lexicon.entries.find((candidate) => candidate.data.use === use);
  if (!entry) throw new Error(`clause-breaks lexicon has no entry for ${use}`);
  return entry.regex;
}

export interface CrisisScreenParts {
  crisis: Lexicon<z.infer<typeof CrisisEntryExtra>>;
  safe: Lexicon<z.infer<typeof SafeEntryExtra>>;
  clauses: ClauseLexicon;
  model: CrisisModel | null;
  /** The word vectors the model reads when it was trained with them (its `vectorScale`); absent: none. */
  vectors?: WordVectors | null;
  /** Chat spelling and typos of crisis words, rewritten before screening; absent: none. */
  spelling?: SpellingLexicon;
  /** Words that are never typo-corrected (default: the words the model knows). */
  knownWords?: ReadonlySet<string>;
  /** Probability thresholds of the model, chosen on the development corpus (training/safety). */
  thresholds: CrisisThresholds;
  /** Run the model even with both thresholds off, so that `scoreOnly` answers (training and evaluation). */
  alwaysScore?: boolean;
}

export interface CrisisThresholds {
  /** P(suicide or medical or danger) of the whole message at or above which the model alone raises the alarm. */
  crisis: number;
  /** P(any crisis label or check) of the whole message at or above which the model alone asks the check question. */
  check: number;
  /**
   * The same bars for one clause of a longer message scored on its own (absent: crisis and check).
   * A clause is a few words cut from their context: a bar of its own, chosen by cross-validation,
   * keeps ordinary talk ("my husband said to me last week...") from pausing a coaching session.
   */
  clauseCrisis?: number;
  clauseCheck?: number;
  /**
   * A suicide pattern's alarm on a message the model reads as plainly safe (its danger, whole and
   * every clause, below this bar) gets the check question instead of the alarm, never silence (and
   * never for an entry marked negatable: false, whose words hold their own negation): a
   * crisis word used about a film, a job or someone else ("the suicide squeeze", "a client who
   * self-harms"). Chosen by cross-validation by writer; absent or 0: every pattern alarm stands.
   */
  patternVeto?: number;
  /**
   * The model's alarm on a long message that no clause carries (at least `words` words, the whole
   * below `whole`, every clause below `clause`) asks the check question instead: the concern is
   * spread over a ramble about work, and a direct question costs a person in crisis one answer
   * while an alarm costs an ordinary client the rest of the session (docs/safety.md, seventh
   * session). Absent: every model alarm stands.
   */
  diffuse?: { words: number; whole: number; clause: number };
}

export interface CrisisReading {
  tier: CrisisTier | null;
  help: HelpKind | null;
  /** What raised it: a lexicon entry id, or 'model'. */
  source: string | null;
}

export interface ScreenOptions {
  /** 'rehearse' when the person is the coach of a simulated client: their questions to it are not theirs. */
  context: 'client' | 'rehearse';
}

export interface PieceScores {
  /** P(suicide or medical or danger). */
  danger: number;
  /** P(a crisis or the check). */
  concern: number;
  help: HelpKind;
}

/** The model's scores of the whole screened message, and the highest of its clauses scored on their own. */
export interface ModelScores extends PieceScores {
  clauses: PieceScores;
}

const NONE: CrisisReading = Object.freeze({ tier: null, help: null, source: null });
/**
 * A span in quotation marks: double or curly quotes, or straight single quotes that open after a
 * space or colon and close before a non-letter (so "I'm" and "it'd" open or close nothing).
 */
const QUOTED = /(?<=^|[\s:(\[])(?:"[^"\n]{2,300}"|\u201c[^\u201d\n]{2,300}\u201d|\u2018[^\u2019\n]{2,300}\u2019|'(?=[A-Za-z])[^\n]{2,300}?'(?![A-Za-z]))/g;
/** How many readings a screen remembers (the oldest go first): a few turns of every live session. */
const REMEMBERED_READINGS = 4_096;

export function createCrisisScreen(parts: CrisisScreenParts) {
  // Global copies are made once here, not on every message: the screen runs on every turn.
  const everywhere = (regex: RegExp) => new RegExp(regex.source, 'giu');
  const removals = (context: ScreenOptions['context']) =>
    parts.safe.entries.filter((entry) => entry.data.context === 'all' || (entry.data.context === 'rehearse' && context === 'rehearse')).map((entry) => ({ whole: entry.data.context === 'rehearse', regex: entry.data.context === 'rehearse' ? entry.regex : everywhere(entry.regex) }));
  const removalsFor = { client: removals('client'), rehearse: removals('rehearse') };
  // The same prefilter as the crisis patterns' (below) for the safe phrases, tried on every sentence.
  const removalIndex = { client: new LiteralIndex(removalsFor.client.map((removal) => removal.regex)), rehearse: new LiteralIndex(removalsFor.rehearse.map((removal) => removal.regex)) };
  const negators = parts.safe.entries.filter((entry) => entry.data.context === 'negation');
  const jokeEntries = parts.safe.entries.filter((entry) => entry.data.context === 'joke');
  const fillers = parts.safe.entries.filter((entry) => entry.data.context === 'filler').map((entry) => everywhere(entry.regex));
  const fillerIndex = new LiteralIndex(fillers);
  const crisisEverywhere = new Map(parts.crisis.entries.map((entry) => [entry.id, everywhere(entry.regex)]));
  // Each pattern's required words (regex-literals.ts), checked before the pattern runs: a text
  // holding none of them cannot match, and most texts hold none of most patterns'. The same hits.
  const crisisIndex = new LiteralIndex(parts.crisis.entries.map((entry) => entry.regex));
  const screenClause = clauseBreak(parts.clauses, 'screen-clause');
  const spellings = (parts.spelling?.entries ?? []).filter((entry) => !entry.data.fuzzy).map((entry) => ({ regex: everywhere(entry.regex), replace: entry.data.replace }));
  // Typo correction needs the words it must leave alone: without a model or a word list it is off.
  const keyWords = parts.model || parts.knownWords ? (parts.spelling?.entries ?? []).filter((entry) => entry.data.fuzzy).flatMap((entry) => entry.data.words ?? []) : [];
  const known = parts.knownWords ?? new Set(Object.keys(parts.model?.weights ?? {}).filter((name) => name.startsWith('w:')).map((name) => name.slice(2)));

  /**
   * The key word a typed word is one letter away from (missing, added, changed or swapped), if any.
   * A word the model knows, a word of the word vectors' vocabulary (the 40,000 most frequent plain
   * English words: "prison" is not a typo of "poison", nor "tables" of "tablets") and a key word's
   * plural ("overdoses") are real words, never corrected.
   */
  function keyWordFor(word: string): string | null {
    if (word.length < 5 || known.has(word) || parts.vectors?.index.has(word)) return null;
    if (keyWords.some((key) => word === `${key}s`)) return null;
    for (const key of keyWords) if (key !== word && oneEditApart(word, key)) return key;
    return null;
  }

  /** Chat spelling and typos of crisis words in the written form (after lexiconText). */
  function normalise(form: string): string {
    let text = form;
    for (const spelling of spellings) text = text.replace(spelling.regex, spelling.replace);
    return keyWords.length === 0 ? text : text.replace(/[a-z]{5,}/g, (word) => keyWordFor(word) ?? word);
  }
  const negationClause = clauseBreak(parts.clauses, 'negation-clause');

  const clauses = (text: string) => screenClauses(text, screenClause);

  /** Whether an entry matches somewhere not cancelled by a negator just before it in the same clause. */
  function unnegatedMatch(entry: CrisisScreenParts['crisis']['entries'][number], form: string): boolean {
    // exec on the global copy, not matchAll: matchAll clones the regex on every call, and with
    // every entry tried on every message, reply sentence and clause, the clones cost about a
    // quarter of the screen. The same matches in the same order; lastIndex starts at 0 each time.
    const regex = crisisEverywhere.get(entry.id)!;
    regex.lastIndex = 0;
    for (let match = regex.exec(form); match !== null; match = regex.exec(form)) {
      if (entry.data.negatable === false) return true;
      const clause = form.slice(0, match.index).split(negationClause).pop() ?? '';
      if (!negators.some((negator) => negator.regex.test(clause))) return true;
      if (match[0].length === 0) break;
    }
    return false;
  }

  /** The sentences of a message with their safe phrases removed (a rehearsal's question to the client goes whole). */
  function keptSentences(text: string, options: ScreenOptions): string[] {
    // In a rehearsal, words in quotation marks are practice lines (the simulated client's or the
    // coach's to it), not the person's own: they are left out before anything else.
    const own = options.context === 'rehearse' ? text.replace(QUOTED, ' ') : text;
    const sentences = own.split(/(?<=[.!?:\n])\s+/).filter((sentence) => sentence.trim().length > 0);
    // Each sentence loses its safe phrases (or, for a rehearsal's question to the client, goes whole).
    return sentences
      .map((sentence) => {
        let form = normalise(lexiconText(sentence));
        // A phrase the index rules out is not tried (its replace would leave the form as it is);
        // the index is asked again whenever the form changes.
        let fillerMay = fillerIndex.mayMatch(form);
        fillers.forEach((filler, index) => {
          const next = collapseSpaces(fillerMay[index] ? form.replace(filler, ' ') : form);
          if (next !== form) fillerMay = fillerIndex.mayMatch((form = next));
        });
        let removalMay = removalIndex[options.context].mayMatch(form);
        for (const [index, removal] of removalsFor[options.context].entries()) {
          if (!removalMay[index]) continue;
          if (removal.whole) {
            if (removal.regex.test(form)) return '';
          } else {
            const next = form.replace(removal.regex, ' ');
            if (next !== form) removalMay = removalIndex[options.context].mayMatch((form = next));
          }
        }
        return form.trim();
      })
      .filter((form) => form.length > 0);
  }

  /** The model's probability of a crisis (suicide, medical or danger, with the likeliest kind) and of any concern (a crisis or the check) for one piece. */
  function pieceScores(piece: string): PieceScores {
    const p = crisisProbabilities(parts.model!, piece, parts.vectors ?? null);
    const danger = p.suicide + p.medical + p.danger;
    const help: HelpKind = p.medical >= p.suicide && p.medical >= p.danger ? 'medical' : p.danger >= p.suicide ? 'danger' : 'suicide';
    return { danger, concern: danger + p.check, help };
  }

  /**
   * The model's scores of the whole screened message and the highest over its clauses (each scored
   * on its own, so that one clause in a long message counts in full). Null when no model is
   * configured or both its thresholds and the pattern veto are off.
   */
  function modelScores(kept: string[]): ModelScores | null {
    if (!parts.model || (parts.thresholds.crisis > 1 && parts.thresholds.check > 1 && !(parts.thresholds.patternVeto ?? 0) && !parts.alwaysScore)) return null;
    const whole = kept.join(' ');
    const best: PieceScores = { danger: 0, concern: 0, help: 'suicide' };
    for (const piece of new Set(kept.flatMap(clauses))) {
      if (piece === whole) continue;
      const scores = pieceScores(piece);
      if (scores.danger > best.danger) Object.assign(best, { danger: scores.danger, help: scores.help });
      best.concern = Math.max(best.concern, scores.concern);
    }
    return { ...pieceScores(whole), clauses: best };
  }

  /** The model's scores for a message, screened as for a decision (for training and evaluation). */
  function scoreOnly(text: string, options: ScreenOptions = { context: 'client' }): ModelScores | null {
    const kept = keptSentences(text, options);
    return kept.length === 0 ? { danger: 0, concern: 0, help: 'suicide', clauses: { danger: 0, concern: 0, help: 'suicide' } } : modelScores(kept);
  }

  /**
   * Readings already made, by context and a hash of the text (the text itself is not kept). A turn
   * with a model screens the same words several times: the new message before anything else, then
   * the earlier turns of the transcript each time a prompt is built without its safety exchanges.
   * The screen is a pure function of its input, so a remembered reading is the reading.
   */
  const remembered = new Map<string, CrisisReading>();
  const screenCrisis = function screenCrisis(text: string, options: ScreenOptions = { context: 'client' }): CrisisReading {
    const key = `${options.context}:${createHash('sha256').update(text).digest('base64')}`;
    const known = remembered.get(key);
    if (known) return known;
    const reading = Object.freeze(readCrisis(text, options));
    if (remembered.size >= REMEMBERED_READINGS) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, reading);
    return reading;
  };

  /** Whether a model alarm is spread over a long message with no clause to carry it (see CrisisThresholds.diffuse). */
  function diffuseAlarm(scores: ModelScores, screened: string): boolean {
    const diffuse = parts.thresholds.diffuse;
    return diffuse !== undefined && screened.split(' ').length >= diffuse.words && scores.danger < diffuse.whole && scores.clauses.danger < diffuse.clause;
  }

  function readCrisis(text: string, options: ScreenOptions): CrisisReading {
    const kept = keptSentences(text, options);
    if (kept.length === 0) return NONE;
    const screened = kept.join(' ');

    const mayMatch = crisisIndex.mayMatch(screened);
    const hits = parts.crisis.entries.filter((entry, index) => mayMatch[index] && unnegatedMatch(entry, screened));
    const joking = jokeEntries.some((entry) => entry.regex.test(screened));
    const crisisHit = hits.find((entry) => entry.data.tier === 'crisis');
    const veto = parts.thresholds.patternVeto ?? 0;
    let scores: ModelScores | null | undefined;
    if (crisisHit) {
      const help = crisisHit.data.help ?? 'suicide';
      // "I want to die lol": a joke marker gets the direct question, never silence and never the full alarm.
      if (joking && crisisHit.data.jokeable) return { tier: 'check', help: null, source: crisisHit.id };
      // Every suicide pattern that matched, read by the model as plainly safe: the direct question instead.
      // Never for an entry whose words hold their own negation ("no reason to go on living"): the
      // model reads the negation as a denial and scores such a message low.
      const vetoable = veto > 0 && hits.every((entry) => entry.data.tier !== 'crisis' || ((entry.data.help ?? 'suicide') === 'suicide' && entry.data.negatable !== false));
      scores = vetoable ? modelScores(kept) : null;
      if (scores && Math.max(scores.danger, scores.clauses.danger) < veto) return { tier: 'check', help: null, source: crisisHit.id };
      return { tier: 'crisis', help, source: crisisHit.id };
    }

    let check: CrisisReading | null = hits.length > 0 ? { tier: 'check', help: null, source: hits[0]!.id } : null;
    scores = modelScores(kept);
    if (scores) {
      const { crisis, check: checkBar } = parts.thresholds;
      const clauseCrisis = parts.thresholds.clauseCrisis ?? crisis;
      const clauseCheck = parts.thresholds.clauseCheck ?? checkBar;
      const alarm = scores.danger >= crisis ? scores.help : scores.clauses.danger >= clauseCrisis ? scores.clauses.help : null;
      // A joke marker turns the model's alarm into the check question too, never into silence.
      if (alarm) return joking || diffuseAlarm(scores, screened) ? { tier: 'check', help: null, source: 'model' } : { tier: 'crisis', help: alarm, source: 'model' };
      if (!check && (scores.concern >= checkBar || scores.clauses.concern >= clauseCheck)) check = { tier: 'check', help: null, source: 'model' };
    }
    return check ?? NONE;
  }
  return Object.assign(screenCrisis, { scoreOnly, normalise: (text: string) => normalise(lexiconText(text)) });
}

export type CrisisScreen = ReturnType<typeof createCrisisScreen>;

/**
 * The clauses of a screened message that the model scores on their own: its sentences, cut again
 * at the clause breaks of clause-breaks.json ("but", "because"...), of four words or more (shorter
 * pieces carry too few words for the model to read).
 */
export function screenClauses(text: string, screenClause: RegExp): string[] {
  return text
    .split(/(?<=[.!?;\n])\s+/)
    .flatMap((sentence) => sentence.split(screenClause))
    .map((piece) => piece.trim())
    .filter((piece) => piece.split(/\s+/).length >= 4);
}

/** Whether two words are one edit apart: a letter missing, added, changed, or two neighbours swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
