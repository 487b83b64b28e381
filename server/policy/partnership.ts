import { STATEMENT_TURN_BOUND, draftStatement, materiallyDifferent, readyForStatement } from '../phrase/statement.js';
import { type PromptBank } from '../phrase/prompt-bank.js';
import { statementExhausted, type TurnContext } from './turn-context.js';
import { toFirstPerson } from '../understand/paraphrase.js';
import { askedCount, nextQuestion, unasked, ask } from './questions.js';
import { topicQuestion } from './topic-question.js';
import { STORY_FAMILY, lastFamily, midStory, questionFamily, stockPassedBy, storyQuestion } from './story-question.js';
import { echoFault } from '../phrase/reflection-grammar.js';
import { statementGapMove } from './statement-gap.js';
import { notedPlanMove } from './plan.js';
import { constraintReflection } from '../phrase/constraint-reflections.js';
import { bridgeBack, conversationTexts, isOffTopicQuestion, reflect } from '../phrase/reflect.js';
import { fill, pickFresh } from '../phrase/reflection-stems.js';
import { summarize, summarizedLastTurn } from '../phrase/summaries.js';
import { STATEMENT_CLOSE_ID, STATEMENT_PART_PREFIX, saidLately, statementPartAsked, wasShown, type SessionState } from '../domain/session-state.js';
import { confirmationPending, statementComplete } from '../understand/understand.js';
import type { Statement } from '../domain/schemas.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { contentWords, splitSentences, stripFinalPunctuation, words as wordsOf } from '../understand/text.js';
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

/** How many client turns back a slot counts as just given: asking for it again then reads as not listening. */
const GIVEN_TURNS = 2;

/**
 * The slots the client gave something for this turn or in the last turns, asked or unasked, and
 * the slot of the question they just answered at length: none of these is asked for now.
 */
export function givenLately(context: TurnContext): Set<string> {
  const { state, understanding } = context;
  const given = new Set<string>();
  if (!understanding) return given;
  const since = understanding.seq - 2 * GIVEN_TURNS;
  const lately = (seq: number | undefined) => seq !== undefined && seq >= since;
  if (understanding.needs.length > 0 || state.needs.some((need) => lately(need.seq))) given.add('needs');
  if (understanding.goals.length > 0 || state.goals.some((goal) => lately(goal.seq))) given.add('goals');
  if (understanding.successSignals.length > 0 || state.successSignals.some((signal) => lately(signal.seq))) given.add('success');
  if (understanding.experiment || lately(state.experiment?.seq)) given.add('experiment');
  if (understanding.learningPreference !== null || lately(state.learningPreferenceSource?.seq)) given.add('learning');
  if (understanding.strengths.length > 0 || state.strengths.some((strength) => lately(strength.seq))) given.add('strengths');
  if (understanding.constraints.length > 0 || state.constraints.some((constraint) => lately(constraint.seq))) given.add('constraints');
  // What they said about what matters, this turn: "what matters most to you?" would ask it back.
  if (understanding.needs.some((need) => need.confidence >= 0.45) || understanding.goals.length > 0 || understanding.feelings.length > 0) given.add('deepen');
  // The question they just answered, at length: its slot is answered for now, whatever the readers made of it.
  const lastId = state.asked[state.asked.length - 1];
  const last = lastId ? context.phrases.questionsById.get(lastId) : undefined;
  const lastReply = state.recentCoachTexts[state.recentCoachTexts.length - 1] ?? '';
  const answered = contentWords(understanding.text ?? '').length >= ANSWER_WORDS && !hasAct(understanding, 'process_question');
  if (last && answered && lastReply.includes(last.text.replace('{topic}', '').slice(0, 20))) given.add(last.slot);
  return given;
}

/** Content words that make a message an answer rather than a shrug. */
const ANSWER_WORDS = 5;

/** The slot's next question: about the client's own topic when their message names one, else the bank's; null past `maxAsks`. */
function askSlot(context: TurnContext, slot: string, label: string, maxAsks: number): PlannedMove | null {
  if (askedCount(context.phrases, context.state, 'create_partnership', slot) >= maxAsks) return null;
  return topicQuestion(context, slot, label) ?? nextQuestion(context.phrases, context.state, 'create_partnership', slot, label, maxAsks);
}

