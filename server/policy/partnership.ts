import { draftStatement, materiallyDifferent, readyForStatement } from '../phrase/statement.js';
import { type PromptBank } from '../phrase/prompt-bank.js';
import { statementExhausted, type TurnContext } from './turn-context.js';
import { nextQuestion, unasked, ask } from './questions.js';
import { statementGapMove } from './statement-gap.js';
import { notedPlanMove } from './plan.js';
import { constraintReflection } from '../phrase/constraint-reflections.js';
import { affirm, bridgeBack, conversationTexts, isOffTopicQuestion, reflect } from '../phrase/reflect.js';
import { fill, pickFresh } from '../phrase/reflection-stems.js';
import { summarize, summarizedLastTurn } from '../phrase/summaries.js';
import { wasShown, type SessionState } from '../domain/session-state.js';
import type { Statement } from '../domain/schemas.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { contentWords, splitSentences } from '../understand/text.js';
import { hasAct } from '../domain/understanding.js';

/**
 * Create the partnership: reflect first, then at most one open question about what is still
 * unknown; a summary every few turns; a needs check when a need was only half heard; the draft
 * statement as soon as goals, needs, a success signal and an experiment are known (or after
 * enough turns), offered for the client to confirm or change.
 */

/** The slots in the order the conversation explores them, with what "known" means for each. */
const SLOTS: { slot: string; label: string; known: (state: SessionState) => boolean; essential: boolean }[] = [
  // Asked once and answered with the story rather than a wish: the need heard is what they want to work on.
  { slot: 'goals', label: 'explores goals', known: (state) => state.goals.length > 0 || (state.asked.some((id) => id.startsWith('partnership.goals.')) && state.needs.some((need) => need.confidence >= 0.45)), essential: true },
  { slot: 'needs', label: 'explores current reality', known: (state) => state.needs.some((need) => need.category !== 'other') || state.needs.length >= 2, essential: true },
  { slot: 'constraints', label: 'explores constraints', known: (state) => state.constraints.length > 0, essential: false },
  { slot: 'success', label: 'asks for success signals', known: (state) => state.successSignals.length > 0, essential: true },
  { slot: 'learning', label: 'asks the learning preference', known: (state) => state.learningPreference !== null, essential: false },
  { slot: 'strengths', label: 'explores strengths', known: (state) => state.strengths.length > 0, essential: false },
  { slot: 'experiment', label: 'invites a first experiment', known: (state) => state.experiment !== null, essential: true },
];

/** The next open question: first pass over unknown slots, then a second angle on essential ones. */
function slotQuestion(phrases: PromptBank, state: SessionState): PlannedMove | null {
  // Once a draft is on the table, only its own parts are worth a question: what they are good at
  // or how they learn, asked while they edit the statement, reads as a script running on.
  const drafted = state.statement !== null;
  for (const entry of SLOTS) {
    if (drafted && !entry.essential) continue;
    if (!entry.known(state)) {
      const question = nextQuestion(phrases, state, 'create_partnership', entry.slot, entry.label, 1);
      if (question) return question;
    }
  }
  for (const entry of SLOTS) {
    if (entry.essential && !entry.known(state)) {
      const question = nextQuestion(phrases, state, 'create_partnership', entry.slot, entry.label, 2);
      if (question) return question;
    }
  }
  return null;
}


/** How many of the coach's last replies still hold the statement shown in full: within them, only what changed is shown. */
const SHOWN_RECENTLY = 4;

/**
 * The sentences of an updated draft that the client has not seen, when the full draft was put
 * to them in the last few replies; null when the whole draft should be shown (nothing shown
 * recently, or everything changed).
 */
function changedPart(state: SessionState, fresh: Statement): string | null {
  const shown = state.statementShownFull;
  if (!shown || !state.recentCoachTexts.slice(-SHOWN_RECENTLY).includes(shown.reply)) return null;
  const before = new Set(splitSentences(shown.text).map((sentence) => sentence.trim()));
  const sentences = splitSentences(fresh.text).map((sentence) => sentence.trim());
  const changed = sentences.filter((sentence) => !before.has(sentence));
  return changed.length > 0 && changed.length < sentences.length ? changed.join(' ') : null;
}

