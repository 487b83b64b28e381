import nlp from 'compromise';
import { standardWords } from './chat-spelling.js';
import { toSecondPerson } from './paraphrase.js';
import { lowerFirst } from './text.js';
import { lexiconText } from './lexicon.js';
import { wordPatterns } from './word-patterns.js';
import clauseKinds from '../../content/lexicon/clause-kinds.json' with { type: 'json' };

/** Reads one client sentence for the kind of thing it says and the clause a reflection builds on (`readClause`). */

/**
 * What kind of thing a client sentence says, which decides how a reflection frames it: a fact is
 * given back plainly ("So you're …"), an opinion as their view ("As you see it, …"), a wish as a
 * wish ("You'd like …"), a difficulty as hard ("It's hard for you to …"), a request to the coach as
 * a preference ("You'd like me to …"), an instruction-shaped idea as an option ("One idea is to …"),
 * a question as wondering, a quality as "You're …". Bare numbers and one-word answers get no
 * paraphrase of their own: the question just asked gives them their meaning.
 */
export const CLAUSE_KINDS = ['fact', 'opinion', 'feeling', 'wish', 'hope', 'difficulty', 'struggle', 'request', 'idea', 'question', 'quality', 'fragment', 'number', 'none'] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

export interface Clause {
  kind: ClauseKind;
  /** The coach's clause to put into a stem (second person, no final punctuation); '' for `none`. */
  body: string;
  /** The whole sentence in the coach's voice, for stems that take it as it is. */
  plain: string;
}

/** The words a sentence opens with, and what they say of it: content/lexicon/clause-kinds.json. */
const W = wordPatterns('clause-kinds', clauseKinds, [
  'leading-discourse',
  'subject-start',
  'filler-start',
  'subjectless-verb',
  'request-verb',
  'object-word',
  'not-verb-start',
  'quality-word',
  'heading-word',
  'number-answer',
  'question-start',
  'asks-the-coach',
  'asks-how',
  'asks-whether',
  'asks-am-i',
  'asks-is-it',
  'asks-why',
  'negative-word',
  'feeling',
  'wish',
  'wish-object',
  'hope',
  'difficulty-to',
  'it-is-hard',
  'difficulty-with',
  'opinion',
  'no-article-subject',
  'rules-out',
  'says-what-it-is',
  'own-subject',
  'name-then-verb',
  'first-person',
  'asks-for-coach',
  'do-not',
  'superlative',
  'has-clause',
  'evaluative',
  'minor-word',
] as const);

/** The client's words, each with its standard spelling, so a clause found in the standard form can be given back in the client's own. */
interface Aligned {
  original: string[];
  standard: string[];
}

function align(core: string): Aligned {
  const original = core.split(/\s+/).filter(Boolean);
  const standard = original.map((token, index) => {
    const next = original[index + 1];
    const both = standardWords(next ? `${token} ${next}` : token).split(' ');
    return both.slice(0, next ? both.length - standardWords(next).split(' ').length : both.length).join(' ');
  });
  return { original, standard };
}

/** The client's own words from where `text` (a suffix of the standard form) leaves `consumed` words behind. */
function originalTail(aligned: Aligned, text: string, consumed: number): string {
  const words = text.split(' ').filter(Boolean);
  const standardWordsTotal = aligned.standard.join(' ').split(' ').length;
  let target = standardWordsTotal - words.length + consumed;
  for (let index = 0; index < aligned.original.length; index++) {
    if (target === 0) return aligned.original.slice(index).join(' ');
    target -= aligned.standard[index]!.split(' ').length;
    if (target < 0) break;
  }
  return target === 0 ? '' : words.slice(consumed).join(' ');
}

let ALIGNED: Aligned = { original: [], standard: [] };

/** The clause after `pattern` in the coach's voice, in the client's own spelling of names. */
function after(pattern: RegExp, text: string): string {
  const match = pattern.exec(text);
  if (!match) return toSecondPerson(text);
  const consumed = match[0].trim().split(' ').filter(Boolean).length;
  return toSecondPerson(originalTail(ALIGNED, text, consumed));
}

/** `text` (a suffix of the standard form) in the client's own words and the coach's voice. */
function own(text: string): string {
  return lowerFirst(toSecondPerson(originalTail(ALIGNED, text, 0)));
}