/**
 * The next open question: first pass over unknown slots, then a second angle on essential ones;
 * never for a slot the client gave something for lately (the next missing one instead).
 */
function slotQuestion(context: TurnContext): PlannedMove | null {
  const state = context.state;
  const given = givenLately(context);
  // The kind of question just asked is not asked again at once, and how they would know it is
  // working waits until there is something they want.
  const previous = lastFamily(context);
  // A first experiment waits for something to test: an aim of theirs, or a need they confirmed. A need
  // the readers only heard, however sure, is the coach's theme: "what small change could you try to
  // test this?" after "my wife wants me to eat better, I don't see the problem" tests nothing they want.
  const open = (slot: string) => slot !== previous && (slot !== 'success' || hasPurpose(state)) && (slot !== 'experiment' || hasPurpose(state) || state.needs.some((need) => need.confirmed));
  // Once a draft is on the table, only its own parts are worth a question: what they are good at
  // or how they learn, asked while they edit the statement, reads as a script running on.
  const drafted = state.statement !== null;
  // Where they are stuck is not a part of the statement either: asked after the draft, it reads as
  // starting over.
  const worthAsking = (entry: (typeof SLOTS)[number]) => entry.essential && !(drafted && entry.slot === 'needs');
  for (const entry of SLOTS) {
    if (drafted && !worthAsking(entry)) continue;
    // What they are good at or how they learn, asked before they have said what they want, reads
    // as a form being filled in: those wait for an aim (the aim is asked from another angle first).
    if (!entry.essential && !hasPurpose(state)) continue;
    if (!entry.known(state) && !given.has(entry.slot) && open(entry.slot)) {
      const question = askSlot(context, entry.slot, entry.label, 1);
      if (question) return question;
    }
  }
  for (const entry of SLOTS) {
    if (worthAsking(entry) && !entry.known(state) && !given.has(entry.slot) && open(entry.slot)) {
      const question = askSlot(context, entry.slot, entry.label, 2);
      if (question) return question;
    }
  }
  // Everything else waits for an aim, and a word or two ("Delegation.") did not give one: the aim
  // is asked once more from another angle rather than nothing asked at all.
  // Not straight after the aim was asked, though: "what would be different a few weeks from now?"
  // right after "…a few months from now?" is the same question twice; where they are stuck comes between.
  if (!hasPurpose(state) && !given.has('goals')) return (previous === 'goals' ? askSlot(context, 'needs', SLOTS[1]!.label, 2) : null) ?? askSlot(context, 'goals', SLOTS[0]!.label, 2);
  return null;
}


