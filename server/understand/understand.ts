import { parsedTerms } from './term-parses.js';
import { wordSets } from './word-patterns.js';
import stepDays from '../../content/lexicon/step-days.json' with { type: 'json' };
import { worthOf } from './reflection-worth.js';
import { closeOffered, statementPartAsked, adviceOffered, justShown, wasShown, type SessionState } from '../domain/session-state.js';
import type { ProcessQuestion, Understanding } from '../domain/understanding.js';
import { findConstraints, findConstraintsByLexicon } from './constraints.js';
import { findFeelings, type FeelingLexicon } from './feelings.js';
import { readQuestions, type QuestionKind } from './question-kind.js';
import { asksAboutPrivacy, asksAboutThemselves, asksForChange, confirmsExplicitly, endsWithFarewell, findIntent, givesSessionFeedback, findPleasantry, findProcessQuestion, hesitates, isConsent, onlyFiller, type IntentLexicons } from './intents.js';
import { findKeyPhrases } from './key-phrases.js';
import { findNeeds, needReader, type NeedReading } from './needs.js';
import { rulesOut } from './clause-reader.js';
import type { UnderstandingModels } from './sentence-classifier.js';
import { toFirstPerson, toSecondPerson } from './paraphrase.js';
import { findActions, supportWords, findCheckIn, findCommitment, findConfidence, findObstacles } from './plan-slots.js';
import { checkAnsweredLately, checkQuote, readCheckAnswer, screenSafety, wantsToGoOn } from './safety.js';
import { OPEN_PURPOSE, findExperiment, findGoals, findLearningPreference, findPurpose, findStrengths, findSuccessSignals, findTimeAvailable, goalFromAnswer, isBareCondition, isContentBearing, isSceneSetting, isWeakPurpose, purposeFromAnswer, purposeFromStory } from './slots.js';
import type { Slot } from '../domain/session-state.js';
import type { NeedCategory, Statement } from '../domain/schemas.js';
import { contentWords, words, lowerFirst, normalize, shorten, splitSentences, stripFinalPunctuation, stripLeadingFiller, withoutQuestions } from './text.js';

import { findStatementAddition } from './statement-additions.js';
import { hasAct, withAct, withoutAct } from '../domain/understanding.js';
import { readActs } from './acts.js';
import { correctsStatement, readCorrection } from './corrections.js';
import { entriesById, lexiconText, matchingEntries } from './lexicon.js';
import { namesNoAction, readsAsOwnAction, startsWithVerb } from './wish-clause.js';
import { secondLanguageMark } from './second-language.js';
import { cleanText, originalOf, type CleanResult } from './clean.js';
import type { SafetyResult } from './safety.js';
import type { SafetyContent } from './safety-content.js';
import type { CleanLexicons } from './clean.js';
import type { ActsLexicon } from './acts.js';
import type { CorrectionLexicons } from './corrections.js';
import type { Lexicon } from './lexicon.js';
import { checkedPart, partFault, slotFault, type PartCheck } from './part-check.js';
import { readPartsInContext, type ContextPart } from './model-parts.js';
import { askedPart, CONTINUES, labelledParts, labelledSlot, type AskedParts, type LabelledPart, type PartLabels } from './part-labels.js';

/**
 * The part of the coach's content (server/policy/coach-content.ts, CoachContent) that reading a
 * message needs: the lexicons and trained models, and of the wording only the need phrases.
 */
export interface UnderstandContent {
  models: UnderstandingModels;
  safety: SafetyContent;
  clean: CleanLexicons;
  turnActs: ActsLexicon;
  corrections: CorrectionLexicons;
  notAPart: Lexicon<unknown>;
  partLabels: PartLabels;
  askedParts: AskedParts;
  experimentCheck: Lexicon<unknown>;
  partCheck: PartCheck;
  intents: IntentLexicons;
  feelings: FeelingLexicon;
  /** A need's summary is the phrase the coach uses for its category (content/phrases/reflections.json). */
  phrases: { reflections: { needPhrases: Record<NeedCategory, string> }; questionsById?: ReadonlyMap<string, { text: string; slot?: string }>; templates?: { questionHelp: Record<string, string> } };
}

/** Content words after which a nod ("okay, …") is taken to go on with an answer of its own. */
const AFFIRM_THEN_ANSWER_WORDS = 5;

/** The model's kinds of question, as the process questions the policy answers (server/policy/process-questions.ts). */
const MODEL_QUESTION: Record<Exclude<QuestionKind, 'reassurance'>, ProcessQuestion> = {
  clarify: 'clarify',
  example: 'example',
  process: 'process',
  advice: 'advice',
  opinion: 'opinion',
  information: 'information',
  doubt: 'doubt',
};

/**
 * The sentences of a message that carry content: not a pleasantry or a word of feedback on the
 * session ("Thank you, was more useful than I thought"), not a nod ("Perfect."), not a question to
 * the coach ("What do other people do, normally?"), not a wish to stop ("Bye."). The message
 * itself when nothing, or everything, was set aside.
 */
function contentOf(intents: IntentLexicons, acts: UnderstandContent['turnActs'], whole: string, asked: ReadonlySet<string>): string {
  const sentences = splitSentences(whole);
  const kept = sentences.filter((sentence) => {
    if (findPleasantry(intents, sentence) !== null || onlyFiller(intents, sentence)) return false;
    if (asked.has(sentence) || (/\?\s*$/.test(sentence) && findProcessQuestion(intents, sentence) !== null)) return false;
    return !readActs(acts, sentence).some((act) => act === 'wants_stop' || act === 'asks_about_coach');
  });
  // A message that is only acts is read whole, as before: its acts decide what the coach does.
  return kept.length === sentences.length || kept.length === 0 ? whole : kept.join(' ');
}

/**
 * Reads one client message: what they need, what limits them, what they want, and what they ask
 * of the process, each with their own words as evidence. Pure and synchronous; the state is only
 * used for context (which step we are in, which question was just asked), never changed.
 */
