import nlp from 'compromise';
import type { Need } from '../domain/schemas.js';
import type { PlanAction, SessionState, Slot } from '../domain/session-state.js';
import type { Understanding } from '../domain/understanding.js';
import { expectedSlot } from './understand.js';
import { actOf } from '../domain/understanding.js';
import { contentWords } from './text.js';
import { toSecondPerson } from './paraphrase.js';

/**
 * Merges one understanding into the session state, purely: needs are kept one per category with
 * their evidence accumulating, slots grow without duplicates, plan details said early are kept
 * (a date or measure with no action yet attaches to the first experiment), and answers to the
 * coach's needs checks are applied. The statement is not touched here: drafts go through the
 * machine's `statement.set` (from the policy's plan) so the client's hand edits are kept, and
 * confirmations through `statement.confirm` (see `clientTurn`). Also counts the client turn in
 * `turnsInStep` (the machine resets it on a transition).
 */
/** The cleaned quotes whose original wording is kept (the latest win): enough for every part a session shows. */
const MAX_ORIGINALS = 200;

export function applyUnderstanding(state: SessionState, understanding: Understanding): SessionState {
  // A pending check question is answered by this turn, whatever it says.
  const { safetyCheck: _pending, ...unchecked } = state;
  // A reply with no word of content extends the run of quiet replies; anything said ends it.
  const quietReplies = understanding.text && contentWords(understanding.text).length === 0 ? (state.quietReplies ?? 0) + 1 : 0;
  const next: SessionState = { ...unchecked, turnsInStep: state.turnsInStep + 1, quietReplies };
  if (understanding.safety === 'crisis') return { ...next, paused: true };
  if (state.paused) return understanding.resumes ? { ...next, paused: false } : next;
  if (understanding.safety === 'check') return { ...next, safetyCheck: { quote: understanding.checkQuote ?? '', seq: understanding.seq, ...(understanding.checkAgain ? { again: true } : {}) } };
  if (understanding.safety === 'injection') return next;

  const lastAsked = state.asked[state.asked.length - 1] ?? '';
  if (understanding.secondLanguage) next.secondLanguage = true;
  if (understanding.originals) next.originals = Object.fromEntries(Object.entries({ ...state.originals, ...understanding.originals }).slice(-MAX_ORIGINALS));
  next.needs = mergeNeeds(state.needs, understanding);
  // A need they ruled out ("it's not confidence") goes, unless they confirmed it themselves before.
  const ruledOut = actOf(understanding, 'rules_out_need')?.categories ?? [];
  if (ruledOut.length > 0) next.needs = next.needs.filter((need) => need.confirmed || !ruledOut.includes(need.category));
  if (lastAsked.startsWith('needs_check.')) next.needs = answerNeedsCheck(next.needs, lastAsked.slice('needs_check.'.length), understanding);
  next.constraints = mergeConstraints(state, understanding);
  next.strengths = mergeSlots(state.strengths, understanding.strengths, 5);
  if (understanding.learningPreference) {
    const previous = state.learningPreference;
    const fromQuestion = expectedSlot(state) === 'learning';
    next.learningPreference = previous === null || previous === understanding.learningPreference || fromQuestion ? understanding.learningPreference : 'mix';
    next.learningPreferenceSource = understanding.learningSource ?? state.learningPreferenceSource;
  }
  next.goals = mergeSlots(state.goals, understanding.goals, 4);
  next.successSignals = mergeSlots(state.successSignals, understanding.successSignals, 4);
  if (understanding.experiment) next.experiment = understanding.experiment;
  const addition = actOf(understanding, 'statement_addition')?.line;
  if (addition) next.statementAdditions = [...(state.statementAdditions ?? []).filter((line) => line.own !== addition.own), addition].slice(-3);

  next.agreement = {
    purpose: state.agreement.purpose ?? understanding.purpose,
    timeAvailable: understanding.timeAvailable ?? state.agreement.timeAvailable,
    consent: understanding.consent === null ? state.agreement.consent : understanding.consent,
  };
  if (understanding.actions.length > 0) next.plan = mergeActions(state.plan, understanding.actions, expectedSlot(state) === 'specific', next.experiment);
  if (understanding.commitment) next.commitment = understanding.commitment;
  if (understanding.confidence !== null) next.confidence = understanding.confidence;
  next.obstacles = mergeSlots(state.obstacles, understanding.obstacles, 5);
  if (understanding.checkIn) next.checkIn = understanding.checkIn;

  next.summary = rollingSummary(next);
  return next;
}

function mergeNeeds(needs: Need[], understanding: Understanding): Need[] {
  const merged = needs.map((need) => ({ ...need, evidence: [...need.evidence] }));
  for (const heard of understanding.needs) {
    const existing = merged.find((need) => need.category === heard.category);
    if (!existing) {
      merged.push({
        id: `need-${heard.category}`,
        category: heard.category,
        summary: heard.summary,
        evidence: [heard.quote],
        confidence: heard.confidence,
        confirmed: false,
        seq: understanding.seq,
      });
      continue;
    }
    if (!existing.evidence.includes(heard.quote)) existing.evidence.push(heard.quote);
    // Hearing a need again is evidence in itself.
    existing.confidence = Math.min(0.95, Math.round((Math.max(existing.confidence, heard.confidence) + 0.1) * 100) / 100);
  }
  return merged;
}