/** Offers a statement and asks the client to confirm or edit it (each confirm question once). */
function proposeStatement(context: TurnContext, statement: Statement, update = false): PlannedMove[] {
  const templates = context.phrases.templates;
  const intro = update ? templates.statementUpdated : (pickFresh(templates.statementIntro, context.seed, {}, []) ?? templates.statementIntro[0]!);
  const part = update ? changedPart(context.state, statement) : null;
  const text = part ? (pickFresh(templates.statementChanged, context.seed, { part }, context.said) ?? fill(templates.statementChanged[0]!, { part })) : `${intro} "${statement.text}"`;
  const moves: PlannedMove[] = [{ kind: 'summary', label: part ? 'shows what changed in the statement' : 'proposes the partnership statement', note: part ? 'changed part of the draft' : 'draft', text }];
  // A draft with a part missing is not one to confirm yet: ask for the gap, and the answer goes
  // into the draft shown next.
  const gap = statementGapMove(context.phrases, context.state, statement);
  if (gap) return [...moves, gap];
  // Once the client has been asked to confirm, or a draft was already put to them, an updated draft
  // is simply shown back: no new question, the turn stays a reflection of what they said.
  const askedBefore = context.state.asked.some((id) => id.startsWith('statement.')) || (update && context.state.statement !== null && wasShown(context.state, context.state.statement));
  const question = askedBefore ? undefined : unasked(context.phrases, context.state, 'create_partnership', 'statement')[0];
  moves.push(question ? ask(question, 'asks to confirm or edit the statement') : { kind: 'structuring', label: 'explains how to confirm', text: statementExhausted(context) });
  return moves;
}

/** A needs check for a need heard with medium confidence, once per category. */
function needsCheck(context: TurnContext): PlannedMove | null {
  const understanding = context.understanding;
  if (!understanding) return null;
  const bank = context.phrases.reflections;
  for (const need of understanding.needs) {
    if (need.category === 'other' || need.confidence >= 0.7 || need.confidence < 0.45) continue;
    if (context.knownCategories.has(need.category)) continue;
    const questionId = `needs_check.${need.category}`;
    if (context.state.asked.includes(questionId)) continue;
    const statement = pickFresh(bank.needsCheck, context.seed, { need: bank.needPhrases[need.category] }, context.said);
    // The question part must be new too: the same "How does that land?" twice reads as a script.
    const question = pickFresh(bank.needsCheckQuestion, context.seed, {}, context.said);
    const text = statement && question ? `${statement} ${question}` : null;
    if (text) return { kind: 'needs_check', label: `checks a possible need: ${need.category}`, questionId, text };
  }
  return null;
}

/** Reflection first: a summary every fourth turn, otherwise a simple and/or complex reflection. */
function reflectionMoves(context: TurnContext): PlannedMove[] {
  const { state, understanding } = context;
  if (!understanding || !understanding.text) return [];
  const reflections = reflect({ phrases: context.phrases, state, understanding, text: understanding.text, seed: context.seed, said: context.said, knownCategories: context.knownCategories });
  if (state.turnsInStep > 0 && state.turnsInStep % 4 === 0 && !summarizedLastTurn(context.phrases, state)) {
    // What was just said comes first (a new limit above all); the summary then pulls the threads together.
    const limit = constraintReflection(context.phrases, understanding, context.seed, context.said);
    const lead = limit ?? reflections[0] ?? null;
    const summary = summarize(context.phrases, state, context.seed, lead ? [...context.said, lead.text] : context.said, { ...(limit ? { skipConstraintSeq: understanding.seq } : {}), ...(lead ? { heard: lead.text } : {}) });
    if (summary) return lead ? [lead, summary] : [summary];
  }
  return reflections;
}

const REFLECTIVE = new Set<PlannedMove['kind']>(['simple_reflection', 'complex_reflection', 'summary']);

/** Whether a coach text asked something (no text yet counts as asking: the step opens with a question). */
function asked(text: string | undefined): boolean {
  return text === undefined || text.includes('?');
}

/** Essential slots still unknown late in the step: a question must go out now. */
function pressing(state: SessionState): boolean {
  return state.turnsInStep >= 6 && SLOTS.some((entry) => entry.essential && !entry.known(state));
}

/**
 * Whether this turn may be reflection-only (no question): the client gave enough to reflect, the
 * reflection carries their content, and the coach asked last time (or, for a second reflection in
 * a row, the message was rich and nothing essential is pressing). Terse messages, process answers
 * and agreement get a question: there is little to reflect and the conversation must move.
 */
export function reflectionOnly(context: TurnContext, moves: readonly PlannedMove[]): boolean {
  const { state, understanding } = context;
  if (context.entering || !understanding?.text) return false;
  if (understanding.intent !== null || understanding.safety !== null || hasAct(understanding, 'affirms') || hasAct(understanding, 'pleasantry')) return false;
  if (!moves.some((move) => REFLECTIVE.has(move.kind))) return false;
  // Counted in content words (stop words out): three say something, six make a rich message.
  const words = contentWords(understanding.text).length;
  if (words < 3) return false;
  const said = state.recentCoachTexts;
  if (asked(said[said.length - 1])) return true;
  if (!asked(said[said.length - 2])) return false;
  const rich = words >= 6 || understanding.needs.length > 0 || understanding.feelings.length > 0 || understanding.goals.length > 0;
  return rich && !pressing(state);
}