export function understand(content: UnderstandContent, raw: string, seq: number, state: SessionState): Understanding {
  // Everything is read from the cleaned text (no fillers, stutters, restarts, marks or chat
  // spelling), so nothing the coach gives back echoes the noise; the crisis screen reads the raw
  // words as well, because a cleaned text must never hide a word of danger.
  const cleaned = cleanText(raw, content.clean);
  const whole = cleaned.text.trim() === '' ? raw : cleaned.text;
  const rawSafety = screenSafety(content.safety, raw);
  const screened = rawSafety.flag === 'crisis' || cleaned.text === raw ? rawSafety : strongerFlag(rawSafety, screenSafety(content.safety, whole));
  // The check question answered a few replies ago is not asked again on the model's word alone.
  const safety = screened.flag === 'check' && screened.source === 'model' && !state.safetyCheck && checkAnsweredLately(content.safety, state.recentCoachTexts) ? { ...screened, flag: null } : screened;
  const empty = emptyUnderstanding(seq);
  // Words of crisis, at any point: nothing of them is coaching content, only the help is given.
  if (safety.flag === 'crisis') return { ...empty, text: whole, safety: 'crisis', help: safety.help ?? 'suicide' };
  if (state.paused) {
    // While paused only one thing matters: whether the client wants to go on (and wrote no new worrying words).
    const resumes = safety.flag !== 'check' && wantsToGoOn(content.safety, whole);
    return { ...empty, text: whole, ...(resumes ? { resumes: true } : {}), feelings: findFeelings(content.feelings, whole) };
  }
  // What the message does besides its content (a goodbye, a question to the coach), read once.
  const actsRead = readActs(content.turnActs, whole);
  const check = state.safetyCheck;
  let letGo = false;
  if (check) {
    // The answer to the check question (content/lexicon/crisis-answers.json): a yes (or the thoughts
    // named) gets the help and a pause; a clear no, or work named, lets coaching go on; an unclear
    // answer gets the help lines briefly and the question once more, and a second unclear answer
    // the help lines again and coaching goes on: never stuck in a pause over an unclear word.
    const answer = readCheckAnswer(content.safety, whole, safety.flag === 'check' ? 'check' : null, check.again === true);
    if (answer === 'yes') return { ...empty, text: whole, safety: 'crisis', help: 'suicide' };
    // An unclear answer that is also a goodbye ("thanks, I feel lighter, I'd better go, bye") is not
    // asked again as they leave: the help lines are given once more and the session closes.
    const leaving = actsRead.includes('wants_stop');
    if (answer === 'unclear' && !check.again && !leaving) return { ...empty, text: whole, safety: 'check', checkQuote: check.quote, checkAgain: true };
    letGo = answer === 'unclear';
  } else if (safety.flag === 'check') {
    return { ...empty, text: whole, safety: 'check', checkQuote: checkQuote(content.safety, whole) };
  }
  // An attempt to re-role the coach is not coaching content: nothing of it is kept.
  if (safety.flag === 'injection') return { ...empty, safety: 'injection' };
  if (check) return clearedCheck(content, whole, seq, state, letGo);

  // Read the act before the content: sentences that only thank, close, nod or ask the coach
  // something are acts, not content. The acts are read from the whole message; everything that
  // reads content (needs, limits, parts of the statement, the paraphrase) reads the rest.
  // What they ask the coach ("What would you do if you were me?", "Is one project too small a step?")
  // is answered, not read as content: the trained reader of questions, for what the lexicons miss.
  // A heading ("Learning?") announces an answer and "can we add that…?" edits the statement: neither
  // is a question to answer. A question about their own idea still carries the idea: it stays content.
  const questions = readQuestions(content.models, whole).filter((question) => labelledSlot(content.partLabels, question.sentence) === null && findStatementAddition(question.sentence, seq) === null);
  const setAside = questions.filter((question) => question.kind !== 'opinion');
  const asked = questions[0] ?? null;
  const text = contentOf(content.intents, content.turnActs, whole, new Set(setAside.map((question) => question.sentence)));
  // "Learning? I don't do theory…", "Ok, an experiment. I'll…": a heading answers its own question.
  const labelled = labelledSlot(content.partLabels, text);
  // The slot of the last bank question, only while it is the question their message answers: after
  // "What would make the next few minutes worth your time?" an answer is not the experiment asked for before it.
  const expected = labelled ?? (askedSince(content.phrases, state) ? expectedSlot(state) : null);
  const needPhrases = content.phrases.reflections.needPhrases;
  const step = state.step;
  const early = step === 'clarify_agreement' || step === 'create_partnership';
  // A step offered after the question about learning ("maybe this week I book 20 minutes with Dev")
  // is a step, not how they learn: only a message that offers none is read as the answer.
  const learning = findLearningPreference(content.models, text, seq, expected === 'learning' && findExperiment(text, seq, false) === null);
  // The message's needs and the choice of sentence to paraphrase share one model reading per sentence.
  const readNeed = needReader(content.models);
  const pleasantry = findPleasantry(content.intents, whole);
  let intent = findIntent(content.intents, whole);
  // "Yes, that sounds right" with no statement or needs check on the table agrees with the last reflection.
  const affirms = intent === 'confirm' && step === 'create_partnership' && !somethingToConfirm(state);
  if (affirms) intent = null;
  // Right after the draft was put to them, "close enough, yeah" or "that captures it, I'd just say…" is a yes.
  const lenient = step === 'create_partnership' && intent === null && confirmationPending(state) && LENIENT_CONFIRM.test(normalize(whole)) && !LEADING_NO.test(normalize(whole)) && !asksForChange(content.intents, whole);
  // A heading ("Ok, an experiment.") announces an answer, not a yes.
  if (lenient && labelled === null) intent = 'confirm';
  // "Perfect. Thank you very much, was more useful than I thought": a yes in a sentence of its own beside thanks.
  if (intent === null && step === 'create_partnership' && confirmationPending(state) && !asksForChange(content.intents, whole) && yesApart(content, whole, (sentence) => findPleasantry(content.intents, sentence) !== null || givesSessionFeedback(content.intents, sentence))) intent = 'confirm';
  // "Sweet, that's all good. Confirmed." after a question about the check-in: the word itself
  // confirms a complete draft that was put to them, whatever was said since.
  const explicitConfirm = intent === null && step === 'create_partnership' && statementPutToClient(state) && !asksForChange(content.intents, whole) && confirmsExplicitly(content.intents, whole);
  if (explicitConfirm) intent = 'confirm';
  const stated = withoutQuestions(text);
  const understanding: Understanding = {
    ...empty,
    text,
    safety: safety.flag,
    safetyDomain: safety.domain,
    intent,
    acts: [...(pleasantry ? [{ type: 'pleasantry' as const, kind: pleasantry }] : []), ...(affirms ? [{ type: 'affirms' as const }] : []), ...(explicitConfirm ? [{ type: 'confirms_explicitly' as const }] : [])],
    // The sentence that voiced how they learn, or goes on about learning beside it ("I've never learned anything from a book"), is not a need.
    needs: (early ? findNeeds(content.models, text, readNeed) : []).filter((hit) => hit.quote !== learning?.source.quote && !(learning && hit.confidence < 0.75 && /\blearn\w*/i.test(hit.quote))).map((hit) => ({ category: hit.category, summary: hit.category === 'other' ? otherSummary(hit.quote) : needPhrases[hit.category], quote: hit.quote, confidence: hit.confidence })),
    constraints: findConstraints(content.models, text).map((hit) => ({ kind: hit.kind, summary: hit.summary, quote: hit.quote })),
    // "if Ewan ran a job start to finish" is a condition (a sign, said late), never a strength.
    strengths: findStrengths(text, seq, expected === 'strengths').filter((strength) => !isBareCondition(strength.quote)),
    learningPreference: learning?.preference ?? null,
    feelings: findFeelings(content.feelings, text),
    // What is reflected back comes from what they said, never from what they asked ("does it have to be an actual date?").
    paraphrase: paraphraseOf(content.feelings, content.models, stated, readNeed),
  };
  if (learning) understanding.learningSource = learning.source;
  if (secondLanguageMark(whole) !== null) understanding.secondLanguage = true;
  // "No, it's not confidence. I'm very confident about the bugs. It's timing.": a need the client
  // rules out is not heard in this message, and is dropped from what was heard before (apply.ts).
  const ruledOut = early ? ruledOutNeeds(content.models, readNeed, text) : [];
  if (ruledOut.length > 0) {
    understanding.needs = understanding.needs.filter((need) => !ruledOut.includes(need.category));
    withAct(understanding, { type: 'rules_out_need', categories: ruledOut });
  }
  const lexiconQuestion = safety.flag === null && intent === null ? findProcessQuestion(content.intents, whole) : null;
  // The patterns answer first; a self-question they know is answered as one, below.
  // Only where no act of the lexicons speaks ("is this a bot?" is answered as asking who the coach is).
  // The self-question patterns ("is that normal…?") are surer than the trained reader, except that
  // "what do most people in my situation do?" asks for advice, which the reader hears.
  const selfQuestion = asksAboutThemselves(content.intents, whole);
  const modelQuestion = safety.flag === null && intent === null && lexiconQuestion === null && actsRead.length === 0 && !asksAboutPrivacy(content.intents, whole) && asked !== null && asked.kind !== 'reassurance' && (asked.kind === 'advice' || !selfQuestion) ? MODEL_QUESTION[asked.kind] : null;
  const processQuestion = lexiconQuestion ?? modelQuestion;
  // "What's a first small experiment for something like this? Can you give me an example?": the
  // part their question names is the one explained, not the coach's last question.
  // A short heading before the question ("Success... like what?") names it too.
  // "give me an example of a first step", typed without a question mark, names it as well.
  const named = processQuestion === 'clarify' || processQuestion === 'example' ? askedPart(content.askedParts, questionsWithHeadings(whole)) ?? askedPart(content.askedParts, splitSentences(whole)) : null;
  if (processQuestion) withAct(understanding, { type: 'process_question', question: processQuestion, ...(named ? { part: named } : {}) });
  for (const act of actsRead) {
    if (act === 'asks_advice') withAct(understanding, { type: 'process_question', question: 'advice' });
    else withAct(understanding, { type: act });
  }
  // The answer to "would you like a suggestion?": a yes or a no to that, not to anything else on the table.
  // Only a short answer is a yes or a no to hearing it: "Ok, I like the idea. I can send my opinion
  // before the meeting…" is their own idea, and a thank-you is neither.
  const shortAnswer = words(text).length <= 8 && !pleasantry;
  if (adviceOffered(state) && shortAnswer && (understanding.intent === 'confirm' || understanding.intent === 'reject' || isConsent(content.intents, whole) !== null)) {
    withAct(understanding, { type: understanding.intent === 'reject' || isConsent(content.intents, whole) === false ? 'advice_declined' : 'advice_accepted' });
    understanding.intent = null;
  }
  // A yes to "shall we stop here, with the statement as it stands?" is a wish to stop, not a yes to the statement.
  // "k cheers" to that offer (only thanks or a goodbye) takes it as well.
  if (closeOffered(state) && ((shortAnswer && (understanding.intent === 'confirm' || hasAct(understanding, 'affirms') || isConsent(content.intents, whole) === true)) || pleasantry === 'thanks' || pleasantry === 'closing')) {
    withAct(understanding, { type: 'wants_stop' });
    withoutAct(understanding, 'affirms');
  }
  // "Thanks, that's all for now" once the plan is being made: a closing, and the session closes with it.
  // ("Yes, that's it" agrees with what was asked: a yes, not a goodbye.)
  // Once a draft is on the table, a goodbye in the partnership step ("cheers gotta go bus in") closes it too, with the statement as it stands.
  if (pleasantry === 'closing' && (step === 'construct_plan' || step === 'collaborate_challenge' || (step === 'create_partnership' && state.statement !== null)) && understanding.intent === null && !affirms && findIntent(content.intents, whole) !== 'confirm') withAct(understanding, { type: 'wants_stop' });
  // "Thank you very much. Was strange to speak with computer but good. Have nice day. Dziękuję!": a
  // goodbye as the last sentence of a longer message, from the partnership step on, is leaving.
  else if (step !== 'clarify_agreement' && splitSentences(whole).length > 1 && endsWithFarewell(content.intents, splitSentences(whole)) && understanding.intent === null && !affirms) withAct(understanding, { type: 'wants_stop' });
  // "Perfect, bye" to the complete draft just put to them is a yes and a goodbye; anything else is only the goodbye.
  if (hasAct(understanding, 'wants_stop')) understanding.intent = step === 'create_partnership' && confirmationPending(state) && yesBesideStop(content, whole) ? 'confirm' : null;
  if (asksAboutPrivacy(content.intents, whole)) withAct(understanding, { type: 'asks_privacy' });
  else if ((step !== 'clarify_agreement' && modelQuestion === null && selfQuestion) || (safety.flag === null && intent === null && lexiconQuestion === null && asked?.kind === 'reassurance')) withAct(understanding, { type: 'asks_about_themselves' });
  // Read by the questions model only (no "is it normal…" of the lexicon): a question asked beside a
  // part of the plan ("Is it not if I'm sleeping? lol ok, if I'm in bed by 12…", "Confidence… maybe
  // 6. Is 6 good enough?") is about that part, and the part is the answer: no stock reassurance.
  const reassuranceByModel = hasAct(understanding, 'asks_about_themselves') && !(step !== 'clarify_agreement' && modelQuestion === null && selfQuestion);
  // Key phrases cost a compromise parse and are read only when a reflection falls back to a theme: computed on first use.
  lazyKeyPhrases(understanding, stated);

  if (early) {
    // Each part is read from the sentences that can carry it: not a question ("Check-in after each
    // meeting, is possible?"), not a sentence labelled as another part ("Confidence... 7"), not a
    // correction ("please don't write that I want to improve my English").
    const parts = labelledParts(content.partLabels, text);
    // Each slot's sentences are worked out once per message (the readers below ask for some twice).
    const slotTexts = new Map<string, string>();
    const partText = (slot: string) => slotTexts.get(slot) ?? slotTexts.set(slot, slotSentences(content, text, parts, slot)).get(slot)!;
    understanding.goals = findGoals(partText('goal'), seq).filter((goal) => !learning || !learning.source.quote.includes(goal.quote));
    const labelledSuccess = parts.filter((part) => part.slot === 'success' && part.rest !== '');
    understanding.successSignals = labelledSuccess.length > 0 ? labelledSuccess.slice(0, 2).map((part) => labelledSlotOf(content.clean, part, seq)) : findSuccessSignals(partText('success'), seq, false);
    const labelledExperiment = stepAfterScene(content, text, parts.find((part) => part.slot === 'experiment' && part.rest !== ''));
    // After its label, the step is read as a step ("A small thing? Maybe I could leave the marking in
    // school…": "maybe I could" is how they offer it, not part of it), or else taken as written.
    const afterLabel = labelledExperiment ? cleanText(labelledExperiment.rest, content.clean, { hedges: true }).text : '';
    const tentative = afterLabel === '' ? null : findExperiment(afterLabel, seq, true);
    understanding.experiment = labelledExperiment ? (tentative && tentative.quote === afterLabel && tentative.own !== afterLabel ? { ...tentative, quote: labelledExperiment.sentence } : labelledSlotOf(content.clean, labelledExperiment, seq)) : findExperiment(partText('experiment'), seq, false);
    // One sentence read both ways: "I learn best by trying things out…" is how they learn, not a first
    // experiment; "Little experiment: let Marco own the pasta section" is the experiment, not how they learn.
    if (understanding.experiment && learning && learning.source.quote.includes(understanding.experiment.quote)) {
      const namedExperiment = labelled === 'experiment' || /\b(?:experiment|first step|small step|next step)\b/i.test(understanding.experiment.quote);
      if (!namedExperiment || /\blearn\w*|\bworks? best for me\b|\bhow i (?:grow|improve|get better)\b/i.test(understanding.experiment.quote)) understanding.experiment = null;
      else {
        understanding.learningPreference = null;
        delete understanding.learningSource;
      }
    }
    // Answers to the question just asked count even without a marker, unless they say something else.
    // A nod that goes on with an answer ("Okay, both then. Maybe eight to ten regulars by the end of
    // term…") is an answer: only a bare nod ("yes, that's it") answers nothing.
    const bareNod = affirms && contentWords(text).length < AFFIRM_THEN_ANSWER_WORDS;
    const nothingElse = understanding.goals.length === 0 && understanding.successSignals.length === 0 && understanding.experiment === null && understanding.intent === null && !bareNod && !pleasantry;
    // A limit said in answer ("we're two people short, so no slack") stays a limit, not a sign of progress.
    // A late answer: the question before last was about success, nothing answered it yet, and this
    // message answers neither the last question nor anything else ("Fewer fires each week." after
    // the coach moved on to how they learn).
    const lateSuccess = expected !== 'success' && !learning && state.successSignals.length === 0 && recentlyAsked(state, 'success');
    if (nothingElse && (expected === 'success' || lateSuccess)) {
      // "Regulars who come back week after week" answers the question about signs: a limit the model
      // reads into the same sentence, with no word of limit the lexicon knows, is the misreading.
      const limit = (signal: Slot) => understanding.constraints.some((constraint) => constraint.quote === signal.quote && (expected !== 'success' || findConstraintsByLexicon(signal.quote).length > 0));
      understanding.successSignals = findSuccessSignals(partText('success'), seq, true).filter((signal) => !limit(signal));
      understanding.constraints = understanding.constraints.filter((constraint) => !understanding.successSignals.some((signal) => signal.quote === constraint.quote));
    }
    if (nothingElse && expected === 'experiment' && !learning) understanding.experiment = findExperiment(partText('experiment'), seq, true);
    // "if nobody rings me at 6 asking where to go": a message that is only conditions is how people
    // say a sign of progress, whichever question came before it (so never the aim or a step).
    const conditions = splitSentences(partText('success'));
    const onlyConditions = state.step === 'create_partnership' && conditions.length > 0 && conditions.every(isBareCondition);
    if (nothingElse && onlyConditions && !learning && state.successSignals.length === 0 && understanding.successSignals.length === 0) {
      understanding.successSignals = findSuccessSignals(partText('success'), seq, true).flatMap((signal) => checkedPart(content.partCheck, 'success', signal) ?? []);
    }
    // An answer to "what would you like to be different?" with no marker: the aim, the first time;
    // once there is an aim, what they would see is its signs of progress ("doing the school run on a tuesday").
    if (nothingElse && expected === 'goals' && !learning && !onlyConditions && understanding.needs.every((need) => need.quote !== text)) {
      if (state.goals.length === 0) understanding.goals = [goalFromAnswer(partText('goal'), seq)].flatMap((goal) => (goal ? [goal] : []));
      else understanding.successSignals = findSuccessSignals(partText('success'), seq, true);
    }
    // "give tom the rota gaps for one week?": a step of their own put forward as a question is
    // offered as the experiment, asked for or not.
    const offered = nothingElse && understanding.experiment === null && state.experiment === null ? offeredStep(content, partText('experiment'), seq) : null;
    if (offered) understanding.experiment = offered;
    // A bare rating or a shrug right after the question fills no part: "7 i guess" is a confidence, not a sign of progress.
    if (matchingEntries(content.notAPart, text).length > 0) {
      understanding.successSignals = [];
      understanding.experiment = null;
    }
    // A first experiment is something the client will do: a part that names no action ("the report") is not one,
    // nor a preference, two minds or a wish about the coach; said unasked, it must say they will act.
    if (understanding.experiment && namesNoAction(understanding.experiment.text)) understanding.experiment = null;
    // Under its label ("the action is ask my manager…") the step may also be read without the label's words.
    const typedAsked = expected === 'experiment' || labelledExperiment !== undefined || offered !== null;
    const underLabel = labelledExperiment !== undefined && understanding.experiment?.quote === labelledExperiment.sentence ? labelledExperiment.rest : null;
    if (understanding.experiment && !experimentTyped(content, understanding.experiment.quote, typedAsked) && !(underLabel !== null && experimentTyped(content, underLabel, typedAsked))) understanding.experiment = null;
    // Whatever found them, the parts pass one type check before they are kept (content/lexicon/part-check.json).
    // "get fitter to be honest": the hedges go before a part is kept, as before any echo.
    understanding.goals = understanding.goals.flatMap((goal) => checkedPart(content.partCheck, 'goal', unhedged(content.clean, goal)) ?? []);
    const signalsFound = understanding.successSignals;
    // "maybe eight to ten regulars…": the hedge goes before a sign is kept, as before a goal.
    understanding.successSignals = signalsFound.flatMap((signal) => checkedPart(content.partCheck, 'success', unhedged(content.clean, signal)) ?? []);
    // "I'll block two hours every Friday morning", said where a sign was asked for, is a step they will
    // take: with no first experiment yet, it is offered as that (and it is no sign of progress).
    const step = signalsFound.find((signal) => content.partCheck.stepFaults.has(slotFault(content.partCheck, 'success', signal) ?? ''));
    // Only in answer to the question about signs, and never from a message that labels its parts
    // ("Support is Joëlle… I'll tell her the plan" is the plan's support, not a first experiment).
    if (step && expected === 'success' && parts.length === 0 && understanding.experiment === null && state.experiment === null) understanding.experiment = checkedPart(content.partCheck, 'experiment', step);
    // Every sign found failed the check ("How would I know it's working... I guess if I've got three
    // new pieces in the portfolio"): the sign may be in another sentence, read as an answer when asked.
    // Under a label too ("Signs of progress. Sounds like a school report. I'd know because the
    // movements would be on the system within the week"): the label heads the part, and the
    // sentence after it was a remark; the sign is looked for in the rest, read as an answer.
    if (signalsFound.length > 0 && understanding.successSignals.length === 0) {
      // (never a question of theirs: "Success... like what? Or how I feel about it?" asks, it does not answer)
      const others = splitSentences(partText('success')).filter((sentence) => !sentence.trim().endsWith('?') && !signalsFound.some((signal) => signal.quote.includes(sentence) || sentence.includes(signal.quote))).join(' ');
      if (others !== '') understanding.successSignals = findSuccessSignals(others, seq, expected === 'success' || labelledSuccess.length > 0).flatMap((signal) => checkedPart(content.partCheck, 'success', signal) ?? []);
    }
    // A step said in passing ("…I'll count how many calls I get before 7am") does not replace the
    // first experiment already written: only an answer to the question, or a step labelled as one, does.
    // Once written, the step is replaced only by an answer to the question put in the last reply: "the
    // first time Jenny asks I'll probably panic", said replies after it was asked, is no new step.
    if (understanding.experiment && state.experiment !== null && !(expected === 'experiment' && askedInLastReply(content.phrases, state)) && labelledExperiment === undefined && offered === null) understanding.experiment = null;
    if (understanding.experiment) {
      // "maybe pull kyle aside…": the hedge goes before the step is judged, as before a goal or a sign.
      const first = unhedged(content.clean, understanding.experiment);
      understanding.experiment = checkedPart(content.partCheck, 'experiment', first);
      // The first candidate failed the check ("Small step. Tell you what, …, Kyle could do that"):
      // the step may be in another sentence ("I could let him do deliveries for a fortnight").
      if (understanding.experiment === null) {
        const others = splitSentences(partText('experiment')).filter((sentence) => sentence !== first.quote).join(' ');
        const asked = expected === 'experiment' || labelledExperiment !== undefined;
        const second = others === '' ? null : findExperiment(others, seq, asked);
        if (second && !namesNoAction(second.text) && experimentTyped(content, second.quote, asked)) understanding.experiment = checkedPart(content.partCheck, 'experiment', second);
      }
    }
    // Read in context: a part still missing, given in words no pattern knows ("want them to just
    // listen w/o me shoutin" after "what would be different?"), is read by the trained part reader,
    // more readily when it answers the question just asked (model-parts.ts). Not from a bare nod,
    // a question to the coach, a goodbye or an answer about how they learn.
    if (state.step === 'create_partnership' && understanding.intent === null && !bareNod && processQuestion === null && !learning && !hasAct(understanding, 'wants_stop')) {
      const missing: ContextPart[] = [];
      if (state.goals.length === 0 && understanding.goals.length === 0) missing.push('goal');
      if (state.experiment === null && understanding.experiment === null) missing.push('experiment');
      // Clients often answer the question before last (still on it when the next came, or typing
      // across it): a missing part asked for by either of the last two questions is read as asked.
      const partAsked = (slot: string | null | undefined): ContextPart | null => (slot === 'goals' ? 'goal' : slot === 'experiment' ? 'experiment' : null);
      const lately = labelled !== null || !askedSince(content.phrases, state) ? [expected] : state.asked.slice(-2).reverse().map((id) => id.split('.')[1]);
      const askedKind = lately.map(partAsked).find((part) => part !== null && missing.includes(part)) ?? null;
      // A sentence the client labelled as a part ("Support: I'll message Kamau…") is that part only.
      const unlabelled = splitSentences(stated).filter((sentence) => !parts.some((part) => part.sentence.includes(sentence.trim()))).join(' ');
      const read = readPartsInContext(content.models, { text: unlabelled, seq, asked: askedKind, open: missing, plain: (sentence) => cleanText(sentence, content.clean, { hedges: true }).text });
      if (read.goal) understanding.goals = [read.goal].flatMap((goal) => checkedPart(content.partCheck, 'goal', unhedged(content.clean, goal)) ?? []);
      if (read.experiment) understanding.experiment = checkedPart(content.partCheck, 'experiment', unhedged(content.clean, read.experiment));
    }
  }
  if (step === 'clarify_agreement') {
    understanding.timeAvailable = findTimeAvailable(text, seq);
    const consent = isConsent(content.intents, text);
    // "Go on then, I'm in", "sure whatever, go ahead": a clear yes needs no purpose first; a bare "ok" does.
    const bare = /^(?:yes|yeah|yep|ok|okay|sure|fine|alright|right)\b[\s!.,]*$/i.test(normalize(text));
    if (consent !== null && (expected === 'consent' || state.agreement.purpose !== null || consent === false || !bare)) understanding.consent = consent;
    // Asking to move on from the agreement is agreeing to go on; the purpose may still be missing.
    if (understanding.intent === 'move_on' && understanding.consent !== false) {
      understanding.consent = true;
      understanding.intent = null;
    }
    // Asked whether to go on and answered with their story instead: engaging is a yes, and the coach
    // says it takes it as one, so nobody is kept at the door. A question, a no or a hesitation is not.
    if (understanding.consent === null && understanding.intent === null && state.asked.some((id) => id.startsWith('agreement.consent')) && (isContentBearing(text) || keptWaitingFor(state)) && (keptWaitingFor(state) || !/\?\s*$/.test(text.trim())) && !hesitates(content.intents, text)) {
      understanding.consent = true;
      withAct(understanding, { type: 'consent_implicit' });
    }
    const aboutThisTalk = hasAct(understanding, 'asks_about_coach') || hasAct(understanding, 'asks_privacy') || hasAct(understanding, 'wants_stop');
    // A question beside the topic ("I want to sort out my pricing. How does this work?") leaves the
    // topic in the rest of the message: it is read from that.
    if (state.agreement.purpose === null && (!processQuestion || text !== whole) && !aboutThisTalk) {
      const purpose = agreementPurpose(slotSentences(content, text, [], 'purpose'), seq, state, expected, understanding.consent === true, content.intents);
      understanding.purpose = purpose && purpose.text !== OPEN_PURPOSE ? unhedged(content.clean, purpose) : purpose;
    }
    // The opening said what this is, what is kept and how long, then asked what to focus on:
    // answering with something to work on is agreeing to go on, so the agreement takes one turn.
    // A question, a doubt or a no is not.
    const answeredFocus = expected === 'purpose' && state.agreement.purpose === null && state.turnsInStep >= 1 && understanding.purpose !== null && understanding.purpose !== undefined && understanding.purpose.text !== OPEN_PURPOSE;
    const substantive = answeredFocus || (understanding.purpose !== null && understanding.purpose !== undefined && understanding.purpose.text !== OPEN_PURPOSE && !isWeakPurpose(understanding.purpose));
    // A question of theirs about their topic ("…Is it normal to feel this rusty?") is answered on the
    // way in; one about this talk, or asking for something, is answered first and the yes asked for.
    // (Advice, an opinion or a fact asked beside a topic wait for the partnership, where the topic is.)
    // Not for ever: once the topic is known and the yes was asked for, a client who goes on talking
    // (with a question or not) has agreed in practice, and their question is answered in the step.
    const keptWaiting = keptWaitingFor(state);
    const askedFirst = asked !== null && !keptWaiting && !answeredFocus && (asked.kind === 'process' || asked.kind === 'doubt' || asked.kind === 'clarify' || asked.kind === 'example');
    if (understanding.consent === null && substantive && !askedFirst && !hesitates(content.intents, text)) understanding.consent = true;
    // The topic known from an earlier turn, and the client still here and talking: that is going on.
    // Only a no, a hesitation, a doubt or a question about this talk's terms waits for a yes.
    const engaged = state.agreement.purpose !== null && understanding.intent === null && !aboutThisTalk && asked?.kind !== 'doubt' && contentWords(text).length >= 2;
    if (understanding.consent === null && engaged && !hesitates(content.intents, text)) {
      understanding.consent = true;
      withAct(understanding, { type: 'consent_implicit' });
    }
  }
  // Clients answer ahead of the process: from the partnership step on, what they say about the
  // plan, their commitment, confidence and check-ins is kept, read more strictly before its own step.
  if (step === 'create_partnership' || step === 'construct_plan' || step === 'collaborate_challenge') {
    const planStep = step === 'construct_plan';
    const challengeStep = step === 'collaborate_challenge';
    // An action is something to do: "you're concerned about this one" or "it's just not easy to quit" is not one.
    // A plan action passes the first experiment's type check too: "go before and didn't" is a memory,
    // "make it 6" a rating, not a step to put a date on.
    // A question of theirs ("Does that count?") is no action, date, support or measure.
    understanding.actions = findActions(stated, seq, planStep && (expected === 'action' || expected === 'specific'), !planStep).filter((action) => action.what === '' || (!namesNoAction(action.what) && partFault(content.partCheck, 'experiment', toFirstPerson(action.what)) === null));
    // "Support: my colleague Siobhán can help…", "For measure I will write in my notebook…": a part the
    // client labels is that part of the action under discussion, so it is not asked for again.
    if (planStep) {
      const labels = labelledParts(content.partLabels, text);
      const rest = (slot: 'support' | 'measure') => {
        const part = labels.find((candidate) => candidate.slot === slot && candidate.rest !== '');
        return part ? lowerFirst(toSecondPerson(stripFinalPunctuation(part.rest))) : null;
      };
      const support = rest('support') ?? (expected === 'support' && !understanding.actions.some((action) => action.support) ? supportNamed(text) : null);
      const measure = rest('measure');
      if (support || measure) {
        const last = understanding.actions.at(-1);
        if (last) {
          last.support ??= support;
          last.measure ??= measure;
        } else understanding.actions = [{ what: '', byWhen: null, support, measure, quote: text, seq }];
      }
    }
    understanding.confidence = findConfidence(text, challengeStep && expected === 'confidence', step === 'create_partnership');
    understanding.checkIn = findCheckIn(text, seq, !challengeStep && expected !== 'check_in');
    understanding.commitment = findCommitment(text, seq, challengeStep && expected === 'commitment', step === 'create_partnership');
    if (planStep || challengeStep) {
      const otherSlot = understanding.confidence !== null || understanding.checkIn !== null || (understanding.commitment !== null && expected !== 'commitment');
      understanding.obstacles = findObstacles(text, seq, challengeStep && expected === 'obstacles' && !otherSlot && understanding.intent === null);
    }
  }
  // The draft was put to them and they answer with the plan itself ("I'll do it Tuesday, confidence 7")
  // without objecting: that is a yes in practice, said so by the coach, and the statement stays editable.
  // An action offered while the draft has no experiment yet is the experiment: it goes into the draft instead.
  // "Can we add that I'll check in with Priya every Friday?": the draft is being edited, not confirmed;
  // the line goes into the statement as said and is not read again as a plan detail or another slot.
  // Not when they rewrote the text by hand: the coach then leaves the text alone and could not add it.
  const editable = state.statement?.status === 'draft' && !(state.statement.editedFields ?? []).includes('text');
  const addition = step === 'create_partnership' && editable ? findStatementAddition(text, seq) : null;
  if (addition) {
    withAct(understanding, { type: 'statement_addition', line: addition });
    Object.assign(understanding, { actions: [], checkIn: null, commitment: null, confidence: null, intent: null, goals: [], successSignals: [], experiment: null });
  }
  // "Ok, an experiment: I'll talk to each of them", "first step book 1:1 w her. thats it": a yes
  // that comes with a part of the statement is an answer (the draft changes and is shown again),
  // not a yes to the draft as it was. Confirmed only by a clear yes.
  if (step === 'create_partnership' && understanding.intent === 'confirm' && (understanding.experiment !== null || understanding.goals.length > 0 || understanding.successSignals.length > 0 || labelled !== null)) understanding.intent = null;
  const planAhead = understanding.confidence !== null || understanding.commitment !== null || understanding.checkIn !== null || (understanding.actions.length > 0 && Boolean(state.statement?.firstExperiment));
  if (step === 'create_partnership' && understanding.intent === null && understanding.experiment === null && statementPutToClient(state) && !LEADING_NO.test(normalize(text)) && planAhead) {
    understanding.intent = 'confirm';
    withAct(understanding, { type: 'confirms_implicitly' });
  }
  // A need voiced as the answer to "where are you stuck" with no topic of ours is still a need.
  if (expected === 'needs' && understanding.needs.length === 0 && contentWords(text).length >= 3 && understanding.intent === null && !affirms && !pleasantry) {
    const sentence = splitSentences(text).sort((first, second) => second.length - first.length)[0];
    if (sentence) understanding.needs.push({ category: 'other', summary: otherSummary(sentence), quote: sentence, confidence: 0.45 });
  }
  // A correction of the statement in chat is not content: nothing of it is a need, a slot or a yes.
  const correction = state.statement && !(state.statement.editedFields ?? []).includes('text') && step !== 'clarify_agreement' ? readCorrection(content.corrections, whole, state.statement) : null;
  // "Statement reads correctly. One edit: replace 'A' with 'B'. Otherwise confirmed.": when the words
  // to replace are not in the statement, the yes stands and the edit is left.
  // The yes must be said beside the correction, not be its first word ("ok statement: change 'A' to 'B'").
  const yesBeside = understanding.intent === 'confirm' && yesApart(content, whole, (sentence) => correctsStatement(content.corrections, sentence));
  // The yes stands; the words they asked to cut, which the statement never had, are named as it is confirmed.
  if (correction && 'unclear' in correction && yesBeside && correction.absent) withAct(understanding, { type: 'absent_cut', words: correction.absent });
  // An edit asked for in words no form could make ("yes, this is better. Also add the heart thing") is no yes either.
  if (correction && !('unclear' in correction && yesBeside && !correction.request)) {
    // "Add my heart not racing to the signs of progress" is that part's edit, not a line of its own as well.
    withoutAct(understanding, 'statement_addition');
    withAct(understanding, { type: 'statement_correction', part: correction.part ?? null, edit: 'edit' in correction ? correction.edit : null, ...('absent' in correction && correction.absent ? { absent: correction.absent } : {}) });
    Object.assign(understanding, { intent: null, needs: [], constraints: [], goals: [], successSignals: [], experiment: null, strengths: [], actions: [], obstacles: [], checkIn: null, commitment: null, confidence: null, paraphrase: '' });
    return understanding;
  }
  // "Thanks, that was more useful than I thought" once the statement has been shown: the client is
  // closing, and the coach closes with the statement as it stands rather than asking on.
  if (state.statement && wasShown(state, state.statement) && !hasAct(understanding, 'wants_stop') && givesSessionFeedback(content.intents, whole)) {
    withAct(understanding, { type: 'wants_stop' });
    understanding.intent = step === 'create_partnership' && confirmationPending(state) && yesBesideStop(content, whole) ? 'confirm' : null;
  }
  // (An aim said beside "is it normal to feel this rusty?" is not what the question is about.)
  const carriesPart = understanding.successSignals.length > 0 || understanding.experiment !== null || understanding.confidence !== null || understanding.actions.length > 0;
  if (reassuranceByModel && carriesPart) withoutAct(understanding, 'asks_about_themselves');
  return withOriginals(withoutSlotNeeds(content.intents, withoutSlotConstraints(understanding)), cleaned);
}