function answerNeedsCheck(needs: Need[], category: string, understanding: Understanding): Need[] {
  if (understanding.intent === 'confirm') return needs.map((need) => (need.category === category ? { ...need, confirmed: true, confidence: Math.max(need.confidence, 0.9) } : need));
  if (understanding.intent === 'reject') return needs.filter((need) => need.category !== category || need.confirmed);
  return needs;
}

function mergeConstraints(state: SessionState, understanding: Understanding): SessionState['constraints'] {
  const merged = state.constraints.map((constraint) => ({ ...constraint, evidence: [...constraint.evidence] }));
  for (const heard of understanding.constraints) {
    const existing = merged.find((constraint) => constraint.kind === heard.kind);
    if (existing) {
      if (!existing.evidence.includes(heard.quote)) existing.evidence.push(heard.quote);
    } else {
      merged.push({ kind: heard.kind, summary: heard.summary, evidence: [heard.quote], seq: understanding.seq });
    }
  }
  return merged;
}

function mergeSlots(existing: Slot[], heard: Slot[], limit: number): Slot[] {
  const merged = [...existing];
  for (const slot of heard) {
    if (merged.some((kept) => kept.quote === slot.quote || kept.text.toLowerCase() === slot.text.toLowerCase())) continue;
    merged.push(slot);
  }
  return merged.slice(-limit);
}

function mergeActions(plan: PlanAction[], heard: PlanAction[], replacingVague: boolean, experiment: Slot | null): PlanAction[] {
  const merged = plan.map((action) => ({ ...action }));
  heard.forEach((action, index) => {
    // "Start Thursday; I'll track what time I leave": a date or measure for the first experiment, which becomes the first action.
    if (merged.length === 0 && action.what === '' && experiment) {
      merged.push({ ...action, what: experiment.text, quote: `${experiment.quote} ${action.quote}`, seq: action.seq });
      return;
    }
    const last = merged[merged.length - 1];
    // "I'll share it and see whether she uses it": a way to see progress for the action under discussion.
    const measureForLast = last !== undefined && last.measure === null && action.measure !== null && action.byWhen === null;
    // The first experiment taken as the first action on entering the plan, with nothing added yet:
    // an action named now ("I'll ask Ana to chair Monday's planning by Friday") is its sharper wording.
    const seeded = merged.length === 1 && last !== undefined && experiment !== null && last.quote === experiment.quote && last.byWhen === null && last.measure === null && last.support === null;
    if (last && (action.what === '' || ((replacingVague || seeded) && index === 0) || measureForLast)) {
      // Details for the action under discussion, or a sharper wording of it.
      if (action.what !== '' && !measureForLast) last.what = action.what;
      last.byWhen = action.byWhen ?? last.byWhen;
      last.measure = action.measure ?? last.measure;
      last.support = action.support ?? last.support;
      last.quote = `${last.quote} ${action.quote}`;
      return;
    }
    if (action.what === '') return;
    merged.push({ ...action });
  });
  return merged.slice(0, 5);
}

/** A short plain-text summary of what is known, bounded, for model prompts. */
function rollingSummary(state: SessionState): string {
  const parts: string[] = [];
  if (state.agreement.purpose) parts.push(`Purpose: ${state.agreement.purpose.text}.`);
  if (state.goals.length) parts.push(`Goals: ${state.goals.map((goal) => goal.text).join('; ')}.`);
  if (state.needs.length) parts.push(`Needs: ${state.needs.map((need) => need.category).join(', ')}.`);
  if (state.constraints.length) parts.push(`Constraints: ${state.constraints.map((constraint) => constraint.kind).join(', ')}.`);
  if (state.learningPreference) parts.push(`Learns by: ${state.learningPreference}.`);
  if (state.successSignals.length) parts.push(`Success: ${state.successSignals.map((signal) => signal.text).join('; ')}.`);
  if (state.experiment) parts.push(`Experiment: ${state.experiment.text}.`);
  if (state.plan.length) parts.push(`Plan: ${state.plan.map((action) => `${action.what} (${action.byWhen ?? 'no date'})`).join('; ')}.`);
  return parts.join(' ').slice(0, 1200);
}

