import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compileLexicon, lexiconText, type Lexicon } from '../understand/lexicon.js';
import { parsedTerms } from '../understand/term-parses.js';
import echoGrammar from '../../content/lexicon/echo-grammar.json' with { type: 'json' };

/**
 * The grammar gate: words of the client's that are about to be echoed in a reflection are read
 * first, and words a fluent speaker would not say back are not echoed. Real clients write and
 * speak in non-native or broken grammar ("someone tell you", "you have bakery", "is difficult",
 * "since two months", "success, put something you can count: in the next…"); said back word for
 * word it sounds like mockery or like a coach who does not speak the language. Say less, never
 * wrong: a clause that fails is not reflected, and something simpler is said instead.
 *
 * The checks read compromise's tags; the words they need (which subjects are third person,
 * which verbs keep a bare form in the past, after which words a singular noun needs a
 * determiner, which nouns may stand bare) and the patterns that are faults wherever they appear
 * are rows of content/lexicon/echo-grammar.json, each with the clauses it must refuse and pass.
 *
 * Pure: the document is imported with the module, like the other word patterns of phrase/.
 */

export const GRAMMAR_CHECKS = ['pattern', 'third-person-bare-verb', 'bare-count-noun', 'missing-subject', 'filler-before-verb', 'fronted-topic', 'capital-first', 'clause-stem', 'verb-contraction'] as const;
export type GrammarCheck = (typeof GRAMMAR_CHECKS)[number];

const EntryExtra = z.object({
  check: z.enum(GRAMMAR_CHECKS),
  /** Clauses (read after "In other words,") the gate must refuse, and must pass. */
  faults: z.array(z.string().min(1)).min(1),
  fine: z.array(z.string().min(1)).min(1),
  /** The kinds of slot a pattern refuses words in (absent: every kind). */
  kinds: z.array(z.enum(['clause', 'phrase', 'action'])).optional(),
  /** Word endings that mark nouns of this list too ("-ism", "-itis": alcoholism, bronchitis). */
  endings: z.array(z.string().min(1)).optional(),
});
export type GrammarEntryExtra = z.infer<typeof EntryExtra>;

/** The kinds of slot a clause fills (as in frame-slots.ts): a whole clause must also have a subject. */
export type EchoKind = 'clause' | 'phrase' | 'action';

/** Why the words must not be echoed: the entry id that refused them. */
export type EchoFault = string;

interface Words {
  lexicon: Lexicon<GrammarEntryExtra>;
  patterns: { id: string; regex: RegExp; kinds: readonly EchoKind[] | null }[];
  thirdPerson: Set<string>;
  pastSameAsBase: Set<string>;
  bareNounAfter: Set<string>;
  bareSubjectAfter: Set<string>;
  ordinalAfter: Set<string>;
  bareNouns: Set<string>;
  bareNounEndings: string[];
  verbFirst: Set<string>;
  fillersBeforeVerb: Set<string>;
  fillerNext: Set<string>;
  likeAsVerbAfter: Set<string>;
  adverbialHeads: Set<string>;
  frontedQuestionWords: Set<string>;
  capitalAllowed: Set<string>;
  clauseStems: RegExp[];
  verbContractions: Set<string>;
}

function wordSet(lexicon: Lexicon<GrammarEntryExtra>, id: string): Set<string> {
  const entry = lexicon.entries.find((candidate) => candidate.id === id);
  if (!entry?.data.words) throw new Error(`echo-grammar: the entry ${id} with its words is missing`);
  return new Set(entry.data.words.map((word) => lexiconText(word)));
}

