import { z } from 'zod';
import { CONSTRAINT_KINDS, LearningPreferenceSchema, NeedCategorySchema, StatementEditSchema, type Constraint, type LearningPreference, type NeedCategory, type StatementEdit } from './schemas.js';
import { PlanActionSchema, SlotSchema, type PlanAction, type Slot } from './session-state.js';

/**
 * A question about the conversation itself: what the coach's question means, an example of an
 * answer, the coach's own advice, or how long this takes. Each gets a plain answer, not a reflection.
 */
export type ProcessQuestion = 'clarify' | 'dont_know' | 'example' | 'advice' | 'duration' | 'process' | 'summary' | 'doubt' | 'challenge' | 'information' | 'opinion' | 'arrangement' | 'keep_copy' | 'what_next';

export type Pleasantry = 'thanks' | 'greeting' | 'closing';

/** Which reviewed help text answers words of crisis (the same kinds as understand/crisis-screen.ts's HelpKind). */
export const HELP_KINDS = ['suicide', 'medical', 'danger'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/**
 * What a client message does besides giving content, one variant per act (these were one-off
 * boolean flags on {@link Understanding}).
 */
export type Act =
  /** Consent read from engagement: asked whether to go on, the client answered with their story. */
  | { type: 'consent_implicit' }
  /** A question about the conversation itself (what a question means, an example, advice, how long). */
  | { type: 'process_question'; question: ProcessQuestion; part?: string }
  /** A line the client asked to add to the draft statement. */
  | { type: 'statement_addition'; line: Slot }
  /** A pleasantry with nothing to reflect (thanks, a greeting, a closing): answered naturally, never reflected. */
  | { type: 'pleasantry'; kind: Pleasantry }
  /** The client asked the coach something about themselves ("is that a problem?"): answered briefly first. */
  | { type: 'asks_about_themselves' }
  /** The client asked who sees or keeps this conversation: answered plainly first. */
  | { type: 'asks_privacy' }
  /** A yes to the draft beside a cut of words it never said ("yeah that's fine. take out the bit about the area manager"): said so as it is confirmed. */
  | { type: 'absent_cut'; words: string }
  /** The draft was put to the client and they went on to the plan (when, commitment, confidence) without objecting: taken as a yes, and said so. */
  | { type: 'confirms_implicitly' }
  /** "Confirmed.", "lock it in": the word itself confirms a complete draft put to them, whatever was said since. */
  | { type: 'confirms_explicitly' }
  /** A "yes, that's right" when there was nothing to confirm: agreement with the coach's last reflection. */
  | { type: 'affirms' }
  /** The client wants to end here ("I'm done", "enough for today"): the coach closes with the statement as it stands. */
  | { type: 'wants_stop' }
  /** The client asks who or what the coach is ("is this a bot?"): answered honestly, then back to them. */
  | { type: 'asks_about_coach' }
  /** The client keeps something to themselves ("it's none of your business", "I'd rather not say"): respected, not reflected or pressed. */
  | { type: 'declines_to_share' }
  /** The client pushes back on how the coach put it ("don't tell me how I feel", "that's not what I said"): owned, not reflected. */
  | { type: 'pushes_back' }
  /** The coach offered a suggestion and the client said yes, or no, to hearing it. */
  | { type: 'advice_accepted' }
  | { type: 'advice_declined' }
  /** A correction of the statement in chat: the edit to make, or null when it is unclear which part is meant. */
  /** "No, it's not confidence. It's timing.": needs the client ruled out, dropped from what the coach heard. */
  | { type: 'rules_out_need'; categories: NeedCategory[] }
  | { type: 'statement_correction'; part: 'goals' | 'needs' | 'successIndicators' | 'firstExperiment' | null; edit: StatementEdit | null; absent?: string };

export type ActType = Act['type'];

/** The act of a type the message performs, or undefined. */
export function actOf<T extends ActType>(understanding: Pick<Understanding, 'acts'> | null | undefined, type: T): Extract<Act, { type: T }> | undefined {
  return understanding?.acts.find((act): act is Extract<Act, { type: T }> => act.type === type);
}

/** Whether the message performs an act of this type. */
export function hasAct(understanding: Pick<Understanding, 'acts'> | null | undefined, type: ActType): boolean {
  return actOf(understanding, type) !== undefined;
}

/** Records an act (replacing one of the same type, so each type appears at most once). */
export function withAct(understanding: Understanding, act: Act): void {
  understanding.acts = [...understanding.acts.filter((known) => known.type !== act.type), act];
}

/** Forgets an act of a type. */
export function withoutAct(understanding: Understanding, type: ActType): void {
  understanding.acts = understanding.acts.filter((known) => known.type !== type);
}

/** What one client message says, with the client's own words as evidence. Produced by `understand`. */
export interface Understanding {
  seq: number;
  needs: { category: NeedCategory; summary: string; quote: string; confidence: number }[];
  constraints: (Omit<Constraint, 'evidence' | 'seq'> & { quote: string })[];
  strengths: Slot[];
  goals: Slot[];
  successSignals: Slot[];
  experiment: Slot | null;
  learningPreference: LearningPreference;
  purpose: Slot | null;
  timeAvailable: Slot | null;
  consent: boolean | null;
  actions: PlanAction[];
  commitment: Slot | null;
  confidence: number | null;
  obstacles: Slot[];
  checkIn: Slot | null;
  /** What the client asks the process to do. */
  intent: 'move_on' | 'go_back' | 'confirm' | 'reject' | 'statement' | null;
  /**
   * Safety: crisis language (or an answer to the check question that is not a clear no), words that
   * need the check question first, a request for professional advice, or an attempt to take the
   * coach out of role.
   */
  safety: 'crisis' | 'check' | 'professional_advice' | 'injection' | null;
  /** For `crisis`: which reviewed help text answers it. */
  help?: HelpKind | null;
  /** For `check`: the person's own words that raised it, a short phrase, to quote in the question. */
  checkQuote?: string;
  /** While paused: the person asked to go on (and wrote no new words of crisis). */
  resumes?: boolean;
  /** The answer to the check question was a clear no (or named work): coaching goes on. */
  checkCleared?: boolean;
  /** With `check`: the answer to the check was unclear, so it is asked once more, with the help lines. */
  checkAgain?: boolean;
  /** With `checkCleared`: the answer was unclear twice; the help lines once more, and coaching goes on. */
  checkLetGo?: boolean;
  /** Feeling words heard, for complex reflections. */
  feelings: string[];
  /** The message carries a mark of English as a second language (content/lexicon/second-language.json). */
  secondLanguage?: boolean;
  /** Where cleaning changed a quote: the cleaned quote → the client's own words for it. */
  originals?: Record<string, string>;
  /** The client's message rendered in second person ("I feel" → "you feel"), for reflections. */
  paraphrase: string;
  /** The few words that carry most of the message. */
  keyPhrases: string[];
  /** The sentence that voiced the learning preference (added by the coach; optional for model refinements). */
  learningSource?: Slot | null;
  /** The message itself, verbatim (set by the offline understanding; reflections read its structure). */
  text?: string;
  /** What the message does besides giving content: each act at most once (see {@link Act}). */
  acts: Act[];
  /** For `professional_advice`: which professional to name. */
  safetyDomain?: 'medical' | 'legal' | 'financial' | 'mental_health' | 'general' | null;
}


export const ActSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('consent_implicit') }),
  z.object({ type: z.literal('process_question'), question: z.enum(['clarify', 'dont_know', 'example', 'advice', 'duration', 'process', 'summary', 'doubt', 'challenge', 'information', 'opinion', 'arrangement', 'keep_copy', 'what_next']), part: z.string().optional() }),
  z.object({ type: z.literal('statement_addition'), line: SlotSchema }),
  z.object({ type: z.literal('pleasantry'), kind: z.enum(['thanks', 'greeting', 'closing']) }),
  z.object({ type: z.literal('asks_about_themselves') }),
  z.object({ type: z.literal('asks_privacy') }),
  z.object({ type: z.literal('absent_cut'), words: z.string() }),
  z.object({ type: z.literal('confirms_implicitly') }),
  z.object({ type: z.literal('confirms_explicitly') }),
  z.object({ type: z.literal('affirms') }),
  z.object({ type: z.literal('wants_stop') }),
  z.object({ type: z.literal('asks_about_coach') }),
  z.object({ type: z.literal('declines_to_share') }),
  z.object({ type: z.literal('pushes_back') }),
  z.object({ type: z.literal('advice_accepted') }),
  z.object({ type: z.literal('advice_declined') }),
  z.object({ type: z.literal('rules_out_need'), categories: z.array(NeedCategorySchema) }),
  z.object({ type: z.literal('statement_correction'), part: z.enum(['goals', 'needs', 'successIndicators', 'firstExperiment']).nullable(), edit: StatementEditSchema.nullable(), absent: z.string().optional() }),
]);

