import { z } from 'zod';
import { ConstraintSchema, LearningPreferenceSchema, ModeSchema, NeedSchema, StatementSchema, StepIdSchema, type Constraint, type LearningPreference, type Mode, type Need, type Statement } from './schemas.js';
import type { StepId } from './steps.js';
import { initialRehearsal, RehearsalStateSchema, type RehearsalState } from './rehearsal.js';

/** A piece of the client's meaning: `text` is the coach's rendering, `quote` the client's verbatim words. */
export interface Slot {
  text: string;
  quote: string;
  seq: number;
  /**
   * The same clause in the client's own words and person ("we agree what changes"), for the
   * statement: turning `text` back from the coach's "you" would guess wrong where the client said "we".
   */
  own?: string;
}

/** One action of the development plan (step 3). */
export interface PlanAction {
  what: string;
  byWhen: string | null;
  support: string | null;
  measure: string | null;
  quote: string;
  seq: number;
}

/** Why the conversation moved from one step to another; every transition records one. */
export interface Transition {
  from: StepId;
  to: StepId;
  reason: string;
  by: 'client' | 'coach';
  seq: number;
}

/**
 * Everything the server knows about one coaching conversation apart from its transcript.
 * Plain data: persisted as a JSON snapshot, changed only by pure functions.
 */
export interface SessionState {
  mode: Mode;
  persona: string | null;
  step: StepId;
  agreement: {
    purpose: Slot | null;
    timeAvailable: Slot | null;
    consent: boolean;
  };
  needs: Need[];
  constraints: Constraint[];
  strengths: Slot[];
  learningPreference: LearningPreference;
  /** The client turn that voiced the learning preference, so the statement can trace it. */
  learningPreferenceSource: Slot | null;
  goals: Slot[];
  successSignals: Slot[];
  experiment: Slot | null;
  /** Lines the client asked to add to the draft statement ("can we add that…"), in their words. */
  statementAdditions?: Slot[];
  /**
   * The client's own words behind a cleaned quote, where cleaning changed them (fillers, chat
   * spelling): evidence and statement sources show these, the coach speaks the cleaned ones.
   */
  originals?: Record<string, string>;
  /** The statement text last put to the client (in full or as the part that changed), and the reply that did. */
  statementShown?: { text: string; reply: string };
  /** The statement text last shown in full, and the reply that did: only within a few replies of it is just the change shown. */
  statementShownFull?: { text: string; reply: string };
  statement: Statement | null;
  plan: PlanAction[];
  commitment: Slot | null;
  confidence: number | null;
  obstacles: Slot[];
  checkIn: Slot | null;
  /** Ids of the bank questions already asked, so no question is asked twice. */
  asked: string[];
  /** Texts of recent coach replies, to avoid near-repeats. */
  recentCoachTexts: string[];
  /** Client turns heard in the current step. */
  turnsInStep: number;
  /** Client replies in a row with no word of content ("Okay.", "Mm-hmm.", "Sure."): reluctance to answer, not answers. */
  quietReplies?: number;
  /**
   * Set once a client message carried a mark of English as a second language: the coach then gives
   * their clauses back in its own simpler words, not word for word (server/understand/second-language.ts).
   */
  secondLanguage?: boolean;
  transitions: Transition[];
  /** Set when the client wrote words of crisis: coaching pauses until they choose to go on. */
  paused: boolean;
  /**
   * Set while the coach's check question after ambiguous words ("I can't do this anymore") waits
   * for its answer: the words quoted and the client turn that raised it. Absent otherwise (and in
   * snapshots written before it existed). `again`: the answer was unclear, and the question was
   * asked once more with the help lines; a second unclear answer lets it go (never a pause).
   */
  safetyCheck?: { quote: string; seq: number; again?: boolean };
  /** A rolling summary kept for bounded model prompts. */
  summary: string;
  /**
   * The simulated client of a rehearse or demo session (what it revealed, the lines it said);
   * null in coach mode. Never sent to clients: the persona's needs stay hidden.
   */
  rehearsal: RehearsalState | null;
  /** Set on a branch (POST /api/sessions/:id/branch): the session it was copied from, up to which seq. */
  branch?: { from: string; atSeq: number };
  /**
   * A trainer's persona, copied into the session when it starts, so changing or deleting the
   * persona later never changes a rehearsal under way. Read with the persona schema.
   */
  personaDocument?: unknown;
}

export function initialState(mode: Mode, persona: string | null = null): SessionState {
  return {
    mode,
    persona,
    step: 'clarify_agreement',
    agreement: { purpose: null, timeAvailable: null, consent: false },
    needs: [],
    constraints: [],
    strengths: [],
    learningPreference: null,
    learningPreferenceSource: null,
    goals: [],
    successSignals: [],
    experiment: null,
    statement: null,
    plan: [],
    commitment: null,
    confidence: null,
    obstacles: [],
    checkIn: null,
    asked: [],
    recentCoachTexts: [],
    turnsInStep: 0,
    transitions: [],
    paused: false,
    summary: '',
    rehearsal: mode !== 'coach' && persona ? initialRehearsal(persona) : null,
  };
}

