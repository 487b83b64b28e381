import type { Constraint, HistoryItem, LearningPreference, Move, MoveKind, MoveLink, NeedCategory, Statement } from '../domain/schemas.js';
import type { HelpKind } from '../safety/crisis-screen.js';
import type { StepId } from '../domain/steps.js';
import type { PlanAction, SessionState, Slot } from '../session/state.js';

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
  /** Consent read from engagement: asked whether to go on, the client answered with their story. */
  consentImplicit?: boolean;
  /** A question about the conversation itself (what a question means, an example, advice, how long). */
  processQuestion?: import('./intents.js').ProcessQuestion | null;
  /** A line the client asked to add to the draft statement. */
  statementAddition?: Slot | null;
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
  /** The answer to the check question was a clear no: coaching goes on. */
  checkCleared?: boolean;
  /** Feeling words heard, for complex reflections. */
  feelings: string[];
  /** The client's message rendered in second person ("I feel" → "you feel"), for reflections. */
  paraphrase: string;
  /** The few words that carry most of the message. */
  keyPhrases: string[];
  /** The sentence that voiced the learning preference (added by the coach; optional for model refinements). */
  learningSource?: Slot | null;
  /** The message itself, verbatim (set by the offline understanding; reflections read its structure). */
  text?: string;
  /** A pleasantry with nothing to reflect (thanks, a greeting, a closing): answered naturally, never reflected. */
  pleasantry?: 'thanks' | 'greeting' | 'closing' | null;
  /** The client asked the coach something about themselves ("is that a problem?"): answered briefly first. */
  asksAboutThemselves?: boolean;
  /** The client asked who sees or keeps this conversation: answered plainly first. */
  asksPrivacy?: boolean;
  /** The draft was put to the client and they went on to the plan (when, commitment, confidence) without objecting: taken as a yes, and said so. */
  confirmsImplicitly?: boolean;
  /** A "yes, that's right" when there was nothing to confirm: agreement with the coach's last reflection. */
  affirms?: boolean;
  /** For `professional_advice`: which professional to name. */
  safetyDomain?: 'medical' | 'legal' | 'financial' | 'mental_health' | 'general' | null;
}

/** One move the policy chose, with what the phrasing needs to say it. */
export interface PlannedMove {
  kind: MoveKind;
  /** Short label shown to trainers, e.g. "names the need for delegation". */
  label?: string;
  note?: string;
  /** For questions: the bank question id (recorded in `asked`). */
  questionId?: string;
  /** The text the offline engine will say for this move. */
  text: string;
  /** Safety moves: the helpline numbers and sites in `text` that the page shows as links. */
  links?: MoveLink[];
}

/** The coach's decision for one turn: what to do, in order. The server owns it; engines only phrase it. */
export interface CoachPlan {
  step: StepId;
  moves: PlannedMove[];
  /** A statement the plan proposes that the state does not hold yet: store it (see `recordCoachTurn`). */
  statement?: Statement;
  /** Set when this turn pauses coaching (crisis); the server keeps `state.paused` in step with it. */
  pauses?: boolean;
}

/** What an engine gets to phrase one coach turn. */
export interface PhraseInput {
  state: SessionState;
  /** The last few turns of the transcript (bounded). */
  recent: HistoryItem[];
  /** The client message being answered, null when the coach opens. */
  message: { text: string; seq: number } | null;
  plan: CoachPlan;
}

/** A streamed piece of a coach reply: a discriminated union, errors travel as parts. */
export type PhrasePart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; text: string; moves: Move[]; engine: string; fallback?: boolean }
  | { type: 'error'; error: Error; retryable: boolean };

/**
 * Phrases the coach's plan. The offline engine renders the plan's own text; a model-backed engine
 * streams its wording of the same moves. Either way the moves come from the server's policy.
 */
export interface CoachEngine {
  readonly name: string;
  phrase(input: PhraseInput, signal?: AbortSignal): AsyncIterable<PhrasePart>;
  /** Optional deeper understanding (a model's structured extraction), merged alongside the reply. */
  refine?(input: { state: SessionState; recent: HistoryItem[]; message: { text: string; seq: number } }, signal?: AbortSignal): Promise<Partial<Understanding> | null>;
  /** Whether the engine can be reached (for /readyz). */
  ready?(): Promise<boolean>;
}