/** Compiles the gate's document (content/lexicon/echo-grammar.json). */
export function compileEchoGrammar(document: unknown): Words {
  const lexicon = compileLexicon('echo-grammar', document, EntryExtra);
  return {
    lexicon,
    patterns: lexicon.entries.filter((entry) => entry.data.check === 'pattern').map((entry) => ({ id: entry.id, regex: entry.regex, kinds: entry.data.kinds ?? null })),
    thirdPerson: wordSet(lexicon, 'third-person-subjects'),
    pastSameAsBase: wordSet(lexicon, 'past-same-as-base'),
    bareNounAfter: wordSet(lexicon, 'bare-noun-after'),
    bareSubjectAfter: wordSet(lexicon, 'bare-subject'),
    ordinalAfter: wordSet(lexicon, 'ordinal-after-preposition'),
    bareNouns: wordSet(lexicon, 'bare-nouns'),
    bareNounEndings: lexicon.entries.find((entry) => entry.id === 'bare-nouns')?.data.endings ?? [],
    verbFirst: wordSet(lexicon, 'verb-first'),
    fillersBeforeVerb: wordSet(lexicon, 'like-before-verb'),
    fillerNext: wordSet(lexicon, 'like-filler-next'),
    likeAsVerbAfter: wordSet(lexicon, 'like-verb-after'),
    adverbialHeads: wordSet(lexicon, 'fronted-topic'),
    frontedQuestionWords: wordSet(lexicon, 'fronted-wh'),
    capitalAllowed: wordSet(lexicon, 'capital-first'),
    clauseStems: lexicon.entries.filter((entry) => entry.data.check === 'clause-stem').map((entry) => entry.regex),
    verbContractions: wordSet(lexicon, 'verb-contractions'),
  };
}

const WORDS = compileEchoGrammar(echoGrammar);

interface Term {
  text: string;
  /** lexiconText of the word. */
  word: string;
  tags: Set<string>;
  /** Punctuation written after the word (a comma ends a clause for these checks). */
  post: string;
}

const REMEMBERED = 4_096;
const parsed = new Map<string, readonly Term[]>();

function termsOf(text: string): readonly Term[] {
  const key = createHash('sha256').update(text).digest('base64');
  const known = parsed.get(key);
  if (known) return known;
  // The parse is shared with the frame-slot shapes and the plan check (term-parses.ts); this keeps its own reading of it.
  const terms = parsedTerms(text).filter((term) => term.text !== '').map((term) => ({ text: term.text, word: lexiconText(term.text), tags: new Set(term.tags), post: term.post ?? '' }));
  if (parsed.size >= REMEMBERED) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, terms);
  return terms;
}

const has = (term: Term | undefined, tag: string) => term !== undefined && term.tags.has(tag);
const CLAUSE_ENDS = ',;:.!?';
const endsClause = (term: Term | undefined) => term === undefined || [...term.post].some((char) => CLAUSE_ENDS.includes(char));
/** Written with a capital (a name, inside the words). */
const capitalised = (term: Term) => term.text.charAt(0) !== term.text.charAt(0).toLowerCase();

/** A verb in its bare form where a third-person subject needs -s ("someone tell you"). */
function bareVerb(words: Words, term: Term | undefined): boolean {
  if (!term || !has(term, 'Verb') || !has(term, 'Infinitive')) return false;
  if (has(term, 'Gerund') || has(term, 'PastTense') || has(term, 'Modal') || has(term, 'Auxiliary') || has(term, 'Copula')) return false;
  return !words.pastSameAsBase.has(term.word);
}

/** "someone tell you", "the manager tell you", "your boss want you to stay". */
function thirdPersonBareVerb(words: Words, terms: readonly Term[]): boolean {
  return terms.some((term, index) => {
    if (index + 1 >= terms.length || endsClause(term)) return false;
    let start = index;
    if (words.thirdPerson.has(term.word)) {
      // "this"/"that" are subjects only on their own: "that job" is a noun phrase.
      if ((term.word === 'this' || term.word === 'that') && !has(terms[index + 1], 'Verb')) return false;
    } else {
      // A singular noun is a subject here only with its determiner: "the manager tell", not "team make".
      if (!has(term, 'Singular') || has(term, 'Pronoun') || has(term, 'Uncountable') || has(term, 'Date') || has(term, 'Value')) return false;
      while (start > 0 && (has(terms[start - 1], 'Adjective') || (has(terms[start - 1], 'Noun') && !has(terms[start - 1], 'Pronoun') && !has(terms[start - 1], 'Possessive')))) start--;
      const before = terms[start - 1];
      if (!before || !(has(before, 'Determiner') || has(before, 'Possessive'))) return false;
      start--;
    }
    if (!bareVerb(words, terms[index + 1])) return false;
    // After a verb the noun is its object: "let someone tell you", "make him go", "you want him to stay".
    const previous = terms[start - 1];
    if (previous && !endsClause(previous) && (has(previous, 'Verb') || has(previous, 'Modal') || has(previous, 'Auxiliary') || has(previous, 'Preposition') || previous.word === 'to')) return false;
    return true;
  });
}

