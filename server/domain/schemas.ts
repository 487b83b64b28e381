import { z } from 'zod';
import { STEPS } from './steps.js';

/**
 * The shapes named by protocol v1. Field names are part of the public contract:
 * add fields freely, never rename or remove one.
 */
export const StepIdSchema = z.enum(STEPS);

export const MODES = ['coach', 'rehearse', 'demo'] as const;
export const ModeSchema = z.enum(MODES);
export type Mode = z.infer<typeof ModeSchema>;

export const NEED_CATEGORIES = [
  'communication',
  'delegation',
  'decision_making',
  'prioritization',
  'feedback',
  'confidence',
  'influence',
  'conflict',
  'team_development',
  'strategic_thinking',
  'career_growth',
  'work_life_balance',
  'other',
] as const;
export const NeedCategorySchema = z.enum(NEED_CATEGORIES);
export type NeedCategory = z.infer<typeof NeedCategorySchema>;

export const NeedSchema = z.object({
  id: z.string(),
  category: NeedCategorySchema,
  summary: z.string(),
  evidence: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  confirmed: z.boolean(),
  /** seq of the client turn the need was first heard in (an addition to v1). */
  seq: z.number().int().optional(),
});
export type Need = z.infer<typeof NeedSchema>;

export const CONSTRAINT_KINDS = ['time', 'budget', 'bandwidth', 'organizational', 'other'] as const;
export const ConstraintSchema = z.object({
  kind: z.enum(CONSTRAINT_KINDS),
  summary: z.string(),
  evidence: z.array(z.string()),
  seq: z.number().int().optional(),
});
export type Constraint = z.infer<typeof ConstraintSchema>;

export const LEARNING_PREFERENCES = ['action', 'reflection', 'feedback', 'mix'] as const;
export const LearningPreferenceSchema = z.enum(LEARNING_PREFERENCES).nullable();
export type LearningPreference = z.infer<typeof LearningPreferenceSchema>;

export const StatementSourceSchema = z.object({
  field: z.string(),
  quote: z.string(),
  seq: z.number().int(),
});
export type StatementSource = z.infer<typeof StatementSourceSchema>;

export const StatementSchema = z.object({
  goals: z.array(z.string()),
  needs: z.array(z.string()),
  successIndicators: z.array(z.string()),
  firstExperiment: z.string(),
  constraints: z.array(z.string()),
  learningPreference: z.string().nullable(),
  text: z.string(),
  sources: z.array(StatementSourceSchema),
  status: z.enum(['draft', 'confirmed']),
  /** Fields the client changed by hand; a refresh keeps them (an addition to v1). */
  editedFields: z.array(z.string()).optional(),
});
export type Statement = z.infer<typeof StatementSchema>;

const shortText = z.string().trim().min(1).max(500);
/** What a client may change in the statement: any subset, strictly validated. */
export const StatementEditSchema = z
  .object({
    goals: z.array(shortText).max(10),
    needs: z.array(shortText).max(10),
    successIndicators: z.array(shortText).max(10),
    firstExperiment: z.string().trim().max(500),
    constraints: z.array(shortText).max(10),
    learningPreference: z.string().trim().max(100).nullable(),
    text: z.string().trim().max(2000),
  })
  .partial()
  .strict();
export type StatementEdit = z.infer<typeof StatementEditSchema>;

export const MOVE_KINDS = [
  'open_question',
  'closed_question',
  'simple_reflection',
  'complex_reflection',
  'summary',
  'affirmation',
  'needs_check',
  'information',
  'structuring',
] as const;
export const MoveKindSchema = z.enum(MOVE_KINDS);
export type MoveKind = z.infer<typeof MoveKindSchema>;

/** A phone number or address inside a message's text that the page shows as a real link (an addition to v1). */
export const MoveLinkSchema = z.object({ text: z.string().min(1), href: z.string().regex(/^(?:tel:\+?\d+|https:\/\/\S+)$/) });
export type MoveLink = z.infer<typeof MoveLinkSchema>;

export const MoveSchema = z.object({
  kind: MoveKindSchema,
  label: z.string().optional(),
  note: z.string().optional(),
  /** Safety moves: where in the text a helpline number or site stands, and its link (an addition to v1). */
  links: z.array(MoveLinkSchema).optional(),
});
export type Move = z.infer<typeof MoveSchema>;

export const UTTERANCE_LABELS = [
  'question_open',
  'question_closed',
  'reflection_simple',
  'reflection_complex',
  'input',
  'other',
] as const;
export const UtteranceLabelSchema = z.enum(UTTERANCE_LABELS);
export type UtteranceLabel = z.infer<typeof UtteranceLabelSchema>;

export const RoleSchema = z.enum(['coach', 'client']);
export type Role = z.infer<typeof RoleSchema>;

export const HistoryItemSchema = z.object({
  seq: z.number().int(),
  role: RoleSchema,
  text: z.string(),
  step: StepIdSchema,
  moves: z.array(MoveSchema).optional(),
  at: z.string(),
  /** The client-chosen id of a client turn (an addition to v1). */
  id: z.string().optional(),
  /** The client message id a coach turn answers (an addition to v1). */
  replyTo: z.string().optional(),
});
export type HistoryItem = z.infer<typeof HistoryItemSchema>;

export const FeedbackReportSchema = z.object({
  counts: z.record(UtteranceLabelSchema, z.number().int()),
  percentOpenQuestions: z.number(),
  reflectionToQuestionRatio: z.number(),
  percentComplexReflections: z.number(),
  thresholds: z.record(z.string(), z.number()),
  needsDiscovered: z.array(z.object({ category: NeedCategorySchema, summary: z.string(), seq: z.number().int() })),
  needsMissed: z.array(z.object({ category: NeedCategorySchema, summary: z.string() })),
  needsTotal: z.number().int(),
  statementCoCreated: z.boolean(),
  turns: z.array(z.object({ seq: z.number().int(), text: z.string(), label: UtteranceLabelSchema, note: z.string().optional() })),
  suggestions: z.array(z.object({ seq: z.number().int(), said: z.string(), tryInstead: z.string(), why: z.string() })),
  /** On a branch whose original still exists: both sessions' figures and the turns after the branch point. */
  comparison: z.lazy(() => BranchComparisonSchema).optional(),
});

const SessionFiguresSchema = z.object({
  percentOpenQuestions: z.number(),
  reflectionToQuestionRatio: z.number(),
  percentComplexReflections: z.number(),
  needsDiscovered: z.number().int(),
  statementCoCreated: z.boolean(),
});
const ComparedTurnSchema = z.object({ seq: z.number().int(), text: z.string(), label: UtteranceLabelSchema });

export const BranchComparisonSchema = z.object({
  originalSessionId: z.string(),
  atSeq: z.number().int(),
  original: SessionFiguresSchema,
  branch: SessionFiguresSchema,
  /** The person's turns after atSeq: what they said first, and what they tried instead. */
  originalTurns: z.array(ComparedTurnSchema),
  branchTurns: z.array(ComparedTurnSchema),
});
export type BranchComparison = z.infer<typeof BranchComparisonSchema>;
export type FeedbackReport = z.infer<typeof FeedbackReportSchema>;
