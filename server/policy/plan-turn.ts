import { statementGapMove } from './statement-gap.js';
import type { NeedCategory } from '../domain/schemas.js';
import { type StepId, stepIndex } from '../domain/steps.js';
import type { CoachContent } from './coach-content.js';
import type { SessionState } from '../domain/session-state.js';
import { agreementMoves, openingMoves, purposeClause } from './agreement.js';
import { challengeMoves } from './challenge.js';
import { closingMoves } from './complete.js';
import { statementExhausted, type StepPolicy, type TurnContext } from './turn-context.js';
import { partnershipMoves } from './partnership.js';
import { ANSWERED_THEN_ON, processQuestionMoves, waitingQuestion } from './process-questions.js';
import { knownChallengeMoves, knownPlanMoves, planMoves } from './plan.js';
import { OPEN_PURPOSE } from '../understand/slots.js';
import { checkQuestion, resumeReading, safetyMove } from '../understand/safety.js';
import { ask, unasked } from './questions.js';
import { giveAdvice } from './advice.js';
import { fill, pickFresh } from '../phrase/reflection-stems.js';
import { draftStatement } from '../phrase/statement.js';
import { contentWords, joinList, lowerFirst, shorten } from '../understand/text.js';
import { withoutHedges } from '../phrase/reflection-hedges.js';
import { reflect } from '../phrase/reflect.js';
import { checkSentence, sentencesOf } from '../phrase/verify.js';
import type { CoachPlan, PlannedMove } from '../domain/coach-plan.js';
import type { Understanding } from '../domain/understanding.js';
import { actOf, hasAct } from '../domain/understanding.js';

/**
 * The coach's policy: given the merged state and what the client just said, choose the moves of
 * the next coach turn. Safety comes first (crisis pauses coaching; advice requests are redirected;
 * attempts to re-role the coach get one line), then a transition or a refused move is explained,
 * then the current step's policy reflects and asks. Pure and deterministic: the same input gives
 * the same plan, and nothing is asked twice.
 */
export interface PlanContext {
  transition?: { from: StepId; to: StepId; reason: string };
  refused?: { to: StepId; missing: string[] };
  opening?: boolean;
}

const STEP_POLICIES: Record<StepId, StepPolicy> = {
  clarify_agreement: agreementMoves,
  create_partnership: partnershipMoves,
  construct_plan: planMoves,
  collaborate_challenge: challengeMoves,
  complete: closingMoves,
};

/** Content words from which a message said as the step turns is a story to give back, not an answer about time or consent. */
const STORY_WORDS = 6;