/** Whether this statement's text was put to the client: shown in full, or as the part that changed. */
export function wasShown(state: SessionState, statement: Statement): boolean {
  return state.statementShown?.text === statement.text || state.recentCoachTexts.some((said) => said.includes(statement.text));
}

/** Whether a line was said this turn (`said`) or in one of the coach's recent replies. */
export function saidLately(state: SessionState, said: readonly string[], line: string): boolean {
  return said.some((text) => text.includes(line)) || state.recentCoachTexts.some((text) => text.includes(line));
}

/** Whether the coach's last reply put this statement to the client. */
export function justShown(state: SessionState, statement: Statement): boolean {
  const last = state.recentCoachTexts[state.recentCoachTexts.length - 1] ?? '';
  return last.includes(statement.text) || (state.statementShown?.text === statement.text && state.statementShown.reply === last);
}

/**
 * The prefix of the ids recorded in `asked` when, after a reply to the statement that neither
 * confirmed nor changed it, the coach asked about one part of it ("statement_part.success") or
 * offered to keep it as it stands ("statement_part.keep"): a yes to either confirms the draft.
 */
export const STATEMENT_PART_PREFIX = 'statement_part.';

/** Whether the coach's last reply asked about one part of the draft, or offered to keep it as it stands. */
export function statementPartAsked(state: SessionState): boolean {
  const last = state.recentCoachTexts[state.recentCoachTexts.length - 1] ?? '';
  return (state.asked[state.asked.length - 1] ?? '').startsWith(STATEMENT_PART_PREFIX) && last.includes('?');
}

/** The id recorded when the coach, out of questions for a part still missing, offered to stop with the statement as it stands. */
export const STATEMENT_CLOSE_ID = `${STATEMENT_PART_PREFIX}close`;

/** Whether the coach's last reply offered to stop with the statement as it stands. */
export function closeOffered(state: SessionState): boolean {
  return state.asked[state.asked.length - 1] === STATEMENT_CLOSE_ID && (state.recentCoachTexts[state.recentCoachTexts.length - 1] ?? '').includes('?');
}

/** The id recorded in `asked` when the offer is made, so the next turn reads the answer to it. */
export const ADVICE_OFFER_ID = 'advice.offer';

/** Whether the coach's last question was the offer of a suggestion. */
export function adviceOffered(state: SessionState): boolean {
  return state.asked[state.asked.length - 1] === ADVICE_OFFER_ID && (state.recentCoachTexts.length > 0);
}

export const SlotSchema = z.object({ text: z.string(), quote: z.string(), seq: z.number().int(), own: z.string().optional() });

export const PlanActionSchema = z.object({
  what: z.string(),
  byWhen: z.string().nullable(),
  support: z.string().nullable(),
  measure: z.string().nullable(),
  quote: z.string(),
  seq: z.number().int(),
});

export const TransitionSchema = z.object({
  from: StepIdSchema,
  to: StepIdSchema,
  reason: z.string(),
  by: z.enum(['client', 'coach']),
  seq: z.number().int(),
});

/** The shape of a stored snapshot; the type check below keeps it and {@link SessionState} the same. */
export const SessionStateSchema = z.object({
  mode: ModeSchema,
  persona: z.string().nullable(),
  step: StepIdSchema,
  agreement: z.object({ purpose: SlotSchema.nullable(), timeAvailable: SlotSchema.nullable(), consent: z.boolean() }),
  needs: z.array(NeedSchema),
  constraints: z.array(ConstraintSchema),
  strengths: z.array(SlotSchema),
  learningPreference: LearningPreferenceSchema,
  learningPreferenceSource: SlotSchema.nullable(),
  goals: z.array(SlotSchema),
  successSignals: z.array(SlotSchema),
  experiment: SlotSchema.nullable(),
  statementAdditions: z.array(SlotSchema).optional(),
  originals: z.record(z.string(), z.string()).optional(),
  statementShown: z.object({ text: z.string(), reply: z.string() }).optional(),
  statementShownFull: z.object({ text: z.string(), reply: z.string() }).optional(),
  statement: StatementSchema.nullable(),
  plan: z.array(PlanActionSchema),
  commitment: SlotSchema.nullable(),
  confidence: z.number().nullable(),
  obstacles: z.array(SlotSchema),
  checkIn: SlotSchema.nullable(),
  asked: z.array(z.string()),
  recentCoachTexts: z.array(z.string()),
  turnsInStep: z.number().int(),
  quietReplies: z.number().int().optional(),
  secondLanguage: z.boolean().optional(),
  transitions: z.array(TransitionSchema),
  paused: z.boolean(),
  summary: z.string(),
  rehearsal: RehearsalStateSchema.nullable(),
  branch: z.object({ from: z.string(), atSeq: z.number().int() }).optional(),
  personaDocument: z.unknown().optional(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: [Same<z.infer<typeof SlotSchema>, Slot>, Same<z.infer<typeof PlanActionSchema>, PlanAction>, Same<z.infer<typeof SessionStateSchema>, SessionState>] = [true, true, true];
void schemasMatchTypes;
