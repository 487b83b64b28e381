import nlp from 'compromise';
import { standardWords } from './chat-spelling.js';
import { toSecondPerson } from './paraphrase.js';
import { lowerFirst } from './text.js';

/** Reads one client sentence for the kind of thing it says and the clause a reflection builds on (`readClause`). */

/**
 * What kind of thing a client sentence says, which decides how a reflection frames it: a fact is
 * given back plainly ("So you're …"), an opinion as their view ("As you see it, …"), a wish as a
 * wish ("You'd like …"), a difficulty as hard ("It's hard for you to …"), a request to the coach as
 * a preference ("You'd like me to …"), an instruction-shaped idea as an option ("One idea is to …"),
 * a question as wondering, a quality as "You're …". Bare numbers and one-word answers get no
 * paraphrase of their own: the question just asked gives them their meaning.
 */
export type ClauseKind = 'fact' | 'opinion' | 'feeling' | 'wish' | 'hope' | 'difficulty' | 'struggle' | 'request' | 'idea' | 'question' | 'quality' | 'fragment' | 'number' | 'none';

export interface Clause {
  kind: ClauseKind;
  /** The coach's clause to put into a stem (second person, no final punctuation); '' for `none`. */
  body: string;
  /** The whole sentence in the coach's voice, for stems that take it as it is. */
  plain: string;
}