export function planTurn(content: CoachContent, state: SessionState, understanding: Understanding | null, context: PlanContext): CoachPlan {
  const turn: TurnContext = {
    phrases: content.phrases,
    safety: content.safety,
    steps: content.steps,
    advice: content.advice,
    topicWords: content.topicWords,
    partCheck: content.partCheck,
    state,
    understanding,
    seed: understanding?.seq ?? state.asked.length + state.turnsInStep,
    said: [...state.recentCoachTexts],
    knownCategories: new Set<NeedCategory>(state.needs.filter((need) => need.seq !== understanding?.seq).map((need) => need.category)),
    entering: Boolean(context.opening || context.transition),
  };
  const plan = (moves: PlannedMove[], extra: Partial<CoachPlan> = {}): CoachPlan => ({ step: state.step, moves, ...(turn.draft ? { statement: turn.draft } : {}), ...(turn.reserve ? { reserve: turn.reserve } : {}), ...extra });

  const safety = safetyMoves(turn);
  // An advice request is not coaching content: it is redirected, not reflected.
  if (understanding?.safety === 'professional_advice') turn.understanding = { ...understanding, text: '', paraphrase: '' };
  if (safety.stop) return plan(safety.moves, safety.pauses ? { pauses: true } : {});

  if (context.opening) return plan(openingMoves(turn));
  const lead: PlannedMove[] = [...safety.moves];
  const pleasantry = actOf(understanding, 'pleasantry');
  const courtesy = pleasantry ? pleasantryMove(pleasantry.kind, turn) : null;
  if (courtesy) {
    lead.push(courtesy);
    turn.said.push(courtesy.text);
  }
  if (hasAct(understanding, 'asks_about_coach')) {
    // An honest answer first; the question itself is not coaching content to reflect.
    const answer = pickFresh(turn.phrases.templates.aboutCoach, turn.seed, {}, turn.said) ?? turn.phrases.templates.aboutCoach[0]!;
    lead.push({ kind: 'information', label: 'says plainly that it is an AI coach', text: answer });
    turn.said.push(answer);
    if (understanding) turn.understanding = { ...understanding, text: '', paraphrase: '' };
  }
  if (hasAct(understanding, 'declines_to_share')) {
    // Their right to keep it to themselves is said plainly; the words are not given back as content.
    const line = pickFresh(turn.phrases.templates.declinesToShare, turn.seed, {}, turn.said) ?? turn.phrases.templates.declinesToShare[0]!;
    lead.push({ kind: 'structuring', label: 'respects what they keep to themselves', text: line });
    turn.said.push(line);
    if (turn.understanding) turn.understanding = { ...turn.understanding, text: '', paraphrase: '' };
  }
  if (hasAct(understanding, 'pushes_back')) {
    // "Don't tell me how I feel about it": the coach owns the miss in a line and gives nothing of
    // theirs back this turn (another reading of their words is what they just objected to).
    const line = pickFresh(turn.phrases.templates.pushBack, turn.seed, {}, turn.said) ?? turn.phrases.templates.pushBack[0]!;
    lead.push({ kind: 'structuring', label: 'owns the miss when the client pushes back', text: line });
    turn.said.push(line);
    if (turn.understanding) turn.understanding = { ...turn.understanding, text: '', paraphrase: '' };
  }
  const absentCut = actOf(understanding, 'absent_cut');
  if (absentCut) {
    const line = fill(turn.phrases.templates.confirmedWithoutCut, { words: absentCut.words });
    lead.push({ kind: 'structuring', label: 'says the statement never had what they asked to cut', text: line });
    turn.said.push(line);
  }
  if (hasAct(understanding, 'asks_privacy')) {
    const answer = turn.phrases.templates.privacyAnswer;
    lead.push({ kind: 'information', label: 'answers who sees the conversation', text: answer });
    turn.said.push(answer);
  }
  if (hasAct(understanding, 'asks_about_themselves')) {
    const answer = pickFresh(turn.phrases.templates.selfQuestion, turn.seed, {}, turn.said);
    if (answer) {
      lead.push({ kind: 'information', label: "answers the client's question about themselves", text: answer });
      turn.said.push(answer);
    }
  }
  if (context.refused) return plan([...lead, ...refusedMoves(turn, context.refused)]);
  const correction = actOf(understanding, 'statement_correction');
  if (correction) return plan([...lead, ...correctionMoves(turn, correction.edit !== null, correction.absent, correction.part)]);
  if (hasAct(understanding, 'advice_accepted')) return plan([...lead, ...giveAdvice(turn.advice, state, turn.seed, turn.said)]);
  if (hasAct(understanding, 'advice_declined') && understanding) {
    const declined: PlannedMove = { kind: 'structuring', label: 'goes on without a suggestion', text: turn.advice.declined };
    turn.said.push(declined.text);
    return plan([...lead, declined, ...stepMovesWithoutReflection(turn, understanding)]);
  }
  const processQuestion = actOf(understanding, 'process_question');
  const processAnswer = processQuestion && !context.transition && !hasAct(understanding, 'asks_privacy') ? processQuestionMoves(turn, processQuestion.question, processQuestion.part) : null;
  if (processAnswer && processQuestion && ANSWERED_THEN_ON.has(processQuestion.question) && understanding) {
    for (const move of processAnswer) turn.said.push(move.text);
    const rest = stepMovesWithoutReflection(turn, understanding);
    // One question back: the step's own, or the one it was waiting on.
    return plan([...lead, ...processAnswer, ...(rest.some((move) => move.text.trim().endsWith('?')) ? rest : [...rest.filter((move) => move.kind !== 'structuring'), ...waitingQuestion(turn)])]);
  }
  if (processAnswer) return plan([...lead, ...processAnswer]);
  if (context.transition) {
    const { from, to } = context.transition;
    const templates = turn.phrases.templates;
    const forward = stepIndex(to) > stepIndex(from);
    // A lead move, also remembered as said this turn.
    const say = (move: PlannedMove): void => {
      lead.push(move);
      turn.said.push(move.text);
    };
    // "…how long does this take?", "what would you do?" asked as the agreement ends: answered on the
    // way in (the idea itself, not its follow-up question: the step asks its own), not passed over.
    // Later steps too: "…measure is a list. does a note on my phone count?" as the plan begins is
    // answered in a line ("do I get a copy?" as well), then the step goes on.
    const answeredOnTheWay = processQuestion !== undefined && ((from === 'clarify_agreement' && (processQuestion.question === 'process' || processQuestion.question === 'duration' || processQuestion.question === 'advice')) || ANSWERED_THEN_ON.has(processQuestion.question));
    if (forward && processQuestion && answeredOnTheWay && !hasAct(understanding, 'asks_privacy')) {
      const answer = processQuestionMoves(turn, processQuestion.question)?.find((move) => move.kind === 'information');
      if (answer) say(answer);
    }
    // The purpose that opened the partnership, given back before the step begins.
    let purposeReflected = false;
    // What they keep to themselves ("it's none of your business") is not given back as their purpose or story.
    const keptBack = hasAct(understanding, 'declines_to_share');
    if (forward && from === 'clarify_agreement' && !keptBack && understanding?.purpose && state.agreement.purpose?.seq === understanding.seq && state.agreement.purpose.text !== OPEN_PURPOSE) {
      // Echoed without the hedges the reader keeps ('to be honest', 'kind of'), as every reflection is.
      const purpose = purposeClause(state.agreement.purpose, understanding.paraphrase);
      const echoed = withoutHedges(purpose);
      const reflection = pickFresh(turn.phrases.reflections.simple, turn.seed, { p: echoed === purpose ? purpose : lowerFirst(echoed) }, turn.said);
      // Checked now: dropped later by the verifier ("the main thing is."), it would leave their story unheard.
      if (reflection && sentencesOf(reflection).every((sentence) => checkSentence({ clean: content.clean, ...content.verify }, sentence) === null)) {
        say({ kind: 'simple_reflection', label: 'reflects the purpose', text: reflection });
        purposeReflected = true;
      }
    }
    if (forward && from === 'clarify_agreement' && !keptBack && understanding && hasAct(understanding, 'consent_implicit')) {
      // Their story is heard first (unless it was just given back as the purpose), then the yes is named.
      const heard = purposeReflected || contentWords(understanding.paraphrase).length === 0 ? null : pickFresh(turn.phrases.reflections.simple, turn.seed, { p: shorten(understanding.paraphrase, 18) }, turn.said);
      if (heard) say({ kind: 'simple_reflection', label: 'reflects their story', text: heard });
      say({ kind: 'structuring', label: 'takes their story as a yes to going on', text: templates.consentTakenFromStory });
    }
    // What they said as the step turned ("there's a tension between my day and night staff…") is
    // heard before the step's first question, not passed over for it.
    const heardAlready = lead.some((move) => move.kind.endsWith('reflection'));
    if (forward && from === 'clarify_agreement' && !keptBack && understanding && !heardAlready && contentWords(understanding.text ?? '').length >= STORY_WORDS) {
      const heard = reflect({ phrases: turn.phrases, state, understanding, text: understanding.text ?? '', seed: turn.seed, said: turn.said, knownCategories: turn.knownCategories }).find((move) => move.kind === 'simple_reflection');
      if (heard) say(heard);
    }
    if (forward && from === 'create_partnership' && hasAct(understanding, 'confirms_implicitly')) {
      say({ kind: 'structuring', label: 'takes moving on as a yes to the statement', text: templates.statementTakenAsConfirmed });
    }
    // Stopping early is not "here's what we've built": the close itself says what there is.
    const stoppingEarly = to === 'complete' && state.statement?.status !== 'confirmed';
    const text = forward ? turn.steps[to].intro : fill(templates.goBack, { step: turn.steps[to].title.toLowerCase() });
    if (!stoppingEarly) say({ kind: 'structuring', label: `${forward ? 'moves on to' : 'goes back to'} ${turn.steps[to].title.toLowerCase()}`, text });
    // What the client already said for the steps ahead is acknowledged, not asked again.
    if (forward && (to === 'construct_plan' || to === 'collaborate_challenge')) {
      for (const move of [...knownPlanMoves(turn.phrases, state), ...(to === 'collaborate_challenge' ? knownChallengeMoves(turn.phrases, state) : [])]) say(move);
    }
  }
  return plan([...lead, ...STEP_POLICIES[state.step](turn)]);
}

