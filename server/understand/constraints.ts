import { memoizeText } from './memo.js';
import type { Constraint } from '../domain/schemas.js';
import { isSuccessOrGoalSentence } from './slots.js';
import { findNeedsByLexicon } from './needs.js';
import { classifySentence, type UnderstandingModels } from './sentence-classifier.js';
import { normalize, splitSentences } from './text.js';

/** Someone expecting the client to grow ("my boss wants me to be more strategic"): a need, not a limit. */
const EXPECTATION = /\b(?:wants?|expects?|asked|asks|told|tells|says|said|would like) me to (?:be|get|become|step|think|show|take|grow|develop|improve|work on|learn|start|stop)\b(?!.*\b(?:but|no|can't|won't|only|without)\b)/;

/**
 * Constraints: the limits any plan has to respect. A sentence is a constraint when it names a
 * resource (time, money, people's capacity, the organisation) together with a limit on it, or
 * uses a phrase that is a limit in itself ("stretched thin", "no budget", "back-to-back meetings").
 */

type ConstraintKind = Constraint['kind'];

const LIMIT = /\b(?:only|limited|no|not|never|can't|cannot|couldn't|won't|don't|doesn't|isn't|aren't|hardly|barely|lack\w*|without|tight|short on|short of|less than|at most|max(?:imum)?|constrain\w*|restrict\w*|frozen|freeze|cut\w*|impossible|difficult|hard to|busy|packed|blocked|need(?:s)? approval)\b/;

const SELF_LIMITING: Record<ConstraintKind, RegExp[]> = {
  time: [
    /\bback-?to-?back\b|\bno time\b|\bshort on time\b|\bpressed for time\b|\btime is tight\b|\bcalendar is (?:full|packed|a mess)\b/,
    /\bonly (?:have|got) (?:about |around |maybe )?(?:an?|one|two|three|\d+|half an?) (?:hour|minute|min|day|evening)s?\b/,
    /\b(?:an?|one|two|\d+|half an?) (?:hour|minute)s?(?: or (?:two|three|\d+))? (?:a|per|each) (?:week|day)\b/,
    /\bpart-?time\b|\bisn't much slack\b|\bno slack in my\b/,
  ],
  budget: [/\bhiring freeze\b|\boff the table\b.*\b(?:course|coach|training|budget)\b|\b(?:course|coach|training)\b.*\boff the table\b|\bno (?:training )?(?:budget|money|funding|funds)\b|\bbudget (?:cuts?|freeze|is (?:tight|frozen|gone))\b|\bcan't afford\b/],
  bandwidth: [
    /\bstretched(?: thin)?\b|\bunder-?staffed\b|\bshort-?staffed\b|\bswamped\b|\boverloaded\b|\bmaxed out\b|\bat capacity\b|\bover capacity\b/,
    /\btoo much on (?:my|our|their) plates?\b|\bno (?:one|body) (?:else )?to\b|\bno bandwidth\b|\bno capacity\b|\bno headcount\b|\bdown (?:a|one|two) (?:person|people|heads?)\b/,
    /\b(?:a|one|two|three|\d+) (?:people|person|heads?|engineers?|staff|hands) short\b|\bno (?:slack|spare (?:cycles|capacity|time))\b|\bnobody has (?:the )?(?:time|capacity|spare)\b|\bqueue never stops\b/,
  ],
  organizational: [
    /\b(?:has|have|needs?) to (?:sign off|approve)\b|\bsign(?:s|ed)? off on\b|\b(?:needs?|requires?|have to get|has to get) (?:\w+ )?(?:approval|sign-?off|permission)\b|\bred tape\b|\bbureaucra\w*|\breorg\w*|\brestructur\w*|\blayoffs?\b/,
    /\b(?:my|our) (?:boss|manager|director|vp|ceo|leadership) (?:won't|doesn't|insists on|decides|controls|has to (?:approve|sign))\b/,
  ],
  other: [],
};

const RESOURCE: Record<ConstraintKind, RegExp> = {
  time: /\btime\b|\bhours?\b|\bminutes?\b|\bschedule\b|\bcalendar\b|\bdeadlines?\b|\bslack in my (?:week|day|diary)\b|\bpart-?time\b/,
  budget: /\bbudget\w*|\bmoney\b|\bfund\w*|\bcosts?\b|\bafford\w*|\bexpens\w*|\bspend\w*|\bpay for\b|\bpaid\b|\bcourses?\b.*\b(?:cost|pay)\b/,
  bandwidth: /\bbandwidth\b|\bcapacity\b|\bheadcount\b|\bworkload\b|\bstaff(?:ed|ing)?\b|\bresources\b|\benergy\b|\benough (?:people|hands)\b|\bteam is (?:small|tiny)\b|\bplates?\b/,
  organizational: /\bpolic(?:y|ies)\b|\bapproval\b|\bboss\b|\bmanager\b|\bleadership\b|\bhr\b|\bculture\b|\bprocess(?:es)?\b|\bhierarch\w*|\bcompany\b|\borgani[sz]ation\w*|\bunion\b|\bremote\b|\bhybrid\b|\bmatrix\b|\bcorporate\b|\brules?\b|\bregulat\w*|\blegal\b|\bcompliance\b/,
  other: /\bcommute\b|\bvisa\b|\bcaring for\b|\bcarer\b|\bchildcare\b|\blanguage barrier\b|\btime ?zones?\b/,
};

export interface ConstraintHit {
  kind: ConstraintKind;
  summary: string;
  quote: string;
}

const SUMMARIES: Record<ConstraintKind, string> = {
  time: 'limited time',
  budget: 'a limited budget',
  bandwidth: 'limited capacity in the team',
  organizational: 'limits set by the organization',
  other: 'a practical limit',
};

/** Lexicon families that fire in a sentence: extra features for the trained model. */
export function constraintCueFeatures(sentence: string): string[] {
  const lower = normalize(sentence);
  const names: string[] = [];
  for (const kind of Object.keys(RESOURCE) as ConstraintKind[]) {
    if (SELF_LIMITING[kind].some((pattern) => pattern.test(lower))) names.push(`lex:${kind}`);
    if (RESOURCE[kind].test(lower)) names.push(`res:${kind}`);
  }
  if (LIMIT.test(lower)) names.push('lex:limit');
  if (isSuccessOrGoalSentence(sentence)) names.push('lex:goal');
  if (EXPECTATION.test(lower)) names.push('lex:expectation');
  return names;
}

/** A constraint is reported when the model gives its kind at least this probability (tuned on the eval sets). */
export const CONSTRAINT_THRESHOLD = 0.5;

/** P(none) at which the model overrules a lexicon constraint (measured on the eval sets: see docs/understanding.md). */
export const CONSTRAINT_VETO = 0.85;

/** The share a second kind needs in the same sentence to be heard as well. */
export const SECOND_KIND_THRESHOLD = 0.25;

/** The model's reading of one sentence: its most likely kind (never `none`), that probability and P(none). */
export function predictConstraint(models: UnderstandingModels, sentence: string): { kind: ConstraintKind; probability: number; none: number; probabilities: Record<ConstraintKind, number> } {
  const prediction = classifySentence('constraints', models.constraints, models.vectors, sentence, constraintCueFeatures(sentence));
  let kind: ConstraintKind = 'other';
  let probability = -1;
  for (const label of ['time', 'budget', 'bandwidth', 'organizational', 'other'] as const) {
    if (prediction.probabilities[label] > probability) {
      probability = prediction.probabilities[label];
      kind = label;
    }
  }
  const { none, ...probabilities } = prediction.probabilities;
  return { kind, probability, none, probabilities };
}

/**
 * Finds the constraints voiced in `text`, at most one per kind, each with its verbatim sentence.
 * The lexicon's hits come first; every other sentence is read by the trained classifier
 * (content/models/constraints.json) and adds a kind not yet found when that kind's
 * probability reaches CONSTRAINT_THRESHOLD. Success and goal sentences, others' expectations and
 * plans ("over the next two weeks I'll...") are never limits.
 */
export function findConstraints(models: UnderstandingModels, text: string): ConstraintHit[] {
  // The lexicon reads a limit into any "30 minute" or "budget"; the model, trained on many authors,
  // vetoes a lexicon hit when it is sure the sentence voices no limit at all.
  // One model reading per sentence serves the veto, the second kinds and the unread sentences alike.
  const read = memoizeText((sentence: string) => predictConstraint(models, sentence));
  const lexicon = findConstraintsByLexicon(text).filter((hit) => read(hit.quote).none < CONSTRAINT_VETO);
  const found = new Map<ConstraintKind, ConstraintHit>(lexicon.map((hit) => [hit.kind, hit]));
  const more: ConstraintHit[] = [];
  const quoted = new Set(lexicon.map((hit) => hit.quote));
  const add = (hit: ConstraintHit): void => {
    // A second sentence of a kind already heard is more evidence for it, not a new constraint.
    if (found.has(hit.kind)) {
      if (found.get(hit.kind)!.quote !== hit.quote && !more.some((other) => other.kind === hit.kind && other.quote === hit.quote)) more.push(hit);
    } else found.set(hit.kind, hit);
  };
  // One limit often carries two kinds ("the rota is fixed by head office a quarter ahead" is both
  // organizational and time): a kind the model gives a fair share besides the first is heard too.
  const alsoKinds = (sentence: string, reading: ReturnType<typeof predictConstraint>, first: ConstraintKind): void => {
    for (const [kind, probability] of Object.entries(reading.probabilities) as [ConstraintKind, number][]) {
      // "other" is the residual kind: as a second reading it names nothing the first did not.
      if (kind !== first && kind !== 'other' && probability >= SECOND_KIND_THRESHOLD) add({ kind, summary: SUMMARIES[kind], quote: sentence });
    }
  };
  for (const hit of lexicon) {
    const reading = read(hit.quote);
    if (reading.none <= 0.3) alsoKinds(hit.quote, reading, hit.kind);
  }
  for (const sentence of splitSentences(text)) {
    if (quoted.has(sentence)) continue;
    const lower = normalize(sentence);
    if (isSuccessOrGoalSentence(sentence) || EXPECTATION.test(lower) || PLAN.test(lower)) continue;
    const reading = read(sentence);
    // A lower bar when the model is sure the sentence voices some limit, only unsure which kind.
    const sure = reading.probability >= CONSTRAINT_THRESHOLD || (reading.probability >= 0.35 && reading.none <= 0.15);
    if (!sure) continue;
    // A clear need with no word of limit ("I end up doing everything myself and I work most weekends") is the problem, not a limit on the plan.
    if (!LIMIT.test(lower) && findNeedsByLexicon(sentence).some((hit) => hit.confidence >= 0.75)) continue;
    add({ kind: reading.kind, summary: SUMMARIES[reading.kind], quote: sentence });
    alsoKinds(sentence, reading, reading.kind);
  }
  return [...found.values(), ...more];
}

/** A plan or experiment of the client's own ("I'll...", "I could try..."): not a limit. */
const PLAN = /^(?:(?:ok(?:ay)?|so|maybe|then|and),?\s+)?(?:i'll|i will|i'm going to|i could|i might|i can try|let's|my plan|the plan|next step|first step)\b|\b(?:i'll|i will) (?:try|start|do|block|ask|talk|leave|book|send)\b/;

/** The lexicon's constraints (the original hand-written reader), kept as a backup to the model. */
export function findConstraintsByLexicon(text: string): ConstraintHit[] {
  const found = new Map<ConstraintKind, ConstraintHit>();
  for (const sentence of splitSentences(text)) {
    const lower = normalize(sentence);
    // "Success would be leaving by six", "my boss wants me to be more strategic": a hope or an expectation, not a limit.
    if (isSuccessOrGoalSentence(sentence) || EXPECTATION.test(lower)) continue;
    const limited = LIMIT.test(lower);
    for (const kind of Object.keys(RESOURCE) as ConstraintKind[]) {
      if (found.has(kind)) continue;
      const selfLimiting = SELF_LIMITING[kind].some((pattern) => pattern.test(lower));
      if (selfLimiting || (limited && RESOURCE[kind].test(lower))) {
        found.set(kind, { kind, summary: SUMMARIES[kind], quote: sentence });
      }
    }
  }
  // "No time" also mentions days and weeks; "my boss won't approve the budget" is budget and organisation both, which is right.
  return [...found.values()];
}
