import type { NeedCategory } from '../domain/schemas.js';
import type { SessionState } from '../session/state.js';
import { DIFFICULT_FEELINGS } from './feelings.js';
import { type Clause, type ClauseKind, readClause, toSecondPerson } from './paraphrase.js';
import { promptBank } from './prompt-bank.js';
import type { PlannedMove, Understanding } from './types.js';
import { capitalize, contentWords, joinList, lowerFirst, normalize, shorten, splitSentences, stripFinalPunctuation, stripLeadingFiller } from './text.js';

/**
 * Reflections: the coach's way of showing it heard. A simple reflection gives the client's meaning
 * back in the coach's voice; a complex one adds what was implied: the feeling, the need underneath,
 * or both sides of an ambivalence. Stems rotate with the turn and a reflection already said in
 * this session is never said again word for word.
 */

/** Fills `{name}` placeholders; `{Name}` gets a capitalised value. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key] ?? values[key.charAt(0).toLowerCase() + key.slice(1)] ?? '';
    // A slot filled mid-sentence starts lower-case ("The way you see it, you learn …"), unless it is "I" or a name.
    return key.charAt(0) === key.charAt(0).toUpperCase() ? capitalize(value) : lowerFirst(value);
  });
}

/** The first stem (rotating from `seed`) whose rendering was not said before in this session. */
export function pickFresh(stems: readonly string[], seed: number, values: Record<string, string>, said: readonly string[]): string | null {
  for (let offset = 0; offset < stems.length; offset++) {
    const text = fill(stems[(seed + offset) % stems.length]!, values);
    if (!said.some((previous) => previous.includes(text))) return text;
  }
  return null;
}

/** A feeling named over something that is not a clause ("panicking on the day"): about it, not because of it. */
const FEELING_ABOUT = ["It sounds like you're feeling {feeling} about {p}.", "You're feeling {feeling} about {p}."];

const UNCERTAIN = /^(?:i )?(?:don't|do not|dont) know\b|^(?:not sure|no idea|dunno|hard to say|i'm not sure|i am not sure|no clue|beats me|unsure|maybe|perhaps|i guess)\b/i;
const CONTRAST = /\s*(?:,\s*)?\b(?:but|although|though|yet|however|on the other hand|at the same time|and yet)\b\s*/i;

/** Splits an ambivalent sentence ("I want to delegate, but I'm afraid it'll slip") into its two sides. */
function twoSides(text: string): [string, string] | null {
  for (const sentence of splitSentences(text)) {
    const match = CONTRAST.exec(sentence);
    if (!match || match.index === 0) continue;
    const first = stripFinalPunctuation(stripLeadingFiller(sentence.slice(0, match.index)));
    const second = stripFinalPunctuation(sentence.slice(match.index + match[0].length));
    if (contentWords(first).length >= 2 && contentWords(second).length >= 2 && first.split(' ').length >= 3 && second.split(' ').length >= 3) {
      return [lowerStart(toSecondPerson(shorten(first, 14))), lowerStart(toSecondPerson(shorten(second, 14)))];
    }
  }
  return null;
}

