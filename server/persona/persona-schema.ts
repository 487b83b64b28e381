import { z } from 'zod';
import { CONSTRAINT_KINDS, LEARNING_PREFERENCES, NeedCategorySchema } from '../domain/schemas.js';

const line = z.string().trim().min(1).max(400);
const lines = (min: number) => z.array(line).min(min);

/** One hidden need of a persona: what a listening coach can uncover, and how the client voices it. */
export const PersonaNeedSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
    category: NeedCategorySchema,
    summary: line,
    /** Words or word stems ("delegat") that show a coach named or reflected this need. */
    cues: z.array(z.string().trim().toLowerCase().min(2)).min(1),
    /** What the client says when invited, in increasing depth. */
    reveals: lines(2).max(3),
  })
  .strict();

/**
 * The client's side of a demonstration: lines the offline coach can understand step by step
 * (purpose, time, consent, then goal, success, …), so a demo reaches the close.
 */
export const PersonaDemoSchema = z
  .object({
    purpose: line,
    time: line,
    consent: line,
    goal: line,
    success: line,
    learning: line,
    strength: line,
    experiment: line,
    action: line,
    measure: line,
    commitment: line,
    confidence: line,
    obstacle: line,
    checkIn: line,
  })
  .strict();

/** A simulated client, as stored in content/personas/*.json. Only id, name and brief are public. */
export const PersonaSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes').max(100),
    name: line,
    /** Public: one or two sentences a trainee reads before starting. */
    brief: line,
    /** The client's first words in a rehearsal. */
    opening: line,
    voice: line.optional(),
    needs: z.array(PersonaNeedSchema).min(2),
    constraints: z.array(z.object({ kind: z.enum(CONSTRAINT_KINDS), summary: line, line }).strict()),
    learningPreference: z.enum(LEARNING_PREFERENCES),
    smallTalk: lines(2),
    /** Short yes/no style answers to closed questions. */
    closedAnswers: lines(3),
    /** Answers to advice given too early ("I've tried that…"). */
    resistance: lines(2),
    /** Answers to a summary the client recognises. */
    agreement: lines(2),
    demo: PersonaDemoSchema,
  })
  .strict()
  .superRefine((persona, context) => {
    const ids = persona.needs.map((need) => need.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) context.addIssue({ code: 'custom', path: ['needs', index, 'id'], message: `duplicate need id "${id}"` });
    });
  });

export type Persona = z.infer<typeof PersonaSchema>;
export type PersonaNeed = z.infer<typeof PersonaNeedSchema>;

/** What anyone may see of a persona: never its needs, cues or reveals. */
export interface PublicPersona {
  id: string;
  name: string;
  brief: string;
}
