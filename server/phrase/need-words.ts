import { type ClauseKind, readClause } from '../understand/clause-reader.js';
import { compileLexicon, matchingEntries } from '../understand/lexicon.js';
import { contentWords, stripFinalPunctuation } from '../understand/text.js';
import { echoFault } from './reflection-grammar.js';
import { parsedTerms } from '../understand/term-parses.js';
import { withoutHedges } from './reflection-hedges.js';
import { overlaps, voiced, wholeClause } from './reflection-clauses.js';
import { mattersToYou } from './reflection-stems.js';
import type { Need } from '../domain/schemas.js';
import needVoice from '../../content/lexicon/need-voice.json' with { type: 'json' };

/**
 * A need as the coach may say it: in the client's own words (one of its evidence quotes, cleaned,
 * in the coach's voice, whole and passing the grammar gate) or, once the client has confirmed the
 * theme, its label. Readers of transcripts mark a stock theme ("a sustainable balance between work
 * and the rest of your life", "second-guessing") attributed to a client who never said it; say
 * less, never wrong.
 *
 * Pure: the word list (content/lexicon/need-voice.json) is imported with the module.
 */
const VOICE = compileLexicon('need-voice', needVoice);

/** The fewest words a quote needs to be given back as what matters ("Delegation." is a topic, not a need voiced). */
const MIN_WORDS = 5;

/** Whether a clause voices a difficulty, a feeling or a pattern, not a bare fact ("you run a team of 9"). */
export function voicesDifficulty(clause: string): boolean {
  return matchingEntries(VOICE, clause).length > 0;
}

/** What a sentence given back as a need or a limit may not be: a question or a request to the coach, an idea to try, a quality, a number. */
const NOT_SAID_BACK: ReadonlySet<ClauseKind> = new Set<ClauseKind>(['question', 'request', 'idea', 'quality', 'number', 'none']);

/** The first of the quotes that can be said back as the need, as a clause in the coach's voice, or null. */
export function needInOwnWords(evidence: readonly string[], maxWords = 12): string | null {
  for (const quote of evidence) {
    const reading = readClause(withoutHedges(quote));
    // A question or a request to the coach is not a need; "problem is I do everything" is said with its article.
    if (NOT_SAID_BACK.has(reading.kind)) continue;
    const clause = wholeClause(reading.kind === 'opinion' ? reading.body : voiced(withoutHedges(quote)), maxWords);
    if (clause === null || clause.split(' ').length < MIN_WORDS || !voicesDifficulty(clause)) continue;
    if (echoFault(clause, 'clause') === null) return clause;
  }
  return null;
}

/** The most words a topic the client named on its own ("Delegation.", "time management") may have. */
const TOPIC_WORDS = 4;

/** A topic the client named in a few words of their own ("Delegation."), as a noun phrase, or null. */
export function needTopicInOwnWords(evidence: readonly string[]): string | null {
  for (const quote of evidence) {
    const clause = readClause(withoutHedges(quote));
    const phrase = stripFinalPunctuation(clause.body);
    if (clause.kind !== 'fragment' || phrase.split(' ').length > TOPIC_WORDS || contentWords(phrase).length === 0) continue;
    // A topic is a thing named ("delegation", "time management"), not a feeling ("bit embarrassed").
    const last = parsedTerms(phrase).at(-1)?.tags ?? [];
    if (!last.includes('Noun') || last.includes('Adjective')) continue;
    if (echoFault(phrase, 'phrase') === null) return phrase;
  }
  return null;
}

/**
 * How the need may be said: a clause of the client's ("you never have time to sit and think"), or
 * a noun phrase, the topic they named ("delegation") or, only once they confirmed the theme, its
 * label; null when none of these can be said.
 */
export function spokenNeed(need: Pick<Need, 'confirmed' | 'summary'> | null, evidence: readonly string[]): { form: 'clause' | 'phrase'; text: string } | null {
  const clause = needInOwnWords(evidence);
  if (clause !== null) return { form: 'clause', text: clause };
  const phrase = needTopicInOwnWords(evidence) ?? (need ? confirmedLabel(need) : null);
  return phrase === null ? null : { form: 'phrase', text: phrase };
}

/** The need's label, only when the client confirmed the theme (a yes to the coach's check). */
export function confirmedLabel(need: Pick<Need, 'confirmed' | 'summary'>): string | null {
  return need.confirmed ? need.summary : null;
}

/** The need for a summary: the client's clause as it is, or a phrase of theirs (or the confirmed label) that "matters to you"; or null. */
export function needForSummary(need: Pick<Need, 'confirmed' | 'summary' | 'evidence'>): string | null {
  const spoken = spokenNeed(need, need.evidence);
  if (spoken === null) return null;
  return spoken.form === 'clause' ? spoken.text : mattersToYou(spoken.text);
}

/** Whether the words are already said: in this turn's moves, or in what the coach said lately. */
export function alreadySaid(words: string, texts: readonly string[]): boolean {
  const lower = words.toLowerCase();
  return texts.some((text) => overlaps(text, words) || text.toLowerCase().includes(lower));
}

/**
 * A limit as the client put it, for a summary: a whole clause of theirs ("money is tight"), or a
 * short phrase of theirs ("no time"); never the kind's label ("limited
 * capacity in the team"), which a teenager talking about their friends never said.
 */
export function limitInOwnWords(evidence: readonly string[]): { form: 'clause' | 'phrase'; text: string } | null {
  for (const quote of evidence) {
    const reading = readClause(withoutHedges(quote));
    const phrase = stripFinalPunctuation(reading.body);
    if (reading.kind === 'fragment' && phrase.split(' ').length <= TOPIC_WORDS) {
      if (echoFault(phrase, 'phrase') === null) return { form: 'phrase', text: phrase };
      continue;
    }
    if (NOT_SAID_BACK.has(reading.kind)) continue;
    const clause = wholeClause(voiced(withoutHedges(quote)), 14);
    if (clause !== null && echoFault(clause, 'clause') === null) return { form: 'clause', text: clause };
  }
  return null;
}