/** A singular count noun with nothing before it that a fluent speaker would put there. */
function bareCountNoun(words: Words, terms: readonly Term[]): boolean {
  return terms.some((term, index) => {
    // "to second shop", "in second shop": an ordinal after a preposition wants "the" (compromise may read the noun as a verb).
    if (has(term, 'Ordinal') && index > 0 && index + 1 < terms.length && !endsClause(terms[index - 1]) && words.ordinalAfter.has(terms[index - 1]!.word) && !endsClause(term)) {
      const noun = terms[index + 1]!;
      if (!has(noun, 'Plural') && !words.bareNouns.has(noun.word) && !has(noun, 'Value')) return true;
    }
    if (!has(term, 'Noun') || !has(term, 'Singular') || term.word.endsWith('ing')) return false;
    if (has(term, 'Pronoun') || has(term, 'Possessive') || has(term, 'Uncountable') || has(term, 'Date') || has(term, 'Value') || has(term, 'ProperNoun')) return false;
    // A capital inside the words is a name ("Selin", "Priya"); only the head of the phrase is judged.
    if (capitalised(term) && index > 0) return false;
    const next = terms[index + 1];
    // Only the head of a compound is judged; "back", "home" read as nouns after it are adverbs ("ask question back").
    if (!endsClause(term) && has(next, 'Noun') && !has(next, 'Pronoun') && !has(next, 'Date') && !words.pastSameAsBase.has(next!.word)) return false;
    if (words.bareNouns.has(term.word) || words.bareNounEndings.some((ending) => term.word.endsWith(ending)) || term.word.length <= 2) return false;
    // "cut", "set", "put" read as nouns are as often the verb's past participle ("budget's been cut").
    if (words.pastSameAsBase.has(term.word)) return false;
    let start = index;
    let ordinal = false;
    while (start > 0 && !endsClause(terms[start - 1])) {
      const previous = terms[start - 1]!;
      if (has(previous, 'Ordinal')) ordinal = true;
      else if (!(has(previous, 'Adjective') || (has(previous, 'Noun') && !has(previous, 'Pronoun') && !has(previous, 'Possessive') && !has(previous, 'Value')))) break;
      start--;
    }
    if (capitalised(terms[start]!) && start > 0) return false;
    const before = start > 0 && !endsClause(terms[start - 1]) ? terms[start - 1]! : undefined;
    if (before && (has(before, 'Determiner') || has(before, 'Possessive') || has(before, 'Value') || has(before, 'Pronoun'))) {
      // "you have bakery" has a pronoun two words back, not before the noun: only a possessive or object pronoun counts.
      if (!(has(before, 'Pronoun') && !has(before, 'Possessive') && words.bareNounAfter.has(before.word))) return false;
    }
    if (before && words.bareNounAfter.has(before.word)) return true;
    if (ordinal && before && words.ordinalAfter.has(before.word)) return true;
    // In subject place: at the start of a clause, before its verb ("energy bill is double", "manager says no"). Only a
    // compound or a role: a bare abstract noun is often a mass noun there ("morale is low", "travel could get in the way").
    const subjectPlace = !before || words.bareSubjectAfter.has(before.word);
    const countable = start < index || has(term, 'Actor');
    return subjectPlace && countable && !endsClause(term) && has(next, 'Verb') && !capitalised(terms[start]!);
  });
}

/**
 * "you like stay there", "you like go on": a filler word right before a bare verb (not "like to", not "like football");
 * and "because like what the heck", "it like acceptable": the filler before a word that "like" never governs (a
 * question word, an adverb, an adjective standing alone), unless it follows a word that makes it a verb or a
 * comparison ("you like", "feels like", "it's like new").
 */
function fillerBeforeVerb(words: Words, terms: readonly Term[]): boolean {
  return terms.some((term, index) => {
    const next = terms[index + 1];
    if (!words.fillersBeforeVerb.has(term.word) || !next || endsClause(term)) return false;
    if (has(next, 'Verb') && has(next, 'Infinitive') && !has(next, 'Noun') && !has(next, 'Modal') && !has(next, 'Auxiliary') && next.word !== 'to') return true;
    const previous = terms[index - 1];
    if (!previous || endsClause(previous) || words.likeAsVerbAfter.has(previous.word)) return false;
    if (words.fillerNext.has(next.word)) return true;
    // An adjective after it that describes nothing after it ("it like acceptable in that regard"), not "like cold weather".
    const after = terms[index + 2];
    return has(next, 'Adjective') && !has(next, 'Noun') && (endsClause(next) || !(has(after, 'Noun') || has(after, 'Adjective')));
  });
}