/**
 * The answer to "who or what could support you?" given as a noun phrase ("Declan, like I said.", "my
 * sister probably", "the union rep"): the first stretch of its first sentence, in a few words, with
 * a noun and no verb of its own. What they then say about that person is story, not the support;
 * "nobody really" or "I don't know" names none.
 */
function supportNamed(text: string): string | null {
  const first = splitSentences(text)[0];
  if (!first || first.trim().endsWith('?')) return null;
  const head = stripFinalPunctuation(stripLeadingFiller(first.split(',')[0]!)).trim();
  if (head === '' || words(head).length > SUPPORT_WORDS) return null;
  const terms = parsedTerms(head).filter((term) => term.text !== '');
  const tagged = (tag: string) => terms.some((term) => term.tags.includes(tag));
  if (!tagged('Noun') || tagged('Verb') || tagged('Negative') || terms.some((term) => NO_ONE.has(term.text.toLowerCase()))) return null;
  return supportWords(toSecondPerson(head));
}

/** Words that name no support. */
const NO_ONE: ReadonlySet<string> = new Set(['nobody', 'noone', 'none', 'nothing', 'idk', 'dunno']);

/** The most words a support named in answer may have ("my sister and Declan"). */
const SUPPORT_WORDS = 6;

/** The message's questions, each with a heading of up to three words said just before it ("Success... like what?"). */
function questionsWithHeadings(text: string): string[] {
  const sentences = splitSentences(text);
  return sentences.flatMap((sentence, index) => {
    if (!sentence.trim().endsWith('?')) return [];
    const before = sentences[index - 1];
    return before !== undefined && !before.trim().endsWith('?') && words(before).length <= 3 ? [`${before} ${sentence}`] : [sentence];
  });
}