const QUOTED = `['"\u2018\u201c](.+?)['"\u2019\u201d]`;
const WORD_EDITS: { pattern: RegExp; from: number; to: number }[] = [
  { pattern: new RegExp(`\\b(?:replace|change|swap)\\s+${QUOTED}\\s+(?:with|for|to|by)\\s+${QUOTED}`, 'gi'), from: 1, to: 2 },
  { pattern: new RegExp(`\\b(?:say|use|put|write)\\s+${QUOTED}\\s+(?:rather than|instead of|not)\\s+${QUOTED}`, 'gi'), from: 2, to: 1 },
  // "Cut the word 'journey'": a removal is a swap for nothing.
  { pattern: new RegExp(`\\b(?:cut|remove|drop|delete|lose|take out)\\s+(?:the\\s+(?:word|phrase|bit)\\s+)?${QUOTED}()`, 'gi'), from: 1, to: 2 },
  // Unquoted corrections of the draft: "it's more about staying calm than holding my ground",
  // "it's staying calm, not holding my ground". Applied only where the replaced words stand in the draft.
  { pattern: /\b(?:it's|it is|that's|that is|this is)\s+(?:more|really|actually|mostly)\s+about\s+([^.,;!?]+?)\s+(?:than|rather than|not)\s+(?:about\s+)?([^.,;!?]+)/gi, from: 2, to: 1 },
  { pattern: /\b(?:it's|it is|that's|that is)\s+(?:about\s+)?([^.,;!?]+?),?\s+not\s+(?:about\s+)?([^.,;!?]+)/gi, from: 2, to: 1 },
];

/** "holding my ground" -> "hold my ground": the phrase with its first word as the bare verb. */
export function withBareVerb(phrase: string): string {
  const [first, ...rest] = phrase.trim().split(/\s+/);
  if (!first || !/ing$/i.test(first)) return phrase.trim();
  const bare = nlp(first).verbs().toInfinitive().text();
  return [bare || first, ...rest].join(' ');
}

/**
 * Swaps `before` for `after` in `text`; when the draft has the bare verb ("hold my ground"), the
 * swap uses the bare verbs (`bare`, worked out once per edit rather than once per field).
 */
function swapPhrase(text: string, before: string, after: string, bare: { before: string; after: string }): string {
  const direct = replaceWord(text, before, after);
  if (direct !== text) return direct;
  return bare.before === before ? text : replaceWord(text, bare.before, bare.after);
}

/**
 * Replaces a word or phrase where it stands as a whole word, carrying an inflection over: "say
 * 'decide' rather than 'know'" turns "knowing" into "deciding", not "decideing", and leaves "knowledge" alone.
 */
export function replaceWord(text: string, before: string, after: string): string {
  const escaped = before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`\\b${escaped}(ing|ed|s)?\\b`, 'gi'), (_whole, suffix: string | undefined) => {
    if (!suffix) return after;
    if (/\s/.test(after)) return `${after}${suffix}`;
    if (suffix === 'ing') return /[^e]e$/.test(after) ? `${after.slice(0, -1)}ing` : `${after}ing`;
    if (suffix === 'ed') return after.endsWith('e') ? `${after}d` : `${after}ed`;
    return /(?:s|x|z|ch|sh)$/.test(after) ? `${after}es` : `${after}s`;
  });
}

/** Applies the small word edits a client asks for while confirming ("say 'decide' rather than 'know'"). */
export function withWordEdits<T extends { text: string; goals: string[]; needs: string[]; successIndicators: string[]; firstExperiment: string }>(statement: T, message: string): T {
  let edited = statement;
  for (const { pattern, from, to } of WORD_EDITS) {
    for (const match of message.matchAll(pattern)) {
      const before = match[from]!.trim();
      const after = match[to]!.trim();
      if (!before) continue;
      const bare = { before: withBareVerb(before), after: withBareVerb(after) };
      const swap = (value: string) => swapPhrase(value, before, after, bare).replace(/ {2,}/g, ' ').replace(/ ([,.;:])/g, '$1').trim();
      edited = {
        ...edited,
        text: swap(edited.text),
        goals: edited.goals.map(swap),
        needs: edited.needs.map(swap),
        successIndicators: edited.successIndicators.map(swap),
        firstExperiment: swap(edited.firstExperiment),
      };
    }
  }
  return edited;
}

/**
 * On entering the plan step, the first experiment of the statement is the plan's first action: the
 * client said what they will try, so the coach asks when and with whom, not "what's the first
 * action?" again. Their words as the statement holds them (edited or not), in the coach's voice.
 */
export function withExperimentAsFirstAction(before: SessionState, after: SessionState): SessionState {
  if (after.step !== 'construct_plan' || before.step === 'construct_plan' || after.plan.length > 0) return after;
  const experiment = after.statement?.firstExperiment.trim() ?? '';
  if (experiment === '') return after;
  const edited = after.statement?.editedFields?.includes('firstExperiment') ?? false;
  const what = !edited && after.experiment ? after.experiment.text : toSecondPerson(experiment);
  const source = after.statement?.sources.find((candidate) => candidate.field === 'firstExperiment');
  const action: PlanAction = { what, byWhen: null, support: null, measure: null, quote: source?.quote ?? experiment, seq: source?.seq ?? after.experiment?.seq ?? 0 };
  return { ...after, plan: [action] };
}
