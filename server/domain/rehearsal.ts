import { z } from 'zod';

/** One time the simulated client opened up about a need. */
export interface Reveal {
  needId: string;
  /** Which of the need's reveals was said (0 = the first, shallowest). */
  depth: number;
  /** seq of the coach turn that invited it (0 when the client volunteered it, e.g. in a demo opening). */
  invitedBy: number;
}

/**
 * The simulated client's side of a rehearse or demo session: what it has told so far and which
 * lines it has said, so it never says one twice. Plain data inside SessionState.
 */
export interface RehearsalState {
  personaId: string;
  /** Need ids revealed at least once, in the order they were first revealed. */
  revealed: string[];
  reveals: Reveal[];
  /** Every line the client has said in this session, so none is said twice. */
  used: string[];
  /** The client's latest line: the classifier reads the coach's next turn against it. */
  lastClientLine: string;
  /** The need talked about last, which a plain reflection deepens. */
  focus: string | null;
  /** seq of the coach summary (two needs and a next step) the client agreed to; null until then. */
  agreedSummary: number | null;
  /** Client lines said so far (also the rotation seed). */
  turns: number;
  /**
   * Listening turns so far (open questions and reflections), less one for each closed question or
   * piece of advice: a guarded client opens up only once this reaches its warm-up. Absent in
   * snapshots written before it existed (read as 0).
   */
  warmth?: number;
}

export function initialRehearsal(personaId: string): RehearsalState {
  return { personaId, revealed: [], reveals: [], used: [], lastClientLine: '', focus: null, agreedSummary: null, turns: 0 };
}

export const RevealSchema = z.object({ needId: z.string(), depth: z.number().int(), invitedBy: z.number().int() });

export const RehearsalStateSchema = z.object({
  personaId: z.string(),
  revealed: z.array(z.string()),
  reveals: z.array(RevealSchema),
  used: z.array(z.string()),
  lastClientLine: z.string(),
  focus: z.string().nullable(),
  agreedSummary: z.number().int().nullable(),
  turns: z.number().int(),
  warmth: z.number().int().optional(),
});