/** Every quote the reading kept, mapped back to the words as typed where cleaning changed them. */
function withOriginals(understanding: Understanding, cleaned: CleanResult): Understanding {
  if (!cleaned.changed) return understanding;
  const quotes = [
    ...understanding.needs.map((need) => need.quote),
    ...understanding.constraints.map((constraint) => constraint.quote),
    ...[understanding.goals, understanding.successSignals, understanding.strengths, understanding.actions, understanding.obstacles].flat().map((slot) => slot.quote),
    ...[understanding.experiment, understanding.checkIn, understanding.commitment, understanding.purpose, understanding.timeAvailable, understanding.learningSource].flatMap((slot) => (slot ? [slot.quote] : [])),
  ];
  const originals: Record<string, string> = {};
  for (const quote of quotes) {
    const original = originalOf(cleaned, quote)?.trim();
    if (original && original !== quote) originals[quote] = original;
  }
  return Object.keys(originals).length > 0 ? { ...understanding, originals } : understanding;
}

/**
 * Nor is the time given to this talk, a consent, a check-in rhythm or a commitment a need:
 * "I have about thirty minutes, and yes, I am happy to go on" must not become work-life balance.
 */
const ABOUT_THIS_TALK = /\b(?:coach(?:ing|es)?|(?:this|our|the|first|coaching) (?:session|conversation|chat|talk))\b/i;

