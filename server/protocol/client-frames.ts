import { z } from 'zod';
import { ModeSchema, StatementEditSchema, StepIdSchema } from '../domain/schemas.js';

/** Longest text a client may send in one user.message (protocol v1). */
export const MAX_MESSAGE_CHARS = 4000;
/** Largest frame accepted on the socket, in bytes; larger ones get `too_large`. */
export const MAX_FRAME_BYTES = 32 * 1024;

/**
 * Client → server frames of protocol v1, strictly validated: unknown fields are refused so a
 * client's typo is reported rather than silently ignored.
 */
export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.start'), mode: ModeSchema, persona: z.string().min(1).max(100).optional() }).strict(),
  z
    .object({
      type: z.literal('session.resume'),
      sessionId: z.string().min(1).max(100),
      token: z.string().min(1).max(200),
      after: z.number().int().min(0).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('user.message'),
      id: z.string().min(1).max(100),
      text: z.string().max(MAX_MESSAGE_CHARS, `text is longer than ${MAX_MESSAGE_CHARS} characters`),
    })
    .strict(),
  z.object({ type: z.literal('statement.request') }).strict(),
  z.object({ type: z.literal('statement.edit'), statement: StatementEditSchema }).strict(),
  z.object({ type: z.literal('statement.confirm') }).strict(),
  z.object({ type: z.literal('step.goto'), step: StepIdSchema }).strict(),
  z.object({ type: z.literal('feedback.request') }).strict(),
  z.object({ type: z.literal('demo.next') }).strict(),
  z.object({ type: z.literal('demo.auto'), on: z.boolean(), delayMs: z.number().int().min(200).max(60_000).optional() }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export const CreateSessionBodySchema = z
  .object({ mode: ModeSchema, persona: z.string().min(1).max(100).optional() })
  .strict();

/** POST /api/sessions/:id/branch: the last seq the branch keeps (its transcript up to and including it). */
export const BranchBodySchema = z.object({ atSeq: z.number().int().min(1) }).strict();