/** The partnership step's moves for one turn. */
export function partnershipMoves(context: TurnContext): PlannedMove[] {
  const { state, understanding } = context;
  const templates = context.phrases.templates;
  const statement = state.statement;
  if (statement?.status === 'confirmed') {
    const thanks = pickFresh(templates.statementConfirmed, context.seed, {}, context.said);
    return [...(thanks ? [{ kind: 'affirmation' as const, label: 'acknowledges the confirmed statement', text: thanks }] : []), { kind: 'structuring', label: 'invites the next step', text: templates.partnershipDone }];
  }
  // A line asked into the draft is acknowledged, not reflected back as if it were a question.
  const moves: PlannedMove[] = context.entering
    ? []
    : hasAct(understanding, 'statement_addition')
      ? [{ kind: 'structuring', label: 'adds the line the client asked for to the statement', text: pickFresh(templates.statementAdded, context.seed, {}, context.said) ?? templates.statementAdded[0]! }]
      : reflectionMoves(context);
  // A question is off the topic only when it says something: "Right?" or "You know?" is a tag on
  // what they said, not a question about anything.
  const asksSomething = contentWords(understanding?.text ?? '').length >= 2;
  const detour = understanding !== null && (understanding.safety !== null || (asksSomething && isOffTopicQuestion(understanding.text ?? '', conversationTexts(state))));
  // A question about their own plan is theirs to decide: said so, briefly, and the conversation goes on.
  if (!context.entering && !detour && moves.length === 0 && understanding?.intent === null && asksSomething && isOffTopicQuestion(understanding.text ?? '')) {
    const line = pickFresh(templates.ownPlanQuestion, context.seed, {}, context.said);
    if (line) moves.push({ kind: 'structuring', label: 'leaves a question about their plan to them', text: line });
  }
  if (!context.entering && detour && moves.length === 0) {
    if (understanding?.safety === null) moves.push({ kind: 'structuring', label: 'redirects an off-topic question', text: templates.offTopic });
    const bridge = bridgeBack(context.phrases, state, context.seed, context.said);
    if (bridge) moves.push(bridge);
  }
  if (moves.length === 0 && understanding?.text && understanding.intent === null && !context.entering && !hasAct(understanding, 'pleasantry')) {
    const affirmation = affirm(context.phrases, context.seed, context.said);
    if (affirmation && understanding.text.split(' ').length > 6) moves.push(affirmation);
  }
  // Plan details said ahead ("start mon 3rd … confidence 6"), with nothing else to reflect: noted, not passed over.
  if (!context.entering && moves.length === 0 && understanding) {
    const noted = notedPlanMove(context.phrases, understanding);
    if (noted) moves.push(noted);
  }
  for (const move of moves) context.said.push(move.text);

  // New goals, needs, signals, an experiment or limits while the statement is a draft: redraft it
  // (the machine keeps whatever the client edited by hand) and show it again.
  if (statement && statement.status === 'draft' && !(statement.editedFields ?? []).includes('text')) {
    const fresh = draftStatement(state);
    if (materiallyDifferent(statement, fresh)) {
      context.draft = fresh;
      return [...moves, ...proposeStatement(context, fresh, true)];
    }
  }
  if (statement && !wasShown(state, statement)) return [...moves, ...proposeStatement(context, statement)];
  // Enough is known (or enough turns went by): offer the draft now rather than another question.
  if (!statement && !context.entering && readyForStatement(state)) {
    const draft = draftStatement(state);
    context.draft = draft;
    return [...moves, ...proposeStatement(context, draft)];
  }
  if (statement && understanding?.intent === 'reject') {
    const question = unasked(context.phrases, state, 'create_partnership', 'statement')[0];
    return [...moves, question ? ask(question, 'asks what to change in the statement') : { kind: 'structuring', text: statementExhausted(context) }];
  }
  // Like a skilled MI practitioner, let a good reflection invite the client to go on.
  if (reflectionOnly(context, moves)) return moves;
  const check = needsCheck(context);
  if (check) return [...moves, check];
  // "Yes, that's right" to a reflection: a cue to go deeper.
  const deeper = hasAct(understanding, 'affirms') && !statement ? nextQuestion(context.phrases, state, 'create_partnership', 'deepen', 'goes deeper after agreement', 3) : null;
  const question = deeper ?? slotQuestion(context.phrases, state) ?? (statement ? null : nextQuestion(context.phrases, state, 'create_partnership', 'deepen', 'deepens', 3));
  if (question && !(state.turnsInStep >= 9 && !statement)) return [...moves, question];
  // Nothing left to ask, or enough turns: draft with what there is and offer it.
  if (!statement) {
    const draft = draftStatement(state);
    context.draft = draft;
    return [...moves, ...proposeStatement(context, draft)];
  }
  return [...moves, { kind: 'structuring', label: 'explains how to confirm', text: statementExhausted(context) }];
}