/** A subject that opens a clause: a personal pronoun, not a possessive ("you", "it's", "she"). */
const subjectPronoun = (term: Term | undefined) => has(term, 'Pronoun') && !has(term, 'Possessive');

/**
 * A topic put in front of the clause and cut off by a comma: "a few schools in the area, you're looking
 * to apply", "the orders, the supplier, the rotas, you check every cake", "doctor, you made an appointment",
 * "how you learn, you don't know". Spoken, it is natural; written back by a coach it reads as broken. Every
 * comma part before the first that opens on a subject is a bare noun phrase (no verb, no pronoun, no
 * preposition, no time word: "every morning, you run" and "in the meetings, you stay quiet" pass), or one
 * part opening on a question word of the list.
 */
function frontedTopic(words: Words, terms: readonly Term[]): boolean {
  const parts: Term[][] = [[]];
  for (const term of terms) {
    parts[parts.length - 1]!.push(term);
    if (endsClause(term) && term.post.includes(',')) parts.push([]);
  }
  const clause = parts.findIndex((part, index) => index > 0 && subjectPronoun(part[0]));
  if (clause < 1) return false;
  const before = parts.slice(0, clause);
  const opener = before[0]![0]!;
  // "how you learn, you don't know" (one verb: the fronted object), not "how you learn matters, you think".
  if (before.length === 1 && words.frontedQuestionWords.has(opener.word)) return before[0]!.filter((term) => has(term, 'Verb')).length === 1;
  // A preposition may sit inside the phrase ("a few schools in the area"), not open it ("in the meetings").
  const opensPhrase = (term: Term) => !['Preposition', 'Adverb', 'Conjunction', 'QuestionWord', 'Expression'].some((tag) => has(term, tag));
  const bareNoun = (term: Term) =>
    !['Verb', 'Pronoun', 'Date', 'QuestionWord', 'Expression'].some((tag) => has(term, tag)) && !words.adverbialHeads.has(term.word) && !words.frontedQuestionWords.has(term.word);
  return before.every((part) => part.length > 0 && opensPhrase(part[0]!) && part.some((term) => has(term, 'Noun')) && part.every(bareNoun));
}

/**
 * A capital on the first word of a fragment that is no name: a sentence start carried into the slot ("So
 * Pretty good", "In other words, Definitely not"). Read in lower case, an adverb, a verb or a function word is no name;
 * an adjective is one only before another adjective or adverb ("Pretty good", not "English is hard").
 */
function capitalFirst(words: Words, terms: readonly Term[]): boolean {
  const first = terms[0];
  // "Obviously, you…" with its comma is left to the verifier's stray-capital check, which names it.
  if (!first || !capitalised(first) || endsClause(first) || words.capitalAllowed.has(first.word)) return false;
  // Only a fragment: a whole clause may come capitalised as the client wrote it, and the caller writes it in lower case.
  if (terms.some((term) => has(term, 'Verb') && !has(term, 'Gerund'))) return false;
  const lower = termsOf(first.text.toLowerCase())[0];
  if (!lower || has(lower, 'Noun') || has(lower, 'Date') || has(lower, 'Value')) return false;
  if (['Adverb', 'Verb', 'Conjunction', 'Preposition', 'Determiner', 'Pronoun', 'Expression', 'Modal'].some((tag) => has(lower, tag))) return true;
  const next = terms[1];
  return has(lower, 'Adjective') && !endsClause(first) && (has(next, 'Adjective') || has(next, 'Adverb'));
}

/** A clause with no subject: it opens on a verb ("is difficult", "give me framework"). */
function missingSubject(words: Words, terms: readonly Term[]): boolean {
  const first = terms[0];
  if (!first) return false;
  if (words.verbFirst.has(first.word)) return true;
  if (!has(first, 'Verb') || has(first, 'Gerund') || has(first, 'Noun') || has(first, 'Adjective')) return false;
  // "ordered double milk, then threw it away": a past verb with no subject.
  if (has(first, 'PastTense')) return true;
  // "give me a framework", "ask the team": a bare verb before its object or a preposition. Before a noun
  // it may be the subject itself, read as a verb ("harvest starts in three weeks"), so it passes.
  const second = terms[1];
  return second === undefined || endsClause(first) || ['Determiner', 'Pronoun', 'Possessive', 'Preposition', 'Adverb', 'Conjunction'].some((tag) => has(second, tag));
}