/** Whether the client has said what they want (a goal of theirs, or one in the draft): signs of success are asked for only then. */
function hasPurpose(state: SessionState): boolean {
  return state.goals.length > 0 || (state.statement?.goals.length ?? 0) > 0;
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
  // An aim that is only the coach's name for a need it heard ("work on a sustainable balance…") is not
  // theirs: the draft says so instead of calling it "in your words".
  const theme = context.state.needs.some((need) => statement.goals[0] === `work on ${toFirstPerson(need.summary)}`);
  const intros = theme ? templates.statementIntroTheme : templates.statementIntro;
  const intro = update ? templates.statementUpdated : (pickFresh(intros, context.seed, {}, []) ?? intros[0]!);
  const part = update ? changedPart(context.state, statement) : null;
  const text = part ? (pickFresh(templates.statementChanged, context.seed, { part }, context.said) ?? fill(templates.statementChanged[0]!, { part })) : `${intro} "${statement.text}"`;
  const moves: PlannedMove[] = [{ kind: 'summary', label: part ? 'shows what changed in the statement' : 'proposes the partnership statement', note: part ? 'changed part of the draft' : 'draft', text }];
  // A draft with a part missing is not one to confirm yet: ask for the gap, and the answer goes
  // into the draft shown next.
  const gap = statementGapMove(context.phrases, context.state, statement);
  if (gap) {
    // The part was asked for in the last reply and they told something else: their words are
    // followed (about a phrase of theirs: after the draft, "that" would point at the draft), and
    // the part waits, rather than the same question again in other words.
    const understanding = context.understanding;
    const gavePart = understanding !== null && (understanding.goals.length > 0 || understanding.successSignals.length > 0 || understanding.experiment !== null);
    if (repeatsLastQuestion(context, gap) && !gavePart && contentWords(understanding?.text ?? '').length >= STORY_CONTENT_WORDS) {
      const notYet: PlannedMove = { kind: 'structuring', label: 'says the statement is not complete yet', text: context.phrases.templates.statementGap };
      const story = storyQuestion(context, { events: false, plain: false });
      if (story) return [...moves, notYet, story];
      // What they said was given back this turn: that stands, and the part is asked for next time.
      const reflected = context.said.length > context.state.recentCoachTexts.length;
      if (reflected) return [...moves, notYet];
    }
    return [...moves, gap];
  }
  // Once the client has been asked to confirm, or a draft was already put to them, an updated draft
  // is simply shown back: no new question, the turn stays a reflection of what they said.
  const askedBefore = context.state.asked.some((id) => id.startsWith('statement.')) || (update && context.state.statement !== null && wasShown(context.state, context.state.statement));
  const question = askedBefore ? undefined : unasked(context.phrases, context.state, 'create_partnership', 'statement')[0];
  moves.push(question ? ask(question, 'asks to confirm or edit the statement') : { kind: 'structuring', label: 'explains how to confirm', text: statementExhausted(context), note: 'draft unchanged' });
  return moves;
}

/** Replies in a row with no word of content after which the reluctance is named rather than another question asked. */
const QUIET_RUN = 3;

/** Content words from which a reply that passed the part asked for is followed instead. */
const STORY_CONTENT_WORDS = 6;

/** Whether a question asks for the same part as the coach's last reply did. */
function repeatsLastQuestion(context: TurnContext, move: PlannedMove): boolean {
  const previous = lastFamily(context);
  return previous !== null && questionFamily(context.phrases, move.text) === previous;
}