/** The opening turn of a session. */
export function openingPlan(content: CoachContent, state: SessionState): CoachPlan {
  return planTurn(content, state, null, { opening: true });
}

/** The step's next moves without giving back what was just said (used after a safety exchange). */
function stepMovesWithoutReflection(turn: TurnContext, understanding: Understanding): PlannedMove[] {
  return stepMovesOf(turn, { understanding: { ...understanding, text: '', paraphrase: '' } }).filter((move) => !move.kind.endsWith('reflection') || move.label === "brings the client's concern back");
}

/**
 * The step's moves read with part of the turn changed. What the policy settles on the turn (the
 * draft it showed, a reserve question) is carried back: a draft put to the client after an answer
 * to their question was shown but never kept, so a correction of it had nothing to apply to.
 */
function stepMovesOf(turn: TurnContext, change: Partial<TurnContext>): PlannedMove[] {
  const inner: TurnContext = { ...turn, ...change };
  const moves = STEP_POLICIES[turn.state.step](inner);
  if (inner.draft) turn.draft = inner.draft;
  if (inner.reserve) turn.reserve = inner.reserve;
  return moves;
}

/** How many of the coach's last replies are looked at for the full help already given. */
const RECENT_HELP = 4;

function safetyMoves(turn: TurnContext): { moves: PlannedMove[]; stop: boolean; pauses?: boolean } {
  const texts = turn.phrases.safety;
  const safety = turn.safety;
  const reviewed = safety.texts;
  const understanding = turn.understanding;
  if (understanding?.safety === 'crisis') {
    // The reviewed help of its kind, as written, and nothing else: no reflection, no coaching question.
    const help = understanding.help ?? 'suicide';
    const full = reviewed.help[help].text.join(' ');
    // The same help in full, said again while the pause it started goes on, reads as a script: the
    // shorter paused lines (with the same numbers) answer instead. A help of another kind is given in full.
    if (turn.state.recentCoachTexts.slice(-RECENT_HELP).some((said) => said.includes(full))) return { moves: [safetyMove(safety, 'information', 'coaching stays paused (help given just before)', pausedWords(turn))], stop: true, pauses: true };
    return { moves: [safetyMove(safety, 'information', `gives immediate help (${help}) and pauses coaching`, full)], stop: true, pauses: true };
  }
  if (understanding?.safety === 'check') {
    if (understanding.checkAgain) return { moves: [safetyMove(safety, 'closed_question', 'gives the help lines briefly and asks once more', checkQuestion(safety, understanding.checkQuote ?? '', turn.seed, true))], stop: true };
    return { moves: [safetyMove(safety, 'closed_question', 'asks directly what the words mean', checkQuestion(safety, understanding.checkQuote ?? '', turn.seed))], stop: true };
  }
  if (turn.state.paused) {
    return { moves: [safetyMove(safety, 'information', 'coaching stays paused', pausedWords(turn))], stop: true };
  }
  if (understanding?.resumes) {
    const misread = resumeReading(safety, understanding.text ?? '') === 'misread';
    const resume = misread ? safetyMove(safety, 'structuring', 'resumes after a pause: the words were read wrong', reviewed.resumeMisread[0]!) : safetyMove(safety, 'structuring', 'resumes gently after a pause', reviewed.resume[0]!);
    turn.said.push(resume.text);
    return { moves: [resume, ...stepMovesWithoutReflection(turn, understanding)], stop: true };
  }
  if (understanding?.checkCleared) {
    const clear = understanding.checkLetGo
      ? safetyMove(safety, 'structuring', 'the check was unclear twice: the help lines once more, and coaching goes on', reviewed.checkLetGo[0]!)
      : safetyMove(safety, 'structuring', 'the check was a clear no; coaching goes on', reviewed.checkClear[0]!);
    turn.said.push(clear.text);
    return { moves: [clear], stop: false };
  }
  if (understanding?.safety === 'professional_advice') {
    const domain = understanding.safetyDomain ?? 'general';
    const text = `${texts.professionalAdvice[domain]} ${texts.professionalBridge}`;
    turn.said.push(text);
    return { moves: [{ kind: 'information', label: `redirects to a professional (${domain})`, text }], stop: false };
  }
  if (understanding?.safety === 'injection') {
    const text = pickFresh(texts.injection, turn.seed, {}, turn.said) ?? texts.injection[0]!;
    // No reflection of the injected text: one line in role, then the next coaching question.
    const rest = stepMovesWithoutReflection(turn, understanding);
    return { moves: [{ kind: 'structuring', label: 'stays in role', text }, ...rest], stop: true };
  }
  return { moves: [], stop: false };
}