function lowerStart(text: string): string {
  return /^I\b/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Stems by what the sentence says (see `readClause`): a plain fact is never framed as an opinion
 * ("as you see it, you're a second year doctor"), a request never echoed as an instruction.
 * `{b}` is the clause the kind carries, `{p}` the whole sentence in the coach's voice.
 */
const FRAMES: Record<ClauseKind, readonly string[]> = {
  fact: ['So {p}.', "You're saying {p}.", 'In other words, {p}.'],
  opinion: ['It sounds like {b}.', 'So as you see it, {b}.', 'The way you see it, {b}.'],
  feeling: ['It sounds like {b}.', 'So {b}.'],
  wish: ["You'd like {b}.", 'So what you want is {b}.', 'What you’re after is {b}.'],
  hope: ["You're hoping {b}.", 'So you hope {b}.'],
  difficulty: ["It's hard for you to {b}.", 'Right now it’s a struggle to {b}.', 'So {p}.'],
  struggle: ["You're struggling with {b}.", "So {b} is hard for you right now."],
  request: ["You'd like me to {b}.", 'So you want me to {b}.'],
  idea: ['So one idea is to {b}.', 'One option, then, is to {b}.', 'So you could {b}.'],
  question: ["You're wondering {b}.", 'So the question for you is {b}.'],
  quality: ["You're {b}.", "So you're {b}."],
  fragment: ['Right: {b}.', 'So it comes down to {b}.'],
  number: [],
  none: [],
};

/**
 * A one- or two-word answer ("No time.", "Fires.", "Doing.") read through the question just asked
 * (the id's middle part: "partnership.constraints.1" → "constraints"): the answer, placed.
 */
const ANSWER_FRAMES: Record<string, readonly string[]> = {
  reality: ["{F}: that's where it gets stuck.", 'So {f} is where the difficulty sits.'],
  constraints: ["{F}: that's the limit you're working with.", "So {f} is what any plan has to respect."],
  success: ["{F}: that's how you'd know it's working.", 'So {f} would be the sign of progress.'],
  learning: ["{F}: that's how you learn best.", 'So you learn best by {f}.'],
  strengths: ["{F}: that's a strength to build on.", "So {f} is something you're good at."],
  experiment: ["{F}: that's something you could try.", 'So one thing to try is {f}.'],
  obstacles: ["{F}: that's what's most likely to get in the way.", 'So {f} could get in the way.'],
  adjust: ["{F}: that's how you'd adjust.", 'So {f} is your way of adjusting course.'],
};

/** "That's how I learn", "it's why I stay": a sentence that only comments on the one before it. */
const ANAPHOR = /^(?:that's|thats|that is|this is|it's|its|which is) (?:how|what|why|the way|when|where|all)\b/i;

/** The sentence the paraphrase was made from (the understanding picks the most telling one). */
function sourceIndex(sentences: string[], paraphrase: string): number {
  const target = normalize(paraphrase);
  const index = sentences.findIndex((sentence) => normalize(lowerFirst(toSecondPerson(stripFinalPunctuation(shorten(stripLeadingFiller(sentence), 24))))) === target);
  return index >= 0 ? index : 0;
}

export interface FramedReflection {
  kind: ClauseKind;
  text: string;
  clause: Clause;
}

/**
 * A simple reflection framed by the kind of sentence it reflects, grounded in the client's words:
 * "tell me straight if im doing it wrong. thats how i learn" → "You'd like me to tell you straight
 * if you're doing it wrong: that's how you learn." Null when the sentence carries nothing to give
 * back on its own (a bare number, one word, a question with no content of the client's).
 */
export function frameReflection(text: string, paraphrase: string, seed: number, said: readonly string[], slot: string | null = null): FramedReflection | null {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return null;
  const answerFrames = slot ? ANSWER_FRAMES[slot] : undefined;
  if (answerFrames && sentences.length === 1 && text.trim().split(/\s+/).length <= 3) {
    const clause = readClause(sentences[0]!);
    const words = lowerFirst(stripFinalPunctuation(stripLeadingFiller(clause.plain)));
    if ((clause.kind === 'none' || clause.kind === 'fragment' || clause.kind === 'quality') && /[a-z]{3,}/i.test(words)) {
      const rendered = pickFresh(answerFrames, seed, { f: words }, said);
      if (rendered) return { kind: clause.kind, text: rendered, clause };
    }
  }
  let index = sourceIndex(sentences, paraphrase);
  // The comment ("that's how I learn") leans on the sentence before it: reflect that one, with the comment.
  if (ANAPHOR.test(stripLeadingFiller(sentences[index]!)) && index > 0) index -= 1;
  let clause = readClause(shorten(sentences[index]!, 24));
  if ((clause.kind === 'none' || clause.kind === 'number') && sentences.length > 1) {
    const other = sentences.map((sentence) => readClause(shorten(sentence, 24))).find((candidate) => candidate.kind !== 'none' && candidate.kind !== 'number' && FRAMES[candidate.kind].length > 0 && (candidate.kind !== 'question' || candidate.body !== ''));
    if (other) clause = other;
  }
  if (clause.kind === 'question' && clause.body === '') return null;
  // One word ("Committed.", "nights") is acknowledged, not dressed up as a sentence.
  const stems = clause.kind === 'fragment' && clause.body.split(' ').length === 1 ? ['{B}, then.'] : FRAMES[clause.kind];
  if (stems.length === 0) return null;
  const body = stripFinalPunctuation(shorten(clause.body, 20));
  const plain = lowerFirst(stripFinalPunctuation(shorten(stripLeadingFiller(clause.plain), 20)));
  if (contentWords(body || plain).length === 0) return null;
  let tail = '';
  const next = sentences[index + 1];
  if (next && ANAPHOR.test(stripLeadingFiller(next))) tail = `: ${lowerFirst(toSecondPerson(stripFinalPunctuation(stripLeadingFiller(next))))}`;
  else if (next && clause.kind === 'quality') {
    // "good at the job. fastest picker on site": two qualities make one picture.
    const second = readClause(shorten(next, 16));
    if (second.kind === 'quality' || second.kind === 'fragment') tail = ` — ${stripFinalPunctuation(second.body)}`;
  }
  const values = { b: body, p: plain || body };
  for (let offset = 0; offset < stems.length; offset++) {
    const stem = stems[(seed + offset) % stems.length]!;
    const filled = fill(stem, values);
    const rendered = tail ? filled.replace(/\.$/, `${tail}.`) : filled;
    if (!said.some((previous) => previous.includes(rendered))) return { kind: clause.kind, text: rendered, clause };
  }
  return null;
}

/** Wish and difficulty in one message ("I want to delegate. I'm scared it'll slip."): the two sides. */
function wishAndDifficulty(text: string): [string, string] | null {
  if (!/\b(?:want|wanna|like|love)\b/i.test(text) || !/\b(?:struggl\w*|can't|cant|cannot|hard|difficult|tough|feel|felt|scared|afraid|worried|anxious)\b/i.test(text)) return null;
  const clauses = splitSentences(text).map((sentence) => readClause(shorten(sentence, 18)));
  const wish = clauses.find((clause) => clause.kind === 'wish');
  const hard = clauses.find((clause) => clause.kind === 'difficulty' || clause.kind === 'struggle' || clause.kind === 'feeling');
  if (!wish || !hard) return null;
  const a = `you'd like ${stripFinalPunctuation(wish.body)}`;
  const b = hard.kind === 'difficulty' ? `it's hard to ${stripFinalPunctuation(hard.body)}` : hard.kind === 'struggle' ? `you're struggling with ${stripFinalPunctuation(hard.body)}` : lowerFirst(stripFinalPunctuation(hard.body));
  return contentWords(a).length >= 1 && contentWords(b).length >= 1 ? [a, b] : null;
}

/**
 * A bare number or one word answers the question just asked: "7" after the confidence question is a
 * confidence, "fortnightly" after the check-in question a rhythm. Null when the question gives no reading.
 */
export function contextualAnswer(state: SessionState, text: string, seed: number, said: readonly string[]): PlannedMove | null {
  const clause = readClause(text);
  const last = state.asked[state.asked.length - 1] ?? '';
  const slot = last.split('.')[1] ?? '';
  if (clause.kind === 'number' && /^confidence/.test(slot)) {
    const n = /^\d/.test(clause.body) ? clause.body : String(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].indexOf(clause.body));
    const stems = slot === 'confidence_raise' ? ["So a {n} out of 10 is where you'd like to get to.", 'A {n} out of 10 would feel like progress.'] : promptBank().reflections.confidence;
    const reply = pickFresh(stems, seed, { n }, said);
    return reply ? { kind: 'simple_reflection', label: 'reads the number as confidence', text: reply } : null;
  }
  return null;
}

/** A rhythm in words the coach can say back: "fortnightly" → "every two weeks". */
export function rhythmPhrase(rhythm: string): string {
  const lower = rhythm.trim().toLowerCase();
  const words: Record<string, string> = { weekly: 'every week', fortnightly: 'every two weeks', biweekly: 'every two weeks', 'bi-weekly': 'every two weeks', monthly: 'once a month', daily: 'every day' };
  return words[lower] ?? (/^[A-Z][a-z]+ly\b/.test(rhythm) ? lowerFirst(rhythm) : rhythm.trim());
}

export interface ReflectionContext {
  state: SessionState;
  understanding: Understanding;
  text: string;
  seed: number;
  said: readonly string[];
  /** Categories the client voiced before this turn: naming them again would be an echo. */
  knownCategories: ReadonlySet<NeedCategory>;
}

/**
 * One or two reflective moves for this message: a simple paraphrase, plus (when the message
 * carries it) a complex reflection naming a new need, an implied feeling, or two sides.
 */
export function reflect(context: ReflectionContext): PlannedMove[] {
  const { understanding, seed, said } = context;
  const bank = promptBank().reflections;
  const moves: PlannedMove[] = [];
  const trimmed = context.text.trim();
  // Thanks, greetings and closings are answered, not reflected; a bare "yes, that's right" agrees with what was said.
  if (understanding.pleasantry || understanding.affirms) return [];
  if (UNCERTAIN.test(normalize(trimmed)) && contentWords(trimmed).length <= 4) {
    const text = pickFresh(bank.uncertain, seed, {}, said);
    return text ? [{ kind: 'simple_reflection', label: 'reflects uncertainty', text }] : [];
  }
  const paraphrase = understanding.paraphrase;
  if (!paraphrase || contentWords(paraphrase).length === 0) return [];
  // A question put to the coach about something else ("what's the capital of France?") is not the client's content.
  if (isOffTopicQuestion(trimmed)) return [];
  // "No, that's enough for now" or "yes, that's right" answer the process; echoing them is parroting.
  if (understanding.intent !== null && trimmed.split(/\s+/).length <= 8) return [];

  const sides = twoSides(context.text) ?? wishAndDifficulty(context.text);
  if (sides) {
    const text = pickFresh(bank.twoSided, seed, { a: sides[0], b: sides[1] }, said);
    if (text) moves.push({ kind: 'complex_reflection', label: 'reflects both sides', text });
  }

  const feeling = understanding.feelings.find((name) => DIFFICULT_FEELINGS.has(name));
  const newNeed = understanding.needs.find((need) => need.confidence >= 0.7 && need.category !== 'other' && !context.knownCategories.has(need.category));
  // A success signal is reflected as one ("You'd know it's working when …"), never with a feeling stem glued on.
  const success = moves.length === 0 ? successClause(context.text) : null;
  if (success) {
    const text = pickFresh(bank.success, seed, { s: success }, said);
    if (text) moves.push({ kind: 'simple_reflection', label: 'reflects the success signal', text });
  }
  // A new limit is given back as a limit, first.
  if (moves.length === 0) {
    const limit = constraintReflection(understanding, seed, said);
    if (limit) moves.push(limit);
  }
  if (moves.length === 0) {
    const slot = context.state.asked[context.state.asked.length - 1]?.split('.')[1] ?? null;
    const framed = frameReflection(context.text, paraphrase, seed, said, slot);
    // The feeling is named over a clause with its own subject ("because your boss …"), never over a fragment.
    const clausal = framed !== null && (framed.kind === 'fact' || framed.kind === 'opinion' || framed.kind === 'difficulty');
    if (feeling && framed && !new RegExp(`\\b${feeling}`, 'i').test(context.text) && (clausal || framed.kind === 'struggle' || framed.kind === 'fragment')) {
      const p = clausal ? stripFinalPunctuation(shorten(framed.kind === 'difficulty' ? framed.clause.plain : framed.clause.body, 18)) : stripFinalPunctuation(shorten(framed.clause.body, 12));
      const stems = clausal ? bank.feeling : FEELING_ABOUT;
      const text = pickFresh(stems, seed, { feeling, p: lowerFirst(p) }, said);
      if (text) moves.push({ kind: 'complex_reflection', label: `names the feeling: ${feeling}`, text });
    }
    if (moves.length === 0 && framed) moves.push({ kind: 'simple_reflection', label: `paraphrases the client (${framed.kind})`, text: framed.text });
  }
  // A need heard before, voiced again: link the two moments (once per need), which deepens rather than echoes.
  const returning = understanding.needs.find((need) => need.category !== 'other' && context.knownCategories.has(need.category));
  if (!newNeed && returning && moves.length < 2) {
    const phrase = bank.needPhrases[returning.category];
    const linkedBefore = said.some((previous) => previous.includes(phrase) && bank.link.some((stem) => previous.includes(stem.split('{')[0]!.trim())));
    const text = linkedBefore ? null : pickFresh(bank.link, seed, { need: phrase }, said);
    if (text) moves.push({ kind: 'complex_reflection', label: `links back to the need: ${returning.category}`, text });
  }
  if (newNeed) {
    const text = pickFresh(bank.need, seed + 1, { need: bank.needPhrases[newNeed.category] }, said);
    if (text) moves.push({ kind: 'complex_reflection', label: `names the need: ${newNeed.category}`, text });
  }
  if (moves.length === 0) {
    // Said before, word for word: reflect the theme instead of echoing.
    const topic = understanding.keyPhrases[0];
    const text = topic ? pickFresh(bank.repeated, seed, { topic: toSecondPerson(topic).toLowerCase() }, said) : null;
    if (text) moves.push({ kind: 'complex_reflection', label: 'notices a recurring theme', text });
  }
  return moves;
}

/** A question to the coach with nothing of the client in it. */
export function isOffTopicQuestion(text: string): boolean {
  const lower = normalize(text);
  return /\?\s*$/.test(lower) && !/\b(?:i|i'm|i've|i'd|me|my|we|our|us)\b/.test(lower);
}

/**
 * After a detour (an off-topic question, an advice request, an attempt to re-role the coach),
 * come back with the client's own earlier words, so the next question lands on their concern.
 */
export function bridgeBack(state: SessionState, seed: number, said: readonly string[]): PlannedMove | null {
  const need = [...state.needs].sort((first, second) => second.confidence - first.confidence)[0];
  const quote = need?.evidence[0] ?? state.goals[0]?.quote ?? state.agreement.purpose?.quote;
  if (!quote) return null;
  const p = lowerStart(toSecondPerson(stripFinalPunctuation(shorten(stripLeadingFiller(quote), 16))));
  const text = pickFresh(promptBank().reflections.bridge, seed, { p }, said);
  return text ? { kind: 'simple_reflection', label: "brings the client's concern back", text } : null;
}

/**
 * A clause cut to at most `maxWords` words only at a natural break (a comma, "and", "but"), never
 * mid-phrase: null when no clean break leaves enough of it.
 */
export function wholeClause(text: string, maxWords: number): string | null {
  const clean = stripFinalPunctuation(text.trim()).replace(/[,;:]+$/, '');
  const tokens = clean.split(/\s+/);
  if (tokens.length <= maxWords) return clean;
  const head = tokens.slice(0, maxWords + 1).join(' ');
  const cuts = [...head.matchAll(/,\s|;\s|\s(?:and|but|because|so)\s/g)].map((match) => match.index);
  const at = cuts.filter((index) => index !== undefined && head.slice(0, index).split(/\s+/).length >= 5).pop();
  return at === undefined ? null : stripFinalPunctuation(head.slice(0, at)).replace(/[,;:]+$/, '');
}

/** Words that voice a difficulty, a feeling or a pattern: the need in the client's words. */
const VOICES_DIFFICULTY = /\b(?:hard|harder|difficult|struggl\w*|can't|cannot|couldn't|don't|doesn't|won't|never|always|keep|keeps|feel|feels|felt|afraid|scared|worried|anxious|stuck|betray\w*|guilt\w*|too (?:much|many|often)|overwhelm\w*|late|problem|issue|avoid\w*|dread\w*|fraud|freez\w*|nobody|no one|end up|redo\w*|\d{1,2} ?pm|nights|evenings|weekends|midnight|everything|every|drown\w*|exhaust\w*|tired|stress\w*|hate|frustrat\w*|barely|pending|unhappy|not sure|no idea|lost|fail\w*)\b/i;

/** Whether two clauses say mostly the same thing. */
function overlaps(first: string, second: string): boolean {
  const a = new Set(contentWords(first));
  const b = contentWords(second);
  return b.length > 0 && b.filter((word) => a.has(word)).length >= Math.max(2, Math.min(a.size, b.length) * 0.6);
}

/** A client sentence in the coach's voice, lower-cased and without its opening filler ("also", "and"). */
function voiced(quote: string): string {
  return lowerStart(toSecondPerson(stripFinalPunctuation(stripLeadingFiller(quote).replace(/^(?:also|plus|oh and|and also)\b[,\s]*/i, ''))));
}

const SUCCESS_LEAD = /\b(?:success (?:would|will|to me would)? ?(?:be|look like|looks like|mean|means|is)|(?:a win|progress|winning|success) ?(?:=|:|would be|will be|is)|i(?:'d| would|'ll| will) know (?:(?:that )?(?:it's|it is|it|this|that)(?: (?:was|is|has|had))? ?(?:been )?(?:working|worked|succeeded|paid off|landed)? ?)?(?:when|if|because)|it(?:'d| would) be (?:a win|a success|progress|good|great) if|the (?:sign|proof|signal) (?:would be|is|will be)|what good looks like is|good would look like)\s*(?:that\s+|:\s*|-\s*)?/i;
const GERUND_BASE: Record<string, string> = { having: 'have', getting: 'get', making: 'make', feeling: 'feel', going: 'go', doing: 'do', seeing: 'see', saying: 'say', taking: 'take', giving: 'give', leaving: 'leave', spending: 'spend', knowing: 'know', hearing: 'hear', running: 'run', finishing: 'finish', handing: 'hand', sleeping: 'sleep', leading: 'lead', coming: 'come', writing: 'write', using: 'use', closing: 'close', shipping: 'ship', stopping: 'stop', sending: 'send', asking: 'ask', telling: 'tell', holding: 'hold', keeping: 'keep', walking: 'walk', trusting: 'trust', letting: 'let' };
const SUBJECT_START = /^(?:you|you're|you've|you'd|he|he's|she|she's|they|they're|we|we're|it|it's|there|there's|the|your|his|her|their|our|this|that|these|those|people|everyone|everybody|nobody|no one|someone|one|each|every|all|most|half|[A-Z][a-z]+ (?:is|was|has|does|doesn't|can|will|says|stops|starts|gets|answers|comes|takes))\b/;
const HAS_VERB = /\b(?:is|are|was|were|am|has|have|had|do|does|did|don't|doesn't|didn't|can|can't|could|will|won't|would|no longer|\w+(?:ed|es))\b|\b(?:you|they|we|he|she) [a-z]+\b/i;

/**
 * A success signal as a clause after "when": "success would be having the conversation with Dev
 * without dreading it" → "you have the conversation with Dev without dreading it". Null when the
 * text states no success signal.
 */
export function successClause(text: string): string | null {
  for (const sentence of splitSentences(text)) {
    const match = SUCCESS_LEAD.exec(sentence);
    if (!match) continue;
    let after = sentence.slice(match.index + match[0].length).trim();
    for (let guard = 0; guard < 4; guard++) after = after.replace(/^(?:like|kind of|sort of|i guess|i think|maybe|probably|honestly|basically|just|um+|uh+)\b[,\s]*/i, '');
    const rest = wholeClause(toSecondPerson(after), 24);
    if (!rest || contentWords(rest).length < 2) continue;
    return successWhen(rest);
  }
  return null;
}

/** A success signal (already in the coach's voice) as a clause that can follow "when". */
export function successWhen(signal: string): string {
  const rest = lowerStart(stripFinalPunctuation(signal.trim()));
  const notHaving = /^not having to\s+/i.exec(rest);
  if (notHaving) return `you don't have to ${rest.slice(notHaving[0].length)}`;
  const being = /^being\s+/i.exec(rest);
  if (being) return `you're ${rest.slice(being[0].length)}`;
  const gerund = /^(not\s+)?([a-z]+ing)\b/i.exec(rest);
  if (gerund && !/^(?:nothing|everything|something|anything|morning|evening|meeting|thing|king|ring|spring|string|during)$/i.test(gerund[2]!)) {
    const base = GERUND_BASE[gerund[2]!.toLowerCase()];
    const tail = rest.slice(gerund[0].length);
    if (base) return `you ${gerund[1] ? "don't " : ''}${base}${tail}`;
    return `you're ${gerund[1] ?? ''}${gerund[2]}${tail}`;
  }
  // "your roadmap getting approved": a subject with an -ing verb is something you'd see happen.
  const ing = /^((?:\S+ ){1,4}?)([a-z]+ing)\b/i.exec(rest);
  if (ing && !/\b(?:is|are|was|were|am|be|been|keep|keeps|stop|stops|start|starts|'re|'s)\b|'re\b|'s\b/i.test(ing[1]!) && !/^(?:you|he|she|they|we|it)\b/i.test(rest)) return `you see ${rest}`;
  if (SUBJECT_START.test(rest) && HAS_VERB.test(rest)) return rest;
  return `you see ${rest}`;
}

/** Words that make a sentence a real limit rather than a passing mention of time or money. */
const LIMIT_WORDS = /\b(?:budget|people short|short[- ]handed|no slack|no spare|stretched|runway|frozen|freeze|hiring|hires?|headcount|no money|no time|can't|cannot|couldn't|only|limited|not allowed|policy|deadline|until|no more than|at most|capacity|short[- ]staffed|understaffed|part[- ]time|maximum|max|won't (?:approve|pay|let))\b/i;

/**
 * A new limit the client just named, given back first: "our budget is frozen until Q3 so no new
 * hires" → "No new hires, then — your budget is frozen until Q3." Null when the message names none.
 */
export function constraintReflection(understanding: Understanding, seed: number, said: readonly string[]): PlannedMove | null {
  const constraint = understanding.constraints[0];
  if (!constraint) return null;
  const sentence = splitSentences(constraint.quote).find((candidate) => LIMIT_WORDS.test(candidate));
  if (!sentence) return null;
  const clause = wholeClause(voiced(sentence), 20);
  if (!clause || contentWords(clause).length < 2) return null;
  const parts = /^(.+?),?\s+(?:so|which means)\s+(.+)$/i.exec(clause);
  if (parts && parts[1]!.split(' ').length >= 3 && parts[2]!.split(' ').length >= 2) {
    const text = `${capitalize(parts[2]!.split(/,\s+/)[0]!)}, then — ${parts[1]}.`;
    if (!said.some((previous) => previous.includes(text))) return { kind: 'simple_reflection', label: `reflects the limit: ${constraint.kind}`, text };
  }
  const text = pickFresh(promptBank().reflections.constraint, seed, { c: clause }, said);
  return text ? { kind: 'simple_reflection', label: `reflects the limit: ${constraint.kind}`, text } : null;
}

/**
 * A summary of what matters most so far, in two or three short sentences in the client's words:
 * what is hard (the need, as they said it), what they want, and a strength (or the success signal,
 * or the latest limit). Every clause is whole: a clause that cannot be cut cleanly is left out.
 */
export function summarize(state: SessionState, seed: number, said: readonly string[], options: { skipConstraintSeq?: number; heard?: string } = {}): PlannedMove | null {
  const bank = promptBank().reflections;
  const sentences: string[] = [];
  // The need voiced first with confidence is usually the heart of it; later ones are context.
  const named = state.needs.filter((candidate) => candidate.category !== 'other');
  const need = named.find((candidate) => candidate.confidence >= 0.7) ?? [...named].sort((first, second) => second.confidence - first.confidence)[0];
  let first: string | null = null;
  if (need) {
    // The client's own words when they voice the difficulty itself; a bare fact ("you run a team of 9") is not a need.
    const quote = need.evidence.map((evidence) => wholeClause(voiced(evidence), 12)).find((clause) => clause !== null && clause.split(' ').length >= 5 && VOICES_DIFFICULTY.test(clause));
    first = quote ?? `${need.summary} matters to you`;
  }
  const goal = state.goals[0];
  let want: string | null = null;
  if (goal) {
    const wish = wholeClause(goal.text.replace(/^(?:you )?(?:want to |would like to )/i, ''), 14);
    if (wish) want = /^for\s/i.test(wish) ? `you want ${wish.slice(4)}` : `you want to ${wish}`;
  }
  const extras: string[] = [];
  const strength = state.strengths[0] ? wholeClause(state.strengths[0].text, 12) : null;
  if (strength) extras.push(`and you bring a real strength to this: ${strength}`);
  // A second need, in the client's words, when it was voiced as a difficulty.
  const other = named.find((candidate) => candidate !== need && candidate.category !== need?.category && candidate.confidence >= 0.7);
  const otherQuote = other?.evidence.map((evidence) => wholeClause(voiced(evidence), 12)).find((clause) => clause !== null && clause.split(' ').length >= 5 && VOICES_DIFFICULTY.test(clause) && (!first || !overlaps(first, clause)));
  if (otherQuote) extras.push(`and ${otherQuote}`);
  const signal = state.successSignals[0] ? wholeClause(state.successSignals[0].text, 14) : null;
  if (signal) extras.push(`you'd know it's working when ${successWhen(signal)}`);
  const limit = options.skipConstraintSeq !== undefined ? undefined : [...state.constraints].filter((constraint) => constraint.evidence.some((quote) => LIMIT_WORDS.test(quote))).sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))[0];
  if (limit) extras.push(`and you're working within ${limit.summary}`);
  // Nothing the coach just said (the reflection in front of the summary) or said in the last summary is echoed.
  const heard = new Set(contentWords(options.heard ?? ''));
  const fresh = (item: string) => {
    const itemWords = contentWords(item);
    return itemWords.filter((word) => heard.has(word)).length < Math.max(2, itemWords.length * 0.6);
  };
  const saidBefore = (item: string) => said.some((previous) => previous.toLowerCase().includes(item.toLowerCase().replace(/^and /, '')));
  // The need and the want said in the same words are said once.
  if (first && want && overlaps(first, want)) first = need ? `${need.summary} matters to you` : null;
  const core = [first, want].filter((item): item is string => item !== null && fresh(item));
  const others = extras.filter(fresh);
  const extra = [...others.filter((item) => !saidBefore(item)), ...others.filter(saidBefore)];
  const bare = (item: string) => item.replace(/^and /, '');
  // Two or three short sentences: what matters and what they want in one, then one more thread.
  const pool = [...core, ...extra];
  if (pool.length < 2) return null;
  const head = core.length > 0 ? core : [extra[0]!];
  const rest = pool.filter((item) => !head.includes(item)).slice(0, 1);
  const lead = head.length > 1 ? `${head[0]}, and ${bare(head[1]!)}` : bare(head[0]!);
  const tail = rest.map((item) => `${capitalize(item)}.`).join(' ');
  for (let offset = 0; offset < bank.summary.length; offset++) {
    const text = `${fill(bank.summary[(seed + offset) % bank.summary.length]!, { items: lead })} ${tail}`.trim();
    if (!said.some((previous) => previous.includes(text))) return { kind: 'summary', label: 'summarises the conversation so far', text };
  }
  return null;
}

/** A short affirmation of the client's effort or insight (not of everything they say). */
export function affirm(seed: number, said: readonly string[]): PlannedMove | null {
  const text = pickFresh(promptBank().reflections.affirmation, seed, {}, said);
  return text ? { kind: 'affirmation', label: 'affirms effort', text } : null;
}
