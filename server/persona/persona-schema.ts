import { z } from 'zod';
import { cueHits } from './cues.js';
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

/** How hard a client is to open up, as trainers choose one: the public label of a persona. */
export const PERSONA_DIFFICULTIES = ['open', 'guarded', 'vague', 'talkative', 'resistant', 'sent'] as const;
export type PersonaDifficulty = (typeof PERSONA_DIFFICULTIES)[number];

const cueList = z.array(z.string().trim().toLowerCase().min(2)).min(1);

/**
 * What keeps a simulated client in character. Simulated clients tend to become too cooperative
 * and too uniform; the research names four ways they break character, and each has its guard here:
 * - motivation: why they came, said in their own terms whenever a coach asks (a client sent by
 *   their boss does not turn eager);
 * - beliefs: views they hold, restated (never dropped) when advice or a leading question pushes on them;
 * - plan: how many of their needs must be out in the open before they accept a next step; a step
 *   proposed earlier is refused;
 * - receptivity: how many listening turns (open questions, reflections) before they open up at all;
 *   each closed question or piece of advice costs one of them back.
 */
export const PersonaCharacterSchema = z
  .object({
    motivation: z
      .object({
        level: z.enum(['low', 'mixed', 'high']),
        /** Word stems of a coach turn asking why they came or what they want from this. */
        cues: cueList,
        says: lines(2),
      })
      .strict(),
    beliefs: z
      .array(
        z
          .object({
            holds: line,
            /** Word stems of advice or a leading question that pushes on this belief. */
            cues: cueList,
            says: lines(1),
          })
          .strict(),
      )
      .min(1),
    plan: z
      .object({
        /** Needs the client must have revealed before they agree to a next step. */
        needsFirst: z.number().int().min(1).max(6),
        refusals: lines(2),
      })
      .strict(),
    receptivity: z
      .object({
        /** Listening turns before the first reveal: 0 for an open client. */
        warmUp: z.number().int().min(0).max(5),
        /** What they say instead of opening up while still warming up. */
        guarded: z.array(line),
      })
      .strict(),
  })
  .strict()
  .superRefine((character, context) => {
    if (character.receptivity.guarded.length < character.receptivity.warmUp) {
      context.addIssue({ code: 'custom', path: ['receptivity', 'guarded'], message: `needs at least ${character.receptivity.warmUp} lines (one per warm-up turn)` });
    }
  });

/** A simulated client, as stored in content/personas/*.json. Only id, name, brief, difficulty and setting are public. */
export const PersonaSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes').max(100),
    name: line,
    /** Public: one or two sentences a trainee reads before starting. */
    brief: line,
    /** Public: how hard this client is to open up. */
    difficulty: z.enum(PERSONA_DIFFICULTIES),
    /** Public: where they work (health care, teaching, a founder…). */
    setting: line.max(60),
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
    character: PersonaCharacterSchema,
  })
  .strict()
  .superRefine((persona, context) => {
    const ids = persona.needs.map((need) => need.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) context.addIssue({ code: 'custom', path: ['needs', index, 'id'], message: `duplicate need id "${id}"` });
    });
    // A need's own summary must carry one of its cues, so a coach who says it back is credited.
    persona.needs.forEach((need, index) => {
      if (cueHits(need.cues, need.summary) === 0) {
        context.addIssue({ code: 'custom', path: ['needs', index, 'cues'], message: 'none of the cues appears in the need\'s summary' });
      }
    });
    if (persona.character.plan.needsFirst > persona.needs.length) {
      context.addIssue({ code: 'custom', path: ['character', 'plan', 'needsFirst'], message: `is more than the ${persona.needs.length} needs this persona has` });
    }
  });

export type Persona = z.infer<typeof PersonaSchema>;
export type PersonaNeed = z.infer<typeof PersonaNeedSchema>;

/** What anyone may see of a persona: never its needs, cues or reveals. */
export interface PublicPersona {
  id: string;
  name: string;
  brief: string;
  difficulty: PersonaDifficulty;
  setting: string;
  /** `builtin` ships in content/personas; `trainer` was written by a trainer and stored by the server. */
  source: 'builtin' | 'trainer';
}

/** The public view of a persona. */
export function publicPersona(persona: Persona, source: PublicPersona['source']): PublicPersona {
  return { id: persona.id, name: persona.name, brief: persona.brief, difficulty: persona.difficulty, setting: persona.setting, source };
}