/** Explains what is still missing before the requested step, then works on the first missing item. */
function refusedMoves(turn: TurnContext, refused: { to: StepId; missing: string[] }): PlannedMove[] {
  const templates = turn.phrases.templates;
  const text = fill(templates.refused, { step: turn.steps[refused.to].title.toLowerCase(), missing: joinList(refused.missing) });
  turn.said.push(text);
  const moves: PlannedMove[] = [{ kind: 'structuring', label: 'says what is still missing', text }];
  const state = turn.state;
  if (state.step === 'create_partnership' && state.statement?.status !== 'confirmed') {
    const statement = state.statement ?? draftStatement(state, turn.partCheck);
    if (!state.statement) turn.draft = statement;
    moves.push({ kind: 'summary', label: 'proposes the partnership statement', note: 'draft', text: `${templates.refusedStatement} "${statement.text}"` });
    const question = unasked(turn.phrases, state, 'create_partnership', 'statement')[0];
    moves.push(question ? ask(question, 'asks to confirm or edit the statement') : { kind: 'structuring', text: statementExhausted(turn), note: 'draft unchanged' });
    return moves;
  }
  const stepMoves = stepMovesOf(turn, { entering: true });
  return [...moves, ...stepMoves];
}

/** A natural answer to thanks, a greeting or a closing: never a reflection of it. */
function pleasantryMove(kind: 'thanks' | 'greeting' | 'closing', turn: TurnContext): PlannedMove | null {
  const stems = turn.phrases.templates.pleasantry[kind];
  const text = pickFresh(stems, turn.seed, {}, turn.said.slice(-3)) ?? stems[0]!;
  return { kind: 'affirmation', label: `answers ${kind === 'thanks' ? 'thanks' : kind === 'greeting' ? 'a greeting' : 'a closing'}`, text };
}