/** A needs check for a need heard with medium confidence, once per category. */
function needsCheck(context: TurnContext): PlannedMove | null {
  const understanding = context.understanding;
  if (!understanding) return null;
  // A hunch is offered after listening, not in place of the step's opening question: a theme put to
  // someone who has only said who they are ("Could a sustainable balance… be part of it?") is a guess.
  if (context.entering || context.state.turnsInStep < 2) return null;
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
  // Nothing of theirs could be given back well: the question stands alone. No stock praise ("You've
  // clearly given this real thought") in its place: said of anything, it is heard as not listening.
  // Plan details said ahead ("start mon 3rd … confidence 6"), with nothing else to reflect: noted, not passed over.
  if (!context.entering && moves.length === 0 && understanding) {
    const noted = notedPlanMove(context.phrases, understanding);
    if (noted) moves.push(noted);
  }
  for (const move of moves) context.said.push(move.text);

  // Replies with nothing in them, several in a row ("Okay.", "Mm-hmm.", "Sure."): not answers but
  // reluctance. It is named once and the choice given back, instead of another stock question.
  const reluctance = context.phrases.templates.reluctanceNamed;
  const quiet = context.entering ? 0 : (state.quietReplies ?? 0);
  if (quiet >= QUIET_RUN) {
    const templates = context.phrases.templates;
    if (!reluctance.some((line) => saidLately(state, context.said, line))) {
      const named = pickFresh(reluctance, context.seed, {}, context.said) ?? reluctance[0]!;
      const choice = saidLately(state, context.said, templates.doubtQuestion) ? templates.offerStop : templates.doubtQuestion;
      return [...moves, { kind: 'complex_reflection', label: 'names the reluctance', text: named }, { kind: 'open_question', label: 'gives the choice back', text: choice }];
    }
    // Still nothing after that: stopping is offered plainly rather than the script run on.
    if (quiet >= QUIET_RUN + 2 && !saidLately(state, context.said, templates.offerStop)) return [...moves, { kind: 'structuring', label: 'offers to stop for now', text: templates.offerStop }];
  }

  // New goals, needs, signals, an experiment or limits while the statement is a draft: redraft it
  // (the machine keeps whatever the client edited by hand) and show it again.
  if (statement && statement.status === 'draft' && !(statement.editedFields ?? []).includes('text')) {
    const fresh = draftStatement(state, context.partCheck);
    if (materiallyDifferent(statement, fresh)) {
      context.draft = fresh;
      return [...moves, ...proposeStatement(context, fresh, true)];
    }
  }
  if (statement && !wasShown(state, statement)) return [...moves, ...proposeStatement(context, statement)];
  // Mid-story, early in the step: their story is followed first, and the draft waits a turn.
  const early = !statement && !context.entering && state.turnsInStep < 9;
  const telling = early && !pressing(state) && midStory(context);
  let storyMove: PlannedMove | null | undefined;
  const story = () => (storyMove === undefined ? (storyMove = storyQuestion(context)) : storyMove);
  const storyFirst = telling ? story() : null;
  // Enough is known (or enough turns went by): offer the draft now rather than another question.
  // The draft this state would make, worked out once a turn (the type check parses each part).
  let drafted: Statement | undefined;
  const draftNow = () => (drafted ??= draftStatement(state, context.partCheck));
  if (!statement && !context.entering && !storyFirst && readyForStatement(state, draftNow())) {
    const draft = draftNow();
    context.draft = draft;
    return [...moves, ...proposeStatement(context, draft)];
  }
  if (statement && understanding?.intent === 'reject') {
    const question = unasked(context.phrases, state, 'create_partnership', 'statement')[0];
    return [...moves, question ? ask(question, 'asks what to change in the statement') : { kind: 'structuring', text: statementExhausted(context), note: 'draft unchanged' }];
  }
  // Mid-story, or past the last stock question twice: their story is followed, not the script.
  // Late in the step with a part still missing, only a client who keeps passing the questions by is followed.
  const following = telling || (early && stockPassedBy(context)) ? story() : null;
  // An uneasy feeling named in a few words ("ngl scared she says no"): asked about, not passed over
  // for the next stock question about another part.
  let feelingMove: PlannedMove | null | undefined;
  const feeling = () => (feelingMove === undefined ? (feelingMove = following ? null : feelingQuestion(context)) : feelingMove);
  // Like a skilled MI practitioner, let a good reflection invite the client to go on.
  if (reflectionOnly(context, moves) || (following && lastFamily(context) === STORY_FAMILY && moves.some((move) => REFLECTIVE.has(move.kind)))) {
    // Should the reflection fail its checks, the turn asks what it would have asked next, not a stock line.
    const reserve = following ?? feeling() ?? slotQuestion(context);
    if (reserve) context.reserve = reserve;
    return moves;
  }
  // A story being told is asked about before a theme is put to them ("Could X be part of it?").
  if (following) return [...moves, following];
  const check = needsCheck(context);
  if (check) return [...moves, check];
  // "Yes, that's right" to a reflection: a cue to go deeper.
  const deeper = hasAct(understanding, 'affirms') && !statement && lastFamily(context) !== 'deepen' ? askSlot(context, 'deepen', 'goes deeper after agreement', 3) : null;
  const deepen = () => (statement || givenLately(context).has('deepen') || lastFamily(context) === 'deepen' ? null : askSlot(context, 'deepen', 'deepens', 3));
  const question = deeper ?? feeling() ?? slotQuestion(context) ?? deepen();
  if (question && !(state.turnsInStep >= 9 && !statement)) return [...moves, question];
  // They just said what matters and no part is missing to ask about: the reflection stands alone.
  if (!question && !statement && state.turnsInStep < 9 && givenLately(context).has('deepen') && moves.some((move) => REFLECTIVE.has(move.kind))) return moves;
  // No stock question left for a part, but too little of theirs yet for a draft: follow what they
  // just told (a draft this early reads as the coach not listening).
  if (!statement && !readyForStatement(state, draftNow()) && state.turnsInStep < STATEMENT_TURN_BOUND) {
    const follow = story();
    if (follow) return [...moves, follow];
  }
  // Nothing left to ask, or enough turns: draft with what there is and offer it.
  if (!statement) {
    const draft = draftNow();
    // A draft with nothing of theirs in it is a form, not their statement: said plainly, and the
    // aim asked for; asked once already, the client is offered to stop rather than asked again.
    if (draft.goals.length === 0 && draft.successIndicators.length === 0 && !draft.firstExperiment.trim()) {
      const templates = context.phrases.templates;
      if (!saidLately(state, context.said, templates.nothingYet)) {
        const gap = statementGapMove(context.phrases, state, draft, templates.nothingYet);
        if (gap) return [...moves, gap];
      }
      const deeper = saidLately(state, context.said, templates.offerStop) ? nextQuestion(context.phrases, state, 'create_partnership', 'deepen', 'deepens', 3) : null;
      return [...moves, deeper ?? { kind: 'structuring', label: 'offers to stop for now', text: templates.offerStop }];
    }
    context.draft = draft;
    return [...moves, ...proposeStatement(context, draft)];
  }
  // A vague or non-committal reply ("hmm, maybe", "I guess") gets one specific question; a reply with
  // something in it was reflected, and the line on how to confirm follows it.
  const vague = contentWords(understanding?.text ?? '').length <= VAGUE_WORDS;
  // A part still missing is asked for plainly (once), whatever they said: a line on how to confirm
  // a statement with a hole in it asks them to sign off on less than they came for.
  const gap = !vague && !statementComplete(statement) ? statementGapMove(context.phrases, state, statement, '') : null;
  const askGap = gap && !saidLately(state, context.said, gap.text) && !repeatsLastQuestion(context, gap) ? gap : null;
  const specific = vague ? (afterNonCommittal(context) ?? stillMissing(context, statement)) : askGap;
  if (specific) return [...moves, specific];
  // How to confirm was said in one of the last two replies: their words, given back, are the turn
  // (the same request after every message reads as a form waiting to be signed).
  const toldHow = state.recentCoachTexts.slice(-2).some((reply) => context.phrases.templates.statementExhausted.some((line) => reply.includes(line)));
  const howToConfirm: PlannedMove = { kind: 'structuring', label: 'explains how to confirm', text: statementExhausted(context), note: 'draft unchanged' };
  if (toldHow && moves.some((move) => REFLECTIVE.has(move.kind))) {
    // Should the reflection fail its checks, the turn still says something.
    context.reserve = howToConfirm;
    return moves;
  }
  return [...moves, howToConfirm];
}