/** Whether a subjectless clause opens with a verb the client tells (an instruction or an idea). */
function opensWithInstruction(standard: string): boolean {
  const [first = '', second = ''] = standard.split(' ');
  if (!first || W['not-verb-start'].test(first) || W['subject-start'].test(first) || W['quality-word'].test(first)) return false;
  // "Confidence 6.", "Obstacle: …", "Success: …": a heading, not an instruction.
  if (W['heading-word'].test(first)) return false;
  if (W['request-verb'].test(standard)) return true;
  const tag = LEXICON[first];
  if (tag === 'Infinitive' || tag === 'PhrasalVerb') return true;
  return second !== '' && W['object-word'].test(second) && !/(?:ing|ed|s)$/.test(first) && !/^(?:Adjective|Comparative|Superlative|Preposition|Conjunction|Determiner|Pronoun|Adverb|Value)$/.test(tag ?? '');
}

const LEXICON = (nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string> } } } }).world().model.one.lexicon;

/**
 * Reads one client sentence (verbatim) into the kind of thing it says and the clause a reflection
 * builds on, in the coach's voice. Quoted speech inside it stays as the client wrote it.
 */
export function readClause(sentence: string): Clause {
  const cleaned = sentence.trim().replace(/[\s.!;,:…]+$/u, '');
  const isQuestion = /\?\s*$/.test(cleaned);
  const core = cleaned.replace(/\?+\s*$/, '').trim();
  const standard = standardWords(core).replace(W['leading-discourse'], '');
  const plain = toSecondPerson(core);
  ALIGNED = align(core);
  if (standard === '') return { kind: 'none', body: '', plain };
  const number = W['number-answer'].exec(standard);
  if (number) return { kind: 'number', body: number[1]!, plain };

  if (isQuestion || W['question-start'].test(standard)) {
    const toCoach = W['asks-the-coach'].exec(standard);
    if (toCoach && W['request-verb'].test(toCoach[1]!)) return { kind: 'request', body: own(toCoach[1]!), plain };
    const how = W['asks-how'].exec(standard);
    if (how) return { kind: 'question', body: `${how[1]} to ${own(how[2]!)}`, plain };
    const whether = W['asks-whether'].exec(standard);
    if (whether) {
      const rest = own(whether[2]!);
      const body = whether[1] === 'should' || whether[1] === 'shall' ? `whether to ${rest}` : whether[1] === 'do' ? `whether you ${rest}` : `whether you can ${rest}`;
      return { kind: 'question', body, plain };
    }
    const amI = W['asks-am-i'].exec(standard);
    if (amI) return { kind: 'question', body: `whether you're ${own(amI[1]!)}`, plain };
    const isIt = W['asks-is-it'].exec(standard);
    if (isIt) return { kind: 'question', body: `whether ${isIt[2]} ${isIt[1]} ${own(isIt[3]!)}`, plain };
    const why = W['asks-why'].exec(standard);
    if (why) return { kind: 'question', body: `why you ${W['negative-word'].test(standard.split(' ')[1]!) ? `${standard.split(' ')[1]} ` : ''}${own(why[1]!)}`, plain };
    if (isQuestion) return { kind: 'question', body: '', plain };
  }

  // "Experiment: rewrite the RFC …", "one thing: pair each …": the label names it, the words after it say it.
  const label = /^([^:]{1,30}):\s+(\S.*)$/.exec(core);
  if (label && label[1]!.split(/\s+/).length <= 4 && !/=/.test(label[1]!)) {
    const inner = readClause(label[2]!);
    if (inner.kind !== 'none' && inner.kind !== 'number') return inner;
  }
  if (W.feeling.test(standard)) return { kind: 'feeling', body: own(standard), plain };
  if (W.hope.test(standard)) return { kind: 'hope', body: after(W.hope, standard), plain };
  if (W.wish.test(standard)) {
    const wish = after(W.wish, standard);
    const first = wish.split(' ')[0]!.toLowerCase();
    return { kind: 'wish', body: LEXICON[first] === 'Infinitive' && !W['wish-object'].test(first) ? `to ${wish}` : wish, plain };
  }
  if (W['difficulty-to'].test(standard)) return { kind: 'difficulty', body: after(W['difficulty-to'], standard), plain };
  if (W['it-is-hard'].test(standard)) return { kind: 'difficulty', body: after(W['it-is-hard'], standard), plain };
  if (W['difficulty-with'].test(standard)) return { kind: 'struggle', body: after(W['difficulty-with'], standard), plain };
  if (W.opinion.test(standard)) return { kind: 'opinion', body: after(W.opinion, standard), plain };

  const bare = standard.replace(W['filler-start'], '').replace(W['filler-start'], '');
  // "problem is i end up …", "thing is …": the article the chat left out.
  const noArticle = W['no-article-subject'].exec(bare);
  if (noArticle) return readSubject(`the ${bare}`, `the ${own(bare)}`);
  if (W['subject-start'].test(bare) || W['own-subject'].test(bare) || namedSubject(core)) {
    return readSubject(bare, own(bare));
  }
  if (opensWithInstruction(bare)) {
    const firstPerson = W['first-person'].test(bare);
    const negative = W['do-not'].exec(bare);
    if (negative && firstPerson) return { kind: 'request', body: `not ${own(bare.slice(negative[0].length))}`, plain };
    // "tell me straight", "keep my feet to the fire": the coach asked to do something. "talk to my
    // nephew's teacher", "ask my manager": a step of the client's own, an idea (content/lexicon/clause-kinds.json).
    if (firstPerson && W['request-verb'].test(bare) && W['asks-for-coach'].test(bare)) return { kind: 'request', body: own(bare), plain };
    if (!negative) return { kind: 'idea', body: own(bare), plain };
  }
  // "can't say no to people", "tried that already": the subject a chat message leaves out is the client.
  if (W['subjectless-verb'].test(bare)) {
    const withSubject = `i ${originalTail(ALIGNED, bare, 0)}`;
    const again = readClause(withSubject);
    return { ...again, plain: again.kind === 'none' ? toSecondPerson(withSubject) : again.plain };
  }
  if ((W['quality-word'].test(bare) && !adjectiveBeforeBareNoun(bare)) || W.superlative.test(bare) && LEXICON[bare.split(' ')[0]!] === 'Superlative') {
    const superlative = LEXICON[bare.split(' ')[0]!] === 'Superlative' || bare.split(/\W/, 1)[0] === 'most';
    return { kind: 'quality', body: `${superlative ? 'the ' : ''}${own(bare)}`, plain };
  }
  if (contentWordCount(bare) < 1 && bare.split(' ').length < 3) return { kind: 'none', body: '', plain };
  // A verb or a subject somewhere ("in my culture we are more indirect", "budget's been cut"): a sentence, given back as one.
  if (W['has-clause'].test(bare)) return readSubject(bare, own(bare));
  return { kind: 'fragment', body: own(bare), plain };
}