/** The reviewed words for a paused conversation: in full first, then the shorter forms, the one said longest ago (or never) each time. */
function pausedWords(turn: TurnContext): string {
  const texts = turn.safety.texts;
  const full = texts.pausedStill.join(' ');
  const recent = turn.state.recentCoachTexts;
  const last = recent[recent.length - 1] ?? '';
  if (!last.includes(texts.pausedStill[0]!) && !texts.pausedAgain.some((line) => last.includes(line))) return full;
  const lastSaid = (line: string) => recent.map((text, index) => (text.includes(line) ? index : -1)).reduce((latest, index) => Math.max(latest, index), -1);
  return [...texts.pausedAgain].sort((first, second) => lastSaid(first) - lastSaid(second))[0] ?? full;
}

/** A correction of the statement: made and shown again in full, or, when it is unclear which part is meant, one question about that. */
function correctionMoves(turn: TurnContext, made: boolean, absent?: string, part?: string | null): PlannedMove[] {
  const templates = turn.phrases.templates;
  const statement = turn.state.statement;
  // "Remove social media" when the statement never mentions it: said plainly, not asked about.
  if (!made && absent && statement) {
    const next = statementGapMove(turn.phrases, turn.state, statement) ?? { kind: 'structuring' as const, label: 'explains how to confirm', text: statementExhausted(turn), note: 'draft unchanged' };
    return [{ kind: 'structuring', label: 'says the statement does not mention what they asked to cut', note: 'draft unchanged', text: fill(templates.correctionAbsent, { words: absent }) }, next];
  }
  // The part is known but not the words ("add the heart thing", "make the aim shorter"): their words for it are asked for.
  const partName = part ? templates.correctionPartNames[part as keyof typeof templates.correctionPartNames] : undefined;
  if (!made && statement && partName) return [{ kind: 'open_question', label: 'asks for the words the part should have', text: pickFresh(templates.correctionWhichWords, turn.seed, { part: partName }, turn.said) ?? fill(templates.correctionWhichWords[0]!, { part: partName }) }];
  if (!made || !statement) return [{ kind: 'closed_question', label: 'asks which part of the statement to change', text: pickFresh(templates.correctionWhichPart, turn.seed, {}, turn.said) ?? templates.correctionWhichPart[0]! }];
  const done = absent ? fill(templates.correctionRenamed, { words: absent }) : (pickFresh(templates.correctionMade, turn.seed, {}, turn.said) ?? templates.correctionMade[0]!);
  const shown: PlannedMove = { kind: 'summary', label: 'makes the correction and shows the statement again', note: 'draft', text: `${done} "${statement.text}"` };
  // A part cut out is asked for again before the statement is confirmed: it is never confirmed with a part missing.
  const gap = statementGapMove(turn.phrases, turn.state, statement);
  if (gap) return [shown, gap];
  return [shown, { kind: 'structuring', label: 'explains how to confirm', text: statementExhausted(turn), note: 'draft unchanged' }];
}