const SUBJECT_START = /^(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'd|we'll|you|you're|he|he's|she|she's|they|they're|it|it's|its|there|there's|this|that|that's|these|those|my|our|his|her|their|the|a|an|everyone|everybody|nobody|no one|someone|somebody|people|nothing|everything|one|most|some|all|none|each|both|what|which|who|whoever|when|if|because|since|as|so|then|now|once|after|before|while)\b/;
const FILLER_WORDS = /^(?:please|pls|plz|just|maybe|perhaps|probably|ideally|honestly|so|then|and|or|also|like)\s+/;
const SUBJECTLESS_VERB = /^(?:need|needs|want|wants|love|hate|like|feel|felt|think|thought|know|knew|have|has|had|got|get|tried|was|am|been|can|can't|cannot|could|couldn't|will|won't|would|wouldn't|should|shouldn't|did|didn't|don't|doesn't|do|struggle|struggling|end|ended|spend|spent|find|found|manage|managed|worked|used|went|came|ran|became|started|stopped|kept|avoid|avoided|keep getting|tend|never|always|usually|often|still|really|prefer|learn|learnt|learned|work|am|missed|lost|moved|took|gave|said|told|asked|been)\b/;
const REQUEST_VERB = /^(?:tell|help|give|show|let|push|challenge|ask|be|keep|stop|call|remind|teach|explain|walk|hold|check|send|pull|point|correct|guide|talk|say|make|don't|do not|stick|treat|go|hit|put|leave|skip|sort|pick|give|focus|bring)\b/;
const OBJECT_WORD = /^(?:each|every|the|a|an|all|both|my|our|your|his|her|their|them|him|her|it|this|that|these|those|one|two|three|some|any|new|more|fewer|less|\d+|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|fridays|people|everyone|someone|time|up|out|down|off|back)\b/;
const NOT_VERB_START = /^(?:too|very|really|not|no|yes|more|less|fewer|most|much|many|lots|loads|plenty|half|only|mostly|always|never|sometimes|often|also|still|already|at|in|on|for|with|to|from|by|about|of|without|after|before|around|over|under|between|during|than|like|as|with)\b/;
const QUALITY_WORD = /^(?:good|great|strong|decent|solid|fast|quick|slow|organised|organized|patient|calm|reliable|better|best|bad|terrible|rubbish|useless|new|tired|busy|swamped|confident|nervous|careful|thorough|decisive|blunt|direct|honest|approachable|technical|experienced|inexperienced|junior|senior|young|quiet|loud|shy|introverted|extroverted|friendly|popular|respected|trusted|known|hands-on|detail-oriented|clinical|happy|comfortable|keen|able)\b/;
const NUMBER_ANSWER = /^(?:(?:maybe|about|around|probably|prob|like|say|honestly|roughly|solid|a|an|i'd say|i guess|erm|um|hmm|so|only|just)\s+)*(\d{1,2}(?:\.5)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*(?:\/\s*10|out of (?:10|ten)))?(?:\s*(?:maybe|probably|ish|i think|i guess))?$/;
const FEELING_START = /^(?:i|we) (?:really |just |still |always |often |sometimes |honestly )?(?:feel|felt)\b|^(?:i'm|i am|we're|we are) (?:really |just |still )?feeling\b/;
const FEELING_STATE = /^(?:i'm|i am|we're|we are|i was|i get|i got) (?:so |really |a bit |quite |very |pretty |kind of |totally |completely |just |constantly )?(?:overwhelmed|stressed|anxious|worried|scared|afraid|nervous|frustrated|exhausted|tired|drained|burnt out|burned out|stuck|lost|angry|upset|annoyed|fed up|lonely|isolated|guilty|ashamed|embarrassed|excited|hopeful|proud|unsure|confused|terrified|torn|drowning|sick of)\b/;
const WISH = /^(?:(?:i|we) (?:really |just |do |still |honestly |actually )?want\b|(?:i|we)(?:'d| would)(?: really| honestly| just)? (?:like|love)\b)\s*/;
const HOPE = /^(?:(?:i|we) (?:really |just |still )?(?:wish|hope)|(?:i'm|i am|we're|we are) (?:really |just |still )?hoping)\b\s*(?:that\s+)?/;
const DIFFICULTY_TO = /^(?:(?:i|we) (?:really |just |still |always |often |kind of |sort of |honestly )?(?:struggle to|find it (?:really |quite |very |so )?(?:hard|difficult|tough) to|can't|cannot|can never|don't know how to|have (?:trouble|a hard time|difficulty)|never manage to|keep failing to)|(?:i'm|i am|we're|we are) (?:really |still |always )?struggling to)\s+/;
const DIFFICULTY_WITH = /^(?:(?:i|we) (?:really |just |still |always |often |kind of |sort of |honestly )?struggle with|(?:i'm|i am|we're|we are) (?:really |still |always |just )?(?:struggling with|not good at|bad at|rubbish at|terrible at|not great at))\s+/;
const IT_IS_HARD = /^(?:it's|it is|its) (?:really |so |quite |very )?(?:hard|difficult|tough) (?:for (?:me|us) )?to\s+/;
const OPINION = /^(?:i|we) (?:really |honestly |still |kind of |sort of |do )?(?:think|believe|reckon|suspect|guess|feel like|feel that|doubt|assume|figure)\b\s*(?:that\s+)?/;
/** A noun then a finite verb ("morale is low", "nurses leave early"): the sentence has its own subject. */
const FINITE_SECOND = /^[a-z'-]+ (?:is|was|are|were|has|have|had|does|did|doesn't|don't|didn't|won't|can't|isn't|wasn't|aren't|will|would|can|could|should|keeps|kept|gets|got|seems|feels|looks|goes|went|never|always|just|barely|really|still|hardly|rarely|often|says|said|thinks|wants|needs|takes|took|makes|made|runs|ran)\b/;
const HAS_CLAUSE = /\b(?:is|are|was|were|am|be|been|has|have|had|would|could|will|can|can't|won't|should|did|does|do|don't|doesn't|didn't|isn't|wasn't|i|we|he|she|they|you|i'm|you're|we're|they're|it's|there's)\b|\w's (?:been|got|gone|had)\b|=/;
const EVALUATIVE = /\b(?:should|shouldn't|ought to|unfair|ridiculous|pointless|broken|the problem is|the issue is|the real problem|waste of time|doesn't work|never works|no point)\b/;

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
  if (!first || NOT_VERB_START.test(first) || SUBJECT_START.test(first) || QUALITY_WORD.test(first)) return false;
  // "Confidence 6.", "Obstacle: …", "Success: …": a heading, not an instruction.
  if (/^(?:confidence|commitment|committed|obstacle|obstacles|success|experiment|strengths?|learning|progress|budget|check-?in)$/.test(first)) return false;
  if (REQUEST_VERB.test(standard)) return true;
  const tag = LEXICON[first];
  if (tag === 'Infinitive' || tag === 'PhrasalVerb') return true;
  return second !== '' && OBJECT_WORD.test(second) && !/(?:ing|ed|s)$/.test(first) && !/^(?:Adjective|Comparative|Superlative|Preposition|Conjunction|Determiner|Pronoun|Adverb|Value)$/.test(tag ?? '');
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
  const standard = standardWords(core).replace(/^(?:(?:well|so|um+|uh+|erm|hmm+|ok|okay|yeah|yes|right|honestly|and|but|also|tbh),?\s+)+/, '');
  const plain = toSecondPerson(core);
  ALIGNED = align(core);
  if (standard === '') return { kind: 'none', body: '', plain };
  const number = NUMBER_ANSWER.exec(standard);
  if (number) return { kind: 'number', body: number[1]!, plain };

  if (isQuestion || /^(?:how|what|why|should|can|could|would|will|do|does|is|am|are) (?:i|we|you|u|it|this|that|there)\b/.test(standard)) {
    const toCoach = /^(?:can|could|would|will) you (?:please |just )?(.+)$/.exec(standard);
    if (toCoach && REQUEST_VERB.test(toCoach[1]!)) return { kind: 'request', body: own(toCoach[1]!), plain };
    const how = /^(how|what|where|when|who|which) (?:do|can|should|could|shall) (?:i|we) (.+)$/.exec(standard);
    if (how) return { kind: 'question', body: `${how[1]} to ${own(how[2]!)}`, plain };
    const whether = /^(should|shall|can|could|do) (?:i|we) (.+)$/.exec(standard);
    if (whether) {
      const rest = own(whether[2]!);
      const body = whether[1] === 'should' || whether[1] === 'shall' ? `whether to ${rest}` : whether[1] === 'do' ? `whether you ${rest}` : `whether you can ${rest}`;
      return { kind: 'question', body, plain };
    }
    const amI = /^(?:am i|are we) (.+)$/.exec(standard);
    if (amI) return { kind: 'question', body: `whether you're ${own(amI[1]!)}`, plain };
    const isIt = /^(is|was) (it|this|that|there) (.+)$/.exec(standard);
    if (isIt) return { kind: 'question', body: `whether ${isIt[2]} ${isIt[1]} ${own(isIt[3]!)}`, plain };
    const why = /^why (?:do|can't|don't|did|didn't) (?:i|we) (.+)$/.exec(standard);
    if (why) return { kind: 'question', body: `why you ${/^(?:can't|don't|didn't)/.test(standard.split(' ')[1]!) ? `${standard.split(' ')[1]} ` : ''}${own(why[1]!)}`, plain };
    if (isQuestion) return { kind: 'question', body: '', plain };
  }

  // "Experiment: rewrite the RFC …", "one thing: pair each …": the label names it, the words after it say it.
  const label = /^([^:]{1,30}):\s+(\S.*)$/.exec(core);
  if (label && label[1]!.split(/\s+/).length <= 4 && !/=/.test(label[1]!)) {
    const inner = readClause(label[2]!);
    if (inner.kind !== 'none' && inner.kind !== 'number') return inner;
  }
  if (FEELING_START.test(standard) || FEELING_STATE.test(standard)) return { kind: 'feeling', body: own(standard), plain };
  if (HOPE.test(standard)) return { kind: 'hope', body: after(HOPE, standard), plain };
  if (WISH.test(standard)) {
    const wish = after(WISH, standard);
    const first = wish.split(' ')[0]!.toLowerCase();
    return { kind: 'wish', body: LEXICON[first] === 'Infinitive' && !/^(?:more|less|help|time|space|support|feedback|work)$/.test(first) ? `to ${wish}` : wish, plain };
  }
  if (DIFFICULTY_TO.test(standard)) return { kind: 'difficulty', body: after(DIFFICULTY_TO, standard), plain };
  if (IT_IS_HARD.test(standard)) return { kind: 'difficulty', body: after(IT_IS_HARD, standard), plain };
  if (DIFFICULTY_WITH.test(standard)) return { kind: 'struggle', body: after(DIFFICULTY_WITH, standard), plain };
  if (OPINION.test(standard)) return { kind: 'opinion', body: after(OPINION, standard), plain };

  const bare = standard.replace(FILLER_WORDS, '').replace(FILLER_WORDS, '');
  // "problem is i end up …", "thing is …": the article the chat left out.
  const noArticle = /^(problem|thing|issue|trouble|worry|truth|reality|catch|risk|plan|idea|goal|aim) is\b/.exec(bare);
  if (noArticle) return readSubject(`the ${bare}`, `the ${own(bare)}`);
  if (SUBJECT_START.test(bare) || FINITE_SECOND.test(bare) || /^[A-Z][a-z]+ (?:is|was|has|had|does|did|doesn't|didn't|won't|can't|keeps|wants|says|said|thinks|told|asked|\w+s)\b/.test(core.replace(FILLER_WORDS, ''))) {
    return readSubject(bare, own(bare));
  }
  if (opensWithInstruction(bare)) {
    const firstPerson = /\b(?:me|my|i|i'm|us|our)\b/.test(bare);
    const negative = /^(?:don't|do not)\s+/.exec(bare);
    if (negative && firstPerson) return { kind: 'request', body: `not ${own(bare.slice(negative[0].length))}`, plain };
    if (firstPerson && REQUEST_VERB.test(bare)) return { kind: 'request', body: own(bare), plain };
    if (!negative) return { kind: 'idea', body: own(bare), plain };
  }
  // "can't say no to people", "tried that already": the subject a chat message leaves out is the client.
  if (SUBJECTLESS_VERB.test(bare)) {
    const withSubject = `i ${originalTail(ALIGNED, bare, 0)}`;
    const again = readClause(withSubject);
    return { ...again, plain: again.kind === 'none' ? toSecondPerson(withSubject) : again.plain };
  }
  if (QUALITY_WORD.test(bare) || /^(?:\w+est|most \w+)\b/.test(bare) && LEXICON[bare.split(' ')[0]!] === 'Superlative') {
    const superlative = LEXICON[bare.split(' ')[0]!] === 'Superlative' || /^most\b/.test(bare);
    return { kind: 'quality', body: `${superlative ? 'the ' : ''}${own(bare)}`, plain };
  }
  if (contentWordCount(bare) < 1 && bare.split(' ').length < 3) return { kind: 'none', body: '', plain };
  // A verb or a subject somewhere ("in my culture we are more indirect", "budget's been cut"): a sentence, given back as one.
  if (HAS_CLAUSE.test(bare)) return readSubject(bare, own(bare));
  return { kind: 'fragment', body: own(bare), plain };
}

/** A sentence with its own subject: a fact, or an opinion when it judges. */
function readSubject(standard: string, body: string): Clause {
  return { kind: EVALUATIVE.test(standard) ? 'opinion' : 'fact', body, plain: body };
}

function contentWordCount(text: string): number {
  return (text.match(/[a-z0-9']+/g) ?? []).filter((word) => word.length > 2 && !/^(?:the|and|but|for|with|that|this|all|too|very|just|really|not|any|some|doing|done|stuff|things?|yes|yeah|okay|nope)$/.test(word)).length;
}