/**
 * Whether a sentence of the coach's opens on a stem that gives back a whole clause ("You're saying",
 * "In other words,") and what follows has no verb: "You're saying a respirologist.", "In other words,
 * kind of slow." A noun phrase read back under such a stem is not English; "So a few times a week."
 * (another stem) passes. Read by the verifier on whole sentences.
 */
export function verblessAfterStem(sentence: string, words: Words = WORDS): boolean {
  const form = lexiconText(sentence);
  const stem = words.clauseStems.map((regex) => regex.exec(form)).find((match) => match !== null);
  if (!stem) return false;
  const rest = termsOf(sentence.trim()).slice(stem[0].trim().split(' ').length);
  // One noun read back is a topic named ("In other words, delegation."), not a clause cut short.
  if (rest.length === 1 && has(rest[0], 'Noun') && !has(rest[0], 'Pronoun')) return false;
  // An amount or a time is an answer reported ("You're saying an hour.", "In other words, a few times a month.").
  // ("So got made chargehand 3 weeks ago." is no amount: a clause whose subject was dropped, read below.)
  const finiteVerb = rest.some((term) => has(term, 'Verb') && !has(term, 'Gerund'));
  if (!finiteVerb && rest.some((term) => has(term, 'Date') || has(term, 'Value'))) return false;
  // A contraction ("there's", "it's") carries its verb: compromise gives the verb a term of its own, with no text.
  if (rest.length > 0 && !rest.some((term) => (has(term, 'Verb') && !has(term, 'Gerund')) || words.verbContractions.has(term.word))) return true;
  // A clause with no subject: "You're saying proving you can do more.", "You're saying never asked your
  // manager though." (chat drops the "I"; the stem needs it back or another form).
  const at = rest.findIndex((term) => !has(term, 'Adverb') && !has(term, 'Negative'));
  const lead = rest[at];
  if (rest.length < 2 || lead === undefined) return false;
  // compromise reads some -ing verbs before their object as adjectives ("proving you can do more").
  const ingBeforeObject = lead.word.endsWith('ing') && ['Pronoun', 'Determiner', 'Possessive'].some((tag) => has(rest[at + 1], tag));
  // "So got made chargehand…": an auxiliary with a past participle after it opens a clause whose subject was dropped.
  const pastAfterAuxiliary = has(lead, 'Auxiliary') && !has(lead, 'Copula') && has(rest[at + 1], 'PastTense');
  return has(lead, 'Gerund') || ingBeforeObject || pastAfterAuxiliary || (has(lead, 'PastTense') && !has(lead, 'Copula') && !has(lead, 'Auxiliary'));
}

/**
 * Why the words must not be echoed in a slot of this kind, or null when they may: the id of the
 * entry of content/lexicon/echo-grammar.json that refuses them.
 */
export function echoFault(text: string, kind: EchoKind = 'clause', words: Words = WORDS): EchoFault | null {
  const form = lexiconText(text);
  if (form === '') return null;
  for (const pattern of words.patterns) if ((pattern.kinds === null || pattern.kinds.includes(kind)) && pattern.regex.test(form)) return pattern.id;
  if (verblessAfterStem(text, words)) return 'clause-stems';
  const terms = termsOf(text.trim());
  if (kind === 'clause' && missingSubject(words, terms)) return 'verb-first';
  if (fillerBeforeVerb(words, terms)) return 'like-before-verb';
  if (frontedTopic(words, terms)) return 'fronted-topic';
  if (capitalFirst(words, terms)) return 'capital-first';
  if (thirdPersonBareVerb(words, terms)) return 'third-person-subjects';
  if (bareCountNoun(words, terms)) return 'bare-noun-after';
  return null;
}

/** The entries with their examples, for the test that runs them. */
export function echoGrammarEntries(): readonly { id: string; faults: readonly string[]; fine: readonly string[] }[] {
  return WORDS.lexicon.entries.map((entry) => ({ id: entry.id, faults: entry.data.faults, fine: entry.data.fine }));
}