/** Below this confidence, a short question read as a need is dropped. */
const FAINT_SHORT_NEED = 0.4;

const CONFIDENCE_RATING = /^\W*(?:(?:my )?confidence(?: level)?(?: is| would be)?|(?:i'd|i would) say|maybe|about|around)?(?:[\s:,.-]*(?:like|um+|uh+|hmm+|maybe|honestly|probably|i guess|i think|ish))*[\s:,.-]*\d{1,2}(?:\s*(?:\/|out of|of)\s*10)?\b[^a-z]*(?:\w+\W*){0,6}$/i;

function withoutSlotNeeds(intents: IntentLexicons, understanding: Understanding): Understanding {
  if (understanding.needs.length === 0) return understanding;
  const slotQuotes = new Set(
    [understanding.timeAvailable, understanding.checkIn, understanding.commitment].flatMap((slot) => (slot ? [normalize(slot.quote)] : [])),
  );
  // What they are good at is the strengths slot's sentence: "I am very careful with data" is no need.
  const otherSlots = new Set(understanding.strengths.map((slot) => normalize(slot.quote)));
  understanding.needs = understanding.needs.filter((need) => {
    const quote = normalize(need.quote);
    if (slotQuotes.has(quote)) return false;
    if (otherSlots.has(quote) && need.confidence < 0.9 && !/\b(?:but|just not|except)\b/i.test(need.quote)) return false;
    // "Is that a problem?", "Is 5 bad?": a question put to the coach, not a need.
    if (need.confidence < FAINT_SHORT_NEED && need.quote.trim().endsWith('?') && words(need.quote).length <= 6) return false;
    // "And there's no money.": a limit the coach could not place as a need is not an "other" need too.
    if (need.category === 'other' && understanding.constraints.some((constraint) => constraint.quote === need.quote)) return false;
    // "Confidence 7.", "7 out of 10, maybe 6": a rating of the plan, not a need for confidence.
    if (CONFIDENCE_RATING.test(need.quote)) return false;
    // "Hello, I am product manager in a logistics company": who they are, not what they need.
    if (isSceneSetting(need.quote) && need.confidence < 0.75) return false;
    // "I'd like to get clear on what I want from coaching" is about this talk, not a need, unless a need is plain in it.
    if (ABOUT_THIS_TALK.test(need.quote) && need.confidence < 0.75) return false;
    return !(understanding.consent === true && isConsent(intents, need.quote) === true && words(need.quote).length <= 14);
  });
  return understanding;
}

/**
 * A sentence already heard as something else (the time given to this conversation, a success
 * signal, the experiment, a dated action, a check-in, commitment) is not also a limit on the plan:
 * "I have 40 minutes" or "we can check in every week" would otherwise read as time constraints.
 */
function withoutSlotConstraints(understanding: Understanding): Understanding {
  const slotQuotes = new Set(
    [
      understanding.timeAvailable,
      understanding.experiment,
      understanding.checkIn,
      understanding.commitment,
      // A sentence that goes on after a sign ("… And we've no budget till April.") may be a limit as well: it stays one.
      ...understanding.successSignals.filter((signal) => !goesOnFromSign(signal)),
      // Only a named step: "From then until May I'm in the bodega fourteen hours a day" carries a date but is a limit.
      ...understanding.actions.filter((action) => action.what !== ''),
    ].flatMap((slot) => (slot ? [normalize(slot.quote)] : [])),
  );
  if (understanding.constraints.length > 0) {
    const limits = new Set(understanding.constraints.map((constraint) => normalize(constraint.quote)));
    understanding.actions = understanding.actions.filter((action) => action.what !== '' || !limits.has(normalize(action.quote)));
  }
  if (slotQuotes.size === 0 || understanding.constraints.length === 0) return understanding;
  // Changed in place: spreading would force the lazily computed key phrases.
  understanding.constraints = understanding.constraints.filter((constraint) => !slotQuotes.has(normalize(constraint.quote)));
  return understanding;
}

/** Defines `keyPhrases` as a cached getter (enumerable, so spreads and JSON still carry it). */
function lazyKeyPhrases(understanding: Understanding, text: string): void {
  let cached: string[] | null = null;
  Object.defineProperty(understanding, 'keyPhrases', {
    enumerable: true,
    configurable: true,
    get: () => (cached ??= findKeyPhrases(text)),
    set: (value: string[]) => {
      cached = value;
    },
  });
}

/** The needs a message's ruling-out sentences name ("it's not confidence", "no, not the workload"). */
function ruledOutNeeds(models: UnderstandContent['models'], readNeed: (sentence: string) => NeedReading, text: string): NeedCategory[] {
  const categories = splitSentences(text)
    .filter((sentence) => rulesOut(sentence))
    .flatMap((sentence) => findNeeds(models, sentence, readNeed).filter((hit) => hit.category !== 'other').map((hit) => hit.category));
  return [...new Set(categories)];
}

/** Content words from which a first answer told as a story is what they came with (a greeting or "hi, I'm a nurse" is not). */
const FIRST_STORY_WORDS = 8;
/** The same, when the purpose was asked again: "supervisor job come up at depot. thinkin of goin for it". */
const AGAIN_STORY_WORDS = 4;

/**
 * The purpose heard in the agreement step. A named topic is the purpose; so is a story told in
 * answer to the purpose question. Scene-setting alone (a greeting, who they are, who sent them)
 * is not: after consent, the first message that carries a situation or a problem is the purpose,
 * and once consent was given and two more turns passed, the conversation moves on with what is known.
 */
function agreementPurpose(text: string, seq: number, state: SessionState, expected: string | null, consentNow: boolean, intents: IntentLexicons): Slot | null {
  const candidate = findPurpose(text, seq, expected === 'purpose' || state.agreement.purpose === null);
  if (candidate && !isWeakPurpose(candidate)) return candidate;
  // The opening asked what they would like to talk about: a story told in answer ("I got caught again
  // and got suspended…") is what they came with, as much as a topic named, and is taken as the purpose.
  // (After a hello the question was asked again: its answer is as much the purpose as a first one.)
  const firstAnswer = expected === 'purpose' && state.agreement.purpose === null;
  const consented = state.agreement.consent || consentNow;
  if (consented && isContentBearing(text)) return purposeFromStory(text, seq);
  // Only what is left once the scene is set ("I'm a ward manager… I'm doing this on voice") counts.
  const story = splitSentences(text).filter((sentence) => !isSceneSetting(sentence)).join(' ');
  // Asked again (after a hello or a question), a short answer says it: terse typers answer in a few words.
  const enough = state.asked.some((id) => id.startsWith('agreement.purpose.')) && state.asked.length > 1 ? AGAIN_STORY_WORDS : FIRST_STORY_WORDS;
  // Its sentence that tells a situation, or else the one that says most.
  if (firstAnswer && contentWords(story).length >= enough) return purposeFromAnswer(story, seq) ?? purposeFromStory(story, seq, false);
  // Asked again (after a hello, a question or a first answer that only set the scene), anything the
  // client brings beyond this talk's terms is what they came with: "idk tbh. work stuff. got offerd
  // shift lead trial". The agreement is not a gate: the partnership step asks the open questions.
  if (firstAnswer && state.turnsInStep >= 1) {
    const answer = purposeFromAnswer(text, seq, (sentence) => isConsent(intents, sentence) !== null || findTimeAvailable(sentence, seq) !== null);
    if (answer) return answer;
  }
  if (state.agreement.consent && state.turnsInStep >= 3) return candidate ?? purposeFromStory(text, seq, false) ?? { text: OPEN_PURPOSE, quote: text, seq };
  return null;
}

/**
 * Whether a "yes" now can confirm something: a draft statement the coach has put to the client,
 * or a needs check the coach's last turn asked.
 */
export function somethingToConfirm(state: SessionState): boolean {
  if (confirmationPending(state)) return true;
  const lastAsked = state.asked[state.asked.length - 1] ?? '';
  const lastText = state.recentCoachTexts[state.recentCoachTexts.length - 1] ?? '';
  return lastAsked.startsWith('needs_check.') && lastText.includes('?');
}

const LENIENT_CONFIRM = /^(?:(?:ha|haha|oh|ah|well),? )?(?:yes|yeah|yep|yup|ok|okay|sure|close enough|fine by me|pretty much|mostly|spot on|exactly|that's (?:lovely|great|good|fine|fair|it)|looks (?:good|right|fine))\b|\b(?:captures? (?:it|that|this|me)|sums? (?:it|that|this) up|reads (?:correctly|right|well|fine)|that's (?:right|correct|accurate|fair)|(?:looks|sounds) (?:right|good|about right|fine)|close enough|spot on|(?:i )?agree with (?:the|this|that|it)|i can live with (?:it|that)|happy with (?:it|that|this)|(?:the )?statement(?:'s| is| looks| reads| sounds) (?:fine|good|ok|okay|great|right|accurate|correct)|(?:it|that|this)(?:'s| is) (?:fine|ok|okay|good|great|accurate|correct|fair)\b(?! (?:but|except))|(?:i'll|i will|i can|i'd|i would) sign (?:off )?(?:on )?(?:it|that|this)|(?:works|good|fine) (?:for|by) me|(?:i'm|i am) (?:ok|okay|fine|happy|good) with (?:it|that|this)|good enough|fair enough|(?:that|it|this) works)\b/;
const LEADING_NO = /^(?:no|nope|nah|not (?:really|quite|at all)|that's not|this is not|it's not)\b/;

/** Whether the draft statement has been put to the client at least once (a confirm question was asked). */
function statementPutToClient(state: SessionState): boolean {
  const statement = state.statement;
  if (statement?.status !== 'draft' || !statementComplete(statement)) return false;
  return state.asked.some((id) => id.startsWith('statement.confirm.')) || wasShown(state, statement);
}

/**
 * Whether a yes now would confirm the statement: the draft that the coach's last reply put to the
 * client, in full or as its changed part. A yes said turns later answers whatever was asked last.
 */
export function confirmationPending(state: SessionState): boolean {
  const statement = state.statement;
  // A draft with a part missing was shown to ask for that part: a yes to it confirms nothing.
  if (statement?.status !== 'draft' || !statementComplete(statement)) return false;
  const last = state.recentCoachTexts[state.recentCoachTexts.length - 1] ?? '';
  // "How well does that capture it, and what would you change or add?" asked of the draft just shown: a yes to it confirms.
  const askedOfDraft = (state.asked[state.asked.length - 1] ?? '').startsWith(STATEMENT_QUESTION_PREFIX) && last.includes('?');
  return justShown(state, statement) || state.statementShown?.reply === last || statementPartAsked(state) || askedOfDraft;
}

/** The ids of the bank's questions about the draft as a whole (content/phrases/questions.json, slot "statement"). */
const STATEMENT_QUESTION_PREFIX = 'statement.confirm.';

/** Whether the sentence a first experiment came from can be one: an action, and, said unasked, one they will take. */
function experimentTyped(content: UnderstandContent, quote: string, asked: boolean): boolean {
  const check = entriesById(content.experimentCheck, ['intention', 'not-an-action', 'own-subject', 'not-a-plan'] as const);
  const lower = lexiconText(quote);
  if (check['not-an-action'].regex.test(lower)) return false;
  if (check.intention.regex.test(lower)) return true;
  // Asked for, it may be said plainly ("ask Priya to run Monday"), but it must still be an action
  // of theirs: not the last sentence of a story, a refusal or a feeling.
  return asked && readsAsOwnAction({ ownSubject: check['own-subject'], notAPlan: check['not-a-plan'] }, quote);
}

/**
 * "First step: I have a four-sector day on Thursday itself. I'll write the structure on a card…":
 * under a step's label, a first sentence that says no intention sets the scene; the step is the
 * sentence right after it when that one says what they will do.
 */
function stepAfterScene(content: UnderstandContent, text: string, labelled: LabelledPart | undefined): LabelledPart | undefined {
  if (!labelled) return labelled;
  const intention = entriesById(content.experimentCheck, ['intention'] as const).intention.regex;
  if (intention.test(lexiconText(labelled.rest))) return labelled;
  const sentences = splitSentences(text);
  const next = sentences[sentences.findIndex((sentence) => sentence === labelled.sentence) + 1];
  if (next === undefined || next.trim().endsWith('?') || !intention.test(lexiconText(next))) return labelled;
  return { slot: labelled.slot, sentence: next, rest: stripFinalPunctuation(next.trim()) };
}

/** A statement with every part a client confirms: what they want, how they will know, what they will try. */
export function statementComplete(statement: Statement): boolean {
  return statement.goals.length > 0 && statement.successIndicators.length > 0 && statement.firstExperiment.trim() !== '';
}

/**
 * A clear no to the check question: read as any message (with the check no longer pending), but
 * its "no" answers the check, not the coach's last coaching question or the draft on the table.
 */
function clearedCheck(content: UnderstandContent, text: string, seq: number, state: SessionState, letGo: boolean): Understanding {
  const { safetyCheck: _answered, ...rest } = state;
  const read = understand(content, text, seq, rest);
  return { ...read, intent: null, acts: read.acts.filter((act) => act.type !== 'affirms'), consent: null, checkCleared: true, ...(letGo ? { checkLetGo: true } : {}) };
}

/** A sign read from the sentence after a marked one, opened by "and" (slots.ts findSuccessSignals). */
function goesOnFromSign(signal: Slot): boolean {
  return CONTINUES.has(words(signal.quote)[0] ?? '');
}

/** A need outside our categories is summarised in the client's own (swapped) words. */
function otherSummary(quote: string): string {
  return lowerFirst(toSecondPerson(stripFinalPunctuation(shorten(stripLeadingFiller(quote), 14))));
}

/**
 * The sentences of a message that may carry `slot`: not a question, a rating or a shrug
 * (content/lexicon/not-a-part.json), not a sentence labelled as another part, not a correction of
 * what is written or about to be.
 */
function slotSentences(content: UnderstandContent, text: string, parts: LabelledPart[], slot: string): string {
  const elsewhere = new Set(parts.filter((part) => part.slot !== slot).map((part) => part.sentence));
  return splitSentences(text)
    .filter((sentence) => !elsewhere.has(sentence) && matchingEntries(content.notAPart, sentence).length === 0 && !correctsStatement(content.corrections, sentence))
    .join(' ');
}

/**
 * A yes said in a sentence of its own beside the act in `other` ("Perfect. Bye.", "Looks right. One
 * edit: …"), not the "ok" that opens it ("ok im done", "ok statement: change …").
 */
function yesApart(content: UnderstandContent, whole: string, other: (sentence: string) => boolean): boolean {
  const rest = splitSentences(whole).filter((sentence) => !other(sentence));
  return rest.length > 0 && findIntent(content.intents, rest.join(' ')) === 'confirm';
}

/** A yes beside a goodbye or a word on the session. */
function yesBesideStop(content: UnderstandContent, whole: string): boolean {
  return yesApart(content, whole, (sentence) => readActs(content.turnActs, sentence).includes('wants_stop') || givesSessionFeedback(content.intents, sentence));
}

/** A step of their own offered tentatively, as a question that starts with its verb ("give Tom the gaps for a week?"). */
function offeredStep(content: UnderstandContent, text: string, seq: number): Slot | null {
  // Put forward as a question, or said plainly with its day ("let tom run sauces tuesday"): a dated
  // action of theirs, in the imperative a chat message uses for a plan, is the step they offer.
  for (const sentence of splitSentences(text)) {
    const step = withoutTentativeOpener(sentence);
    if (!(sentence.trim().endsWith('?') || namesADay(sentence)) || !startsWithVerb(step) || !experimentTyped(content, step, true)) continue;
    const own = lowerFirst(stripFinalPunctuation(step.trim()));
    return { text: lowerFirst(toSecondPerson(own)), quote: sentence, seq, own };
  }
  return null;
}

/** Day, frequency and tentative words of a step offered in passing (content/lexicon/step-days.json). */
const STEP_DAYS = wordSets('step-days', stepDays, ['near-day', 'near-mark', 'frequency', 'tentative-opener', 'step-lead', 'offer-modal']);

/**
 * Whether a sentence names a day or a time to act ("tuesday", "this week", "tomorrow"): compromise's
 * date tags. A frequency ("twice a week", "every night") says how things would be, a sign more than
 * a first step, and does not count.
 */
function namesADay(sentence: string): boolean {
  const terms = parsedTerms(sentence);
  if (terms.some((term) => STEP_DAYS.frequency.has(term.text.toLowerCase()))) return false;
  // A weekday, "tomorrow", or a time marked as near ("this week", "next Monday"); "end of week" is no day to act.
  return terms.some((term, index) => term.tags.includes('WeekDay') || STEP_DAYS['near-day'].has(term.text.toLowerCase()) || (term.tags.includes('Date') && STEP_DAYS['near-mark'].has(terms[index - 1]?.text.toLowerCase() ?? '')));
}

/** "maybe block 20 minutes…": the word that offers a step tentatively is not part of it. */
function withoutTentativeOpener(sentence: string): string {
  const [first, ...rest] = sentence.trim().split(' ');
  return first !== undefined && STEP_DAYS['tentative-opener'].has((first.endsWith(',') ? first.slice(0, -1) : first).toLowerCase()) && rest.length > 0 ? rest.join(' ') : sentence;
}

/** Whether the agreement has waited long enough for a yes: the topic known, the yes asked for, two turns gone. */
function keptWaitingFor(state: SessionState): boolean {
  return state.agreement.purpose !== null && state.asked.some((id) => id.startsWith('agreement.consent')) && state.turnsInStep >= 2;
}

/** A part without the hedges the reader keeps ("to be honest", "I guess"), in both voices; as it was when nothing is left. */
function unhedged(clean: CleanLexicons, slot: Slot): Slot {
  const text = cleanText(slot.text, clean, { hedges: true }).text;
  const own = slot.own === undefined ? undefined : cleanText(slot.own, clean, { hedges: true }).text;
  const textChanged = text !== '' && text.length !== slot.text.length;
  // "feeling less like a zombie I suppose": the hedge is read in the client's words even when the
  // coach's rendering ("… you suppose") hides it.
  const ownChanged = own !== undefined && own !== '' && slot.own !== undefined && own.length !== slot.own.length;
  if (!textChanged && !ownChanged) return slot;
  // The cleaner capitalises a sentence's first word: a part that began in lower case stays so ("I…" stays "I…").
  const cased = (before: string, after: string) => stripFinalPunctuation(before.charAt(0) === before.charAt(0).toLowerCase() ? lowerFirst(after) : after);
  const rendered = textChanged ? cased(slot.text, text) : lowerFirst(toSecondPerson(cased(slot.own!, own!)));
  return { ...slot, text: rendered, ...(ownChanged ? { own: cased(slot.own!, own!) } : {}) };
}

/** A part given under its label, in the client's words. */
function labelledSlotOf(clean: CleanLexicons, part: LabelledPart, seq: number): Slot {
  // "First step, I s'pose, I write down…": the hedge after the label is not part of the step.
  const cleaned = lowerFirst(cleanText(part.rest, clean, { hedges: true }).text || part.rest);
  const own = part.slot === 'experiment' ? withoutOfferLead(cleaned) : cleaned;
  return { text: lowerFirst(toSecondPerson(own)), quote: part.item ? part.rest : part.sentence, seq, own };
}

/**
 * "Small step. I could call Linda": under a step's label, the words it is offered with ("I could",
 * "I think I", "I guess I can") go; the step is what they will do ("call Linda"). Kept whole when
 * fewer than two words would be left.
 */
function withoutOfferLead(step: string): string {
  const tokens = step.split(' ').filter(Boolean);
  let at = 0;
  while (at < tokens.length - 2 && (STEP_DAYS['step-lead'].has(lexiconText(tokens[at]!)) || STEP_DAYS['offer-modal'].has(lexiconText(tokens[at]!)))) at += 1;
  return at > 0 && lexiconText(tokens[at - 1]!) !== 'i' ? tokens.slice(at).join(' ') : step;
}

/** Whether one of the coach's last two questions was about `slot`. */
function recentlyAsked(state: SessionState, slot: string): boolean {
  return state.asked.slice(-2).some((id) => id.split('.')[1] === slot);
}

/** The slot the coach's last question was about ("partnership.success.1" → "success"), if any. */
/**
 * Whether the coach's last reply still asked the last bank question (or asked nothing newer): a
 * question of its own put after it (a doubt answered, a choice given back) is what the client answers.
 */
function askedSince(phrases: UnderstandContent['phrases'], state: SessionState): boolean {
  const last = state.asked[state.asked.length - 1];
  const reply = state.recentCoachTexts[state.recentCoachTexts.length - 1];
  if (!last || reply === undefined) return true;
  const question = phrases.questionsById?.get(last);
  if (!question) return true;
  const finalQuestion = splitSentences(reply).filter((sentence) => sentence.trim().endsWith('?')).pop();
  if (!finalQuestion) return true;
  // The question explained ("I mean a sign you could notice… What sign would tell you?") is still the one answered.
  const help = phrases.templates?.questionHelp[expectedSlot(state) ?? ''];
  if (help !== undefined && reply.includes(help)) return true;
  // The bank question may carry the client's topic ("{topic}"): its words before the slot are compared.
  const stem = question.text.split('{')[0]!.trim().slice(0, 24);
  return stem === '' || finalQuestion.includes(stem) || reply.includes(question.text);
}

/** Whether the coach's last reply put the last bank question itself (not a line about the draft after it). */
function askedInLastReply(phrases: UnderstandContent['phrases'], state: SessionState): boolean {
  const last = state.asked[state.asked.length - 1];
  const reply = state.recentCoachTexts[state.recentCoachTexts.length - 1];
  const question = last ? phrases.questionsById?.get(last) : undefined;
  if (!question || reply === undefined) return false;
  const stem = question.text.split('{')[0]!.trim().slice(0, 24);
  return stem !== '' && reply.includes(stem);
}

export function expectedSlot(state: SessionState): string | null {
  const last = state.asked[state.asked.length - 1];
  if (!last) return null;
  const parts = last.split('.');
  return parts.length >= 2 ? parts[1]! : null;
}

/** The message's most telling sentence in the coach's voice, without filler or end punctuation. */
export function paraphraseOf(feelings: FeelingLexicon, models: UnderstandingModels, text: string, readNeed: (sentence: string) => NeedReading = needReader(models)): string {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return '';
  const scored = sentences.map((sentence, index) => ({
    sentence,
    score: findNeeds(models, sentence, readNeed).length * 3 + findFeelings(feelings, sentence).length * 2 + Math.min(contentWords(sentence).length, 8) - index + worthOf(stripLeadingFiller(sentence)),
  }));
  scored.sort((first, second) => second.score - first.score);
  const chosen = stripFinalPunctuation(shorten(stripLeadingFiller(scored[0]!.sentence), 24));
  const swapped = toSecondPerson(chosen);
  return lowerFirst(swapped);
}

function emptyUnderstanding(seq: number): Understanding {
  return {
    seq,
    needs: [],
    constraints: [],
    strengths: [],
    goals: [],
    successSignals: [],
    experiment: null,
    learningPreference: null,
    purpose: null,
    timeAvailable: null,
    consent: null,
    actions: [],
    commitment: null,
    confidence: null,
    obstacles: [],
    checkIn: null,
    intent: null,
    safety: null,
    feelings: [],
    paraphrase: '',
    keyPhrases: [],
    acts: [],
  };
}

/** Of two readings of one message by the crisis screen, the one that asks more of the coach. */
function strongerFlag(first: SafetyResult, second: SafetyResult): SafetyResult {
  const rank = (screen: SafetyResult) => (screen.flag === 'crisis' ? 3 : screen.flag === 'check' ? 2 : screen.flag === null ? 0 : 1);
  return rank(second) > rank(first) ? second : first;
}