/** Feelings that weigh on the client (content/lexicon/feelings.json names): asked about when named in a short message. Not "uncertain" (an "idk" reads as one) nor "stuck" (a state, asked about by the story questions). */
const UNEASY: ReadonlySet<string> = new Set(['afraid', 'anxious', 'overwhelmed', 'frustrated', 'discouraged', 'guilty', 'embarrassed', 'awkward', 'isolated', 'exhausted', 'undervalued', 'angry']);
/** A message of at most this many content words that names a feeling is about the feeling. */
const FEELING_WORDS = 8;

function feelingQuestion(context: TurnContext): PlannedMove | null {
  const { understanding, state } = context;
  if (context.entering || !understanding?.text || state.statement || !understanding.feelings.some((feeling) => UNEASY.has(feeling))) return null;
  if (contentWords(understanding.text).length > FEELING_WORDS || understanding.text.trim().endsWith('?')) return null;
  if (understanding.goals.length > 0 || understanding.successSignals.length > 0 || understanding.experiment || understanding.intent !== null || understanding.safety !== null) return null;
  if (lastFamily(context) === 'feeling') return null;
  return askSlot(context, 'feeling', 'asks about the feeling named', 2);
}

/** At most this many content words, a reply to the draft is vague ("hmm, maybe", "I guess, sort of"). */
const VAGUE_WORDS = 5;