export const UnderstandingSchema = z.object({
  seq: z.number().int(),
  needs: z.array(z.object({ category: NeedCategorySchema, summary: z.string(), quote: z.string(), confidence: z.number() })),
  constraints: z.array(z.object({ kind: z.enum(CONSTRAINT_KINDS), summary: z.string(), quote: z.string() })),
  strengths: z.array(SlotSchema),
  goals: z.array(SlotSchema),
  successSignals: z.array(SlotSchema),
  experiment: SlotSchema.nullable(),
  learningPreference: LearningPreferenceSchema,
  purpose: SlotSchema.nullable(),
  timeAvailable: SlotSchema.nullable(),
  consent: z.boolean().nullable(),
  actions: z.array(PlanActionSchema),
  commitment: SlotSchema.nullable(),
  confidence: z.number().nullable(),
  obstacles: z.array(SlotSchema),
  checkIn: SlotSchema.nullable(),
  intent: z.enum(['move_on', 'go_back', 'confirm', 'reject', 'statement']).nullable(),
  safety: z.enum(['crisis', 'check', 'professional_advice', 'injection']).nullable(),
  help: z.enum(HELP_KINDS).nullable().optional(),
  checkQuote: z.string().optional(),
  resumes: z.boolean().optional(),
  checkCleared: z.boolean().optional(),
  checkAgain: z.boolean().optional(),
  checkLetGo: z.boolean().optional(),
  feelings: z.array(z.string()),
  secondLanguage: z.boolean().optional(),
  originals: z.record(z.string(), z.string()).optional(),
  paraphrase: z.string(),
  keyPhrases: z.array(z.string()),
  learningSource: SlotSchema.nullable().optional(),
  text: z.string().optional(),
  acts: z.array(ActSchema),
  safetyDomain: z.enum(['medical', 'legal', 'financial', 'mental_health', 'general']).nullable().optional(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: [Same<z.infer<typeof ActSchema>, Act>, Same<z.infer<typeof UnderstandingSchema>, Understanding>] = [true, true];
void schemasMatchTypes;
