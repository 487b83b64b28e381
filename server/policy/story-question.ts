import nlp from 'compromise';
import type { PlannedMove } from '../domain/coach-plan.js';
import type { SessionState } from '../domain/session-state.js';
import { hasAct, type Understanding } from '../domain/understanding.js';
import type { PromptBank } from '../phrase/prompt-bank.js';
import { pickFresh } from '../phrase/reflection-stems.js';
import { contentWords, splitSentences, words } from '../understand/text.js';
import { findTopic } from './topic-question.js';
import type { TurnContext } from './turn-context.js';

/**
 * Following the client's story instead of the script. A client who is mid-story (a long message
 * that tells events or feelings and does not answer the question asked) is asked one open question
 * about what they just said, around a noun phrase of theirs when there is a clear one ("What's the
 * hardest part of the night shifts for you?"), rather than the next stock question; so is a client
 * whose last two messages left the last stock question aside. The questions are
 * `templates.storyQuestion` in content/phrases/templates.json.
 */

/** From this many words a message that answers nothing asked is a story being told. */
export const STORY_WORDS = 30;
/** Content words from which a message that passed a stock question by says something to follow. */
const FOLLOW_CONTENT_WORDS = 6;
/** Past-tense verbs in its last sentence that make a message a story of events ("the van broke down and I was on the phone": "What happened next?"). */
const EVENT_VERBS = 2;
/** How many coach replies back the last stock question is looked for. */
const STOCK_LOOKBACK = 3;

/** The family a question is put in by `questionFamily` when it follows the client's story. */
export const STORY_FAMILY = 'story';

/** The words a question of the bank is recognised by in a reply: its text, or for a topic question the words before its topic. */
function questionKey(text: string): string {
  const slot = text.indexOf('{');
  return slot >= 0 ? text.slice(0, slot) : text;
}

/** Shortest key that identifies a question inside a reply. */
const MIN_KEY_CHARS = 12;

/**
 * The kind of question a coach reply asked: the slot of its bank question ("success", "goals"…),
 * the part the statement's gap line asked for, `story` for a question about their story; null
 * when it asked none of these.
 */
export function questionFamily(phrases: PromptBank, text: string | undefined): string | null {
  if (!text) return null;
  const templates = phrases.templates;
  const gaps: [string, string][] = [
    [templates.statementGapGoal, 'goals'],
    [templates.statementGapSuccess, 'success'],
    [templates.statementGapExperiment, 'experiment'],
  ];
  for (const [line, family] of gaps) if (text.includes(line)) return family;
  // A story line first: one may share its words with a topic question of the bank, and it was asked as a story question.
  const story = phrases.templates.storyQuestion;
  for (const line of [...story.events, ...story.difficulty, ...story.any]) {
    const key = questionKey(line);
    if (key.length >= MIN_KEY_CHARS && text.includes(key)) return STORY_FAMILY;
  }
  for (const question of phrases.questions) {
    if (question.step !== 'create_partnership' || question.slot === 'statement') continue;
    const key = questionKey(question.text);
    if (key.length >= MIN_KEY_CHARS && text.includes(key)) return question.slot;
  }
  return null;
}

/** The family of the question in the coach's last reply. */
export function lastFamily(context: TurnContext): string | null {
  const said = context.state.recentCoachTexts;
  return questionFamily(context.phrases, said[said.length - 1]);
}

/** Whether this message gave something for `slot`. */
function givesNow(understanding: Understanding, slot: string): boolean {
  switch (slot) {
    case 'goals':
      return understanding.goals.length > 0;
    case 'needs':
      return understanding.needs.length > 0;
    case 'success':
      return understanding.successSignals.length > 0;
    case 'experiment':
      return understanding.experiment !== null;
    case 'learning':
      return understanding.learningPreference !== null;
    case 'strengths':
      return understanding.strengths.length > 0;
    case 'constraints':
      return understanding.constraints.length > 0;
    case 'deepen':
      return understanding.needs.length > 0 || understanding.goals.length > 0 || understanding.feelings.length > 0;
    default:
      return true;
  }
}

/** Whether the state holds something for `slot` heard at or after `since` (a message's seq). */
function givenSince(state: SessionState, slot: string, since: number): boolean {
  const after = (seq: number | undefined) => seq !== undefined && seq >= since;
  switch (slot) {
    case 'goals':
      return state.goals.some((goal) => after(goal.seq));
    case 'needs':
    case 'deepen':
      return state.needs.some((need) => after(need.seq)) || (slot === 'deepen' && state.goals.some((goal) => after(goal.seq)));
    case 'success':
      return state.successSignals.some((signal) => after(signal.seq));
    case 'experiment':
      return after(state.experiment?.seq);
    case 'learning':
      return after(state.learningPreferenceSource?.seq);
    case 'strengths':
      return state.strengths.some((strength) => after(strength.seq));
    case 'constraints':
      return state.constraints.some((constraint) => after(constraint.seq));
    default:
      return true;
  }
}