/**
 * A draft with a part missing cannot be confirmed, so "confirm or tell me what to change" is the
 * wrong line: the part is asked for plainly (once in the last few replies), and then the coach
 * offers to stop with the statement as it stands. Null when nothing is missing or both were said.
 */
function stillMissing(context: TurnContext, statement: Statement): PlannedMove | null {
  const gap = statementGapMove(context.phrases, context.state, statement, '');
  if (!gap) return null;
  if (!saidLately(context.state, context.said, gap.text) && !repeatsLastQuestion(context, gap)) return gap;
  // They answered the part's question with something of theirs that did not fit it: asked once more
  // from another angle (a bank question not yet used), not offered to stop while they are still talking.
  const answeredAtLength = wordsOf(context.understanding?.text ?? '').length >= ANSWERED_WORDS;
  if (answeredAtLength && gap.questionId && !saidLately(context.state, context.said, gap.text) && askedCount(context.phrases, context.state, 'create_partnership', gapSlot(statement)) < 2) return gap;
  if (context.state.asked.includes(STATEMENT_CLOSE_ID)) return null;
  const offer = pickFresh(context.phrases.templates.statementCloseOffer, context.seed, {}, context.said);
  return offer ? { kind: 'closed_question', label: 'offers to stop with the statement as it stands', questionId: STATEMENT_CLOSE_ID, text: offer } : null;
}

/** At least this many words, a reply to a part's question said something of theirs ("just wanna know if its real"), not a shrug. */
const ANSWERED_WORDS = 5;

/** The slot of the first missing part of a statement. */
function gapSlot(statement: Statement): string {
  return statement.goals.length === 0 ? 'goals' : statement.successIndicators.length === 0 ? 'success' : 'experiment';
}

/** The parts a question may single out, in the order they are checked, with the words each holds. */
const CHECKED_PARTS = [
  { part: 'success', words: (statement: Statement) => statement.successIndicators[0] },
  { part: 'experiment', words: (statement: Statement) => statement.firstExperiment },
  { part: 'goals', words: (statement: Statement) => statement.goals[0] },
] as const;

/** The longest part quoted in a question about it: longer, it is the statement again. */
const MAX_PART_WORDS = 12;
/** The shortest part quoted: "I really would" inside a question reads as a fragment. */
const MIN_QUOTED_WORDS = 4;

/**
 * The draft was put to the client (or one part of it asked about) and the reply neither confirmed
 * nor changed it: "confirm or tell me what to change" again would be a script running on. Instead,
 * one question about one part, not yet asked about; after that, the offer to keep it as it stands.
 * Null when no confirmation was waiting, or both were already said: the rotating line then.
 */
export function afterNonCommittal(context: TurnContext): PlannedMove | null {
  const { state } = context;
  const statement = state.statement;
  if (!statement || statement.status !== 'draft' || !confirmationPending(state)) return null;
  const templates = context.phrases.templates;
  const partAsked = statementPartAsked(state);
  if (!partAsked) {
    for (const { part, words } of CHECKED_PARTS) {
      const text = stripFinalPunctuation(words(statement)?.trim() ?? '');
      const id = `${STATEMENT_PART_PREFIX}${part}`;
      if (!text || state.asked.includes(id)) continue;
      // Quoted when its words read as a clause of their own; named otherwise ("the first experiment").
      const count = wordsOf(text).length;
      const quoted = count >= MIN_QUOTED_WORDS && count <= MAX_PART_WORDS && echoFault(text, 'clause') === null;
      const line = quoted ? pickFresh(templates.statementPartQuestion[part], context.seed, { part: text }, context.said) : pickFresh(templates.statementPartNamed[part], context.seed, {}, context.said);
      if (line) return { kind: 'closed_question', label: `asks about one part of the statement: ${part}`, questionId: id, text: line };
    }
  }
  const keepId = `${STATEMENT_PART_PREFIX}keep`;
  if (state.asked.includes(keepId)) return null;
  const offer = pickFresh(templates.statementKeepOffer, context.seed, {}, context.said);
  return offer ? { kind: 'closed_question', label: 'offers to keep the statement as it stands', questionId: keepId, text: offer } : null;
}