/**
 * "new system, new manager": an adjective on a noun with no article names things, it does not
 * describe the client ("You're new system" is not English). A superlative takes "the" and stays a
 * quality ("the fastest picker on site").
 */
function adjectiveBeforeBareNoun(text: string): boolean {
  const [first, second] = (nlp(text).terms().json() as { terms: { tags: string[] }[] }[]).map((term) => term.terms[0]?.tags ?? []);
  return Boolean(first?.includes('Adjective') && !first.includes('Superlative') && second?.includes('Noun') && !second.includes('Adjective') && !second.includes('Plural'));
}

/** A sentence that only says what it is not ("it's not that I'm scared of her", "not Selin doing the rota"). */
export function rulesOut(sentence: string): boolean {
  return W['rules-out'].test(lexiconText(sentence));
}

/** A sentence that says what it is, after one that ruled something out ("it's more that …", "only the milk order"). */
export function saysWhatItIs(sentence: string): boolean {
  return W['says-what-it-is'].test(lexiconText(sentence));
}

/** A sentence with its own subject: a fact, or an opinion when it judges. */
function readSubject(standard: string, body: string): Clause {
  return { kind: W.evaluative.test(standard) ? 'opinion' : 'fact', body, plain: body };
}

function contentWordCount(text: string): number {
  return (text.match(/[a-z0-9']+/g) ?? []).filter((word) => word.length > 2 && !W['minor-word'].test(word)).length;
}

/**
 * A capitalised name then a verb in the third person ("Dev keeps missing …", "Priya said …"): the
 * sentence has its own subject. Read on the client's own casing, which is what tells a name.
 */
function namedSubject(core: string): boolean {
  const text = core.replace(CASED.filler, '');
  const space = text.indexOf(' ');
  return space > 1 && /^[A-Z][a-z]+$/.test(text.slice(0, space)) && CASED.verb.test(text.slice(space + 1));
}

/** The same patterns matched case by case, as a name's capital needs. */
const CASED = { filler: new RegExp(W['filler-start'].source, 'u'), verb: new RegExp(W['name-then-verb'].source, 'u') };