/** A message the coach answers or acts on rather than follows: a request, a question to the coach, thanks, a yes. */
function notAStory(understanding: Understanding): boolean {
  // A message that ends on a question asks something: it is answered, not followed as a story.
  if ((understanding.text ?? '').trim().endsWith('?')) return true;
  return understanding.intent !== null || understanding.safety !== null || hasAct(understanding, 'process_question') || hasAct(understanding, 'affirms') || hasAct(understanding, 'pleasantry') || hasAct(understanding, 'statement_correction') || hasAct(understanding, 'statement_addition') || hasAct(understanding, 'asks_about_coach');
}

/** Questions a story answers: asked what is going on or what matters, the client telling more is still their story. */
const OPEN_FAMILIES = new Set([STORY_FAMILY, 'needs', 'deepen']);

/**
 * Whether the client is mid-story: a long message that does not answer the question the coach's
 * last reply asked for a part (what they want, how they would know, a step, how they learn…), or
 * follows a reply that asked none or asked what is going on.
 */
export function midStory(context: TurnContext): boolean {
  const understanding = context.understanding;
  if (!understanding?.text || notAStory(understanding)) return false;
  if (words(understanding.text).length < STORY_WORDS) return false;
  // What they want, how they would know, a step or how they learn, said in it: an answer, whatever was asked.
  if (['goals', 'success', 'experiment', 'learning'].some((slot) => givesNow(understanding, slot))) return false;
  const family = lastFamily(context);
  return family === null || OPEN_FAMILIES.has(family) || !givesNow(understanding, family);
}

/**
 * Whether the client's last two messages left the last stock question aside: it was asked two or
 * more replies ago and nothing was given for its slot since. The message must say something to follow.
 */
export function stockPassedBy(context: TurnContext): boolean {
  const { state, understanding } = context;
  if (!understanding?.text || notAStory(understanding)) return false;
  if (contentWords(understanding.text).length < FOLLOW_CONTENT_WORDS) return false;
  const said = state.recentCoachTexts;
  for (let back = 1; back <= Math.min(STOCK_LOOKBACK, said.length); back++) {
    const family = questionFamily(context.phrases, said[said.length - back]);
    if (family === null) continue;
    if (family === STORY_FAMILY || back < 2) return false;
    // Client messages and coach replies alternate: the first message after that reply is `back - 1` messages before this one.
    const since = understanding.seq - 2 * (back - 1);
    return !givesNow(understanding, family) && !givenSince(state, family, since);
  }
  return false;
}

/** One open question about what the client just told, from their own words where a clear noun phrase stands out; null when every line was said lately. */
export function storyQuestion(context: TurnContext, options: { events?: boolean; plain?: boolean } = {}): PlannedMove | null {
  const understanding = context.understanding;
  if (!understanding?.text) return null;
  const text = understanding.text;
  const lines = context.phrases.templates.storyQuestion;
  // "What happened next?" right after a draft of the statement would read as if the draft were the story.
  // Read where the story has got to: its last sentence, not what led up to it.
  const sentences = splitSentences(text);
  const past = (piece: string) => nlp(piece).match('#PastTense').length;
  const events = options.events !== false && past(sentences.at(-1) ?? '') >= EVENT_VERBS;
  const difficulty = understanding.needs.length > 0 || understanding.feelings.length > 0;
  // A learner's phrase is not asked about in their words (second-language.ts).
  const topic = context.state.secondLanguage ? null : findTopic(context.topicWords, text);
  const recent = context.said;
  const kinds = [...(events ? [lines.events] : []), ...(difficulty ? [lines.difficulty] : []), lines.any];
  for (const kind of kinds) {
    // Their own words first; the plain lines when no clear topic stands out or those were said.
    const withTopic = topic ? kind.filter((line) => line.includes('{topic}')) : [];
    const plain = options.plain === false ? [] : kind.filter((line) => !line.includes('{topic}'));
    const line = (withTopic.length > 0 ? pickFresh(withTopic, context.seed, { topic: topic! }, recent) : null) ?? pickFresh(plain, context.seed, {}, recent);
    if (line && !recent.slice(-STOCK_LOOKBACK).some((said) => said.includes(line))) return { kind: 'open_question', label: 'asks about their story', text: line };
  }
  return null;
}
