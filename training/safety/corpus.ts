import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CrisisLabel } from '../../server/understand/crisis-model.js';

/**
 * The safety corpus. Development sets (trained and tuned on), each written by a different writer:
 * dev.jsonl, dev-more.jsonl, dev-h1.jsonl, dev-h2.jsonl, dev-h3.jsonl and dev-h4.jsonl (the first
 * four held-out sets, formerly holdout.jsonl, holdout2.jsonl, holdout3.jsonl and holdout4.jsonl,
 * retired to development after they had been measured; holdout4 was measured once blind at 91.0%
 * help at once, 91.3% help or check, 1.9% false alarms, then tuned on), and the sets written for training, train-a.jsonl onwards (train-f.jsonl
 * by the engineer of the round that retired holdout3, after reading the misses of dev-h3 and of
 * the other development sets; no row of a later held-out set was read; train-g.jsonl by the engineer of
 * the round that retired holdout4). The held-out set is the file training/safety/holdout*.jsonl
 * (named by HELD_OUT_SET below: holdout12.jsonl, copied in by the lead; holdout5 to holdout11 were measured blind, then retired to development as dev-h5 to dev-h11, holdout10 and holdout11 in the thirteenth session of 2026-12-07; train-l, 500 rows by a blind writer of the eighth session, is everyday coaching chat with words that sound like danger, and crisis rows in the same register), written apart, copied in
 * after the work it measures and never tuned on: only `npm run eval:safety` and the held-out test
 * measure it (both say so and skip it while no such file is there). Each row: text, label
 * (crisis | check | none) and kind (what sort of crisis, or what sort of safe sentence).
 */
export const CorpusRowSchema = z.object({
  text: z.string().min(1),
  label: z.enum(['crisis', 'check', 'none']),
  kind: z.string().min(1),
});
export type CorpusRow = z.infer<typeof CorpusRowSchema>;

export const CORPUS_DIRECTORY = fileURLToPath(new URL('./', import.meta.url));
/** The AnnoMI dialogues (real client speech), from the environment or ../shared/data beside the repo. */
export const ANNOMI_DIALOGUES = process.env.ANNOMI_DIALOGUES_PATH ?? fileURLToPath(new URL('../../../shared/data/annomi-dev-dialogues.jsonl', import.meta.url));

/** The development sets, in the order they were written (each one a cross-validation fold of its own). */
export const DEVELOPMENT_SETS = ['dev', 'dev-more', 'dev-h1', 'train-a', 'train-b', 'dev-h2', 'train-c', 'train-d', 'train-e', 'dev-h3', 'train-f', 'dev-h4', 'train-g', 'dev-h5', 'train-h', 'dev-h6', 'train-i', 'train-j', 'dev-h7', 'train-k', 'dev-h8', 'train-l', 'dev-h9', 'train-m', 'dev-h10', 'dev-h11', 'dev-h12', 'dev-h13', 'dev-h14'] as const;
export type DevelopmentSet = (typeof DEVELOPMENT_SETS)[number];
/** A held-out set's name: holdout followed by its number (holdout5). */
export const HELD_OUT_NAME = /^holdout\d*$/;

/**
 * Row kinds that are a trainee coach's risk question in rehearse mode (the writers name them
 * `coach_risk_question` or `coach_rehearsal`): screened as the product screens them there, as the
 * coach's words, never as a client's own.
 */
const REHEARSAL_KINDS: ReadonlySet<string> = new Set(['coach_risk_question', 'coach_rehearsal']);

/** Where a corpus row is said: a rehearsal's coach question, or a client's own words. */
export function rowContext(kind: string | undefined): 'rehearse' | 'client' {
  return kind !== undefined && REHEARSAL_KINDS.has(kind) ? 'rehearse' : 'client';
}
export type HeldOutSet = `holdout${string}`;
export type CorpusName = DevelopmentSet | HeldOutSet;

/** Whether a set's file is there (training sets arrive from their writers; the held-out set is copied in apart). */
export function hasCorpus(name: CorpusName): boolean {
  return existsSync(`${CORPUS_DIRECTORY}${name}.jsonl`);
}

/**
 * THE held-out set measured by `npm run eval:safety` and the held-out test: one name, changed here
 * when a new blind set is copied in: holdout8 (written blind in the seventh session of 2026-12-06 by
 * three writers who saw neither the code nor the other sets; rows that repeat a development row word
 * for word were dropped), measured three times in that session and then retired to dev-h8; holdout9
 * (written blind at the start of the eighth session of 2026-12-07 by two writers, a chat-typing and a
 * spoken-voice leaning; 31 rows repeating a development or train-l row, or each other, dropped).
 * Before them, holdout7 (now dev-h7), holdout6 (now dev-h6) and holdout5 (now dev-h5). Since then
 * holdout9, holdout10 and holdout11 were each measured blind and retired to dev-h9, dev-h10 and
 * dev-h11 (holdout10 and holdout11 in the thirteenth session), holdout12 and holdout13 to dev-h12 and
 * dev-h13 (fourteenth and fifteenth sessions), holdout14 to dev-h14 (sixteenth); the held-out set is now holdout15 (written blind at the
 * start of the sixteenth session and measured before any tuning), copied in by the lead and read only by the two measures named above.
 */
export const HELD_OUT_SET: CorpusName = 'holdout15';

/** The held-out set if its file is there (copied in after the work it measures), else null. */
export function heldOutSet(): CorpusName | null {
  return hasCorpus(HELD_OUT_SET) ? HELD_OUT_SET : null;
}

/** The development sets that are present. */
export function developmentSets(): DevelopmentSet[] {
  // CRISIS_SETS=dev,dev-more,… (experiments only): train on those sets alone.
  const only = process.env.CRISIS_SETS?.split(',');
  return DEVELOPMENT_SETS.filter((name) => hasCorpus(name) && (!only || only.includes(name)));
}

/**
 * Development sets the crisis model is not trained on (they stay development sets: read, measured,
 * patterns written from them): train-m, the sideways farewells, passive wishes and plans with their
 * hard negatives. A model trained with it paused unseen replayed conversations of ordinary clients
 * (messy-holdout10 and -holdout11: 4 and 4 replies taken over, 2 and 0 without it) in the ninth
 * session, and again in the thirteenth (messy-holdout11 4 replies, 0 without it) while adding no help
 * out of fold on dev-h10 and dev-h11 (90.9% help at once without it, 91.0% with it; false alarms
 * 1.1% and 1.3%). docs/safety.md, thirteenth session.
 */
export const NOT_TRAINED_ON: readonly DevelopmentSet[] = ['train-m'];

/** The development sets `npm run train:crisis` trains on (and cross-validates): all present but NOT_TRAINED_ON, unless CRISIS_SETS names them. */
export function trainingSets(): DevelopmentSet[] {
  return developmentSets().filter((name) => process.env.CRISIS_SETS !== undefined || !NOT_TRAINED_ON.includes(name));
}

export function readCorpus(name: CorpusName): CorpusRow[] {
  return readFileSync(`${CORPUS_DIRECTORY}${name}.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = CorpusRowSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${name}.jsonl line ${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** The model's label for a corpus row: crisis rows by the help their kind needs. */
export function modelLabel(row: CorpusRow): CrisisLabel {
  if (row.label !== 'crisis') return row.label;
  if (row.kind === 'overdose_poisoning' || row.kind === 'medical_emergency') return 'medical';
  if (row.kind === 'danger_from_person') return 'danger';
  return 'suicide';
}

/** Client turns of the AnnoMI dialogues (none of them is a crisis); empty when the file is absent. */
export function annomiClientTurns(path = ANNOMI_DIALOGUES): string[] {
  if (!existsSync(path)) return [];
  const Dialogue = z.object({ turns: z.array(z.object({ role: z.string(), text: z.string() })) });
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => Dialogue.parse(JSON.parse(line)).turns.filter((turn) => turn.role === 'client').map((turn) => turn.text));
}

/**
 * What the simulated clients of content/personas say (every sentence of four words or more):
 * ordinary coaching talk in a client's voice ("My area manager booked this, so here I am").
 */
export function personaLines(): string[] {
  const directory = new URL('../../content/personas/', import.meta.url);
  const walk = (node: unknown, out: string[]): string[] => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) for (const item of node) walk(item, out);
    else if (node !== null && typeof node === 'object') for (const item of Object.values(node)) walk(item, out);
    return out;
  };
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => walk(JSON.parse(readFileSync(new URL(file, directory), 'utf8')), []))
    .filter((text) => text.split(/\s+/).length >= 4 && /[.!?]$/.test(text.trim()));
}

/** Every message of the scripted evaluation clients except the crisis one: ordinary coaching talk (none is a crisis). */
export function evalClientMessages(): string[] {
  const messages: string[] = [];
  for (const folder of ['clients', 'clients-dev2', 'clients-dev3', 'clients-holdout', 'clients-messy-dev', 'clients-messy-holdout']) {
    const directory = new URL(`../../eval/${folder}/`, import.meta.url);
    for (const file of readdirSync(directory)) {
      if (!file.endsWith('.json')) continue;
      const client = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as { messages?: string[]; safetyOnly?: boolean };
      if (!client.safetyOnly && client.messages) messages.push(...client.messages);
    }
  }
  return messages;
}


/**
 * The scripted clients written blind for the coach's real-speech measure and already read blind
 * (eval/clients-messy-holdout2 to -holdout13 and -holdout15 to -holdout18): whole coaching
 * conversations by people in no danger, in the registers the screen meets (chat, voice notes,
 * non-native English, dark idioms of work and family). Trained on as ordinary talk, like the AnnoMI
 * client turns: a false alarm in the middle of a conversation costs the client the session. Each
 * of these sets was read blind once and is a development set now: messy-holdout10 to -holdout13
 * and -holdout15 to -holdout18 were added in the round that retired holdout12 to dev-h12 (the model
 * had paused ordinary talk of theirs: "reversing alarm right outside my window, can't hear myself
 * think" as a medical alarm, an apprentice's "am i behind?" as the check). Replayed by
 * training/safety/measure-conversations.ts, their figures are now in-sample.
 */
export const CONVERSATION_TRAINING_FOLDERS = ['clients-messy-holdout2', 'clients-messy-holdout3', 'clients-messy-holdout4', 'clients-messy-holdout5', 'clients-messy-holdout6', 'clients-messy-holdout7', 'clients-messy-holdout8', 'clients-messy-holdout9', 'clients-messy-holdout10', 'clients-messy-holdout11', 'clients-messy-holdout12', 'clients-messy-holdout13', 'clients-messy-holdout15', 'clients-messy-holdout16', 'clients-messy-holdout17', 'clients-messy-holdout18'] as const;

export function conversationClientMessages(): string[] {
  const messages: string[] = [];
  for (const folder of CONVERSATION_TRAINING_FOLDERS) {
    const directory = new URL(`../../eval/${folder}/`, import.meta.url);
    for (const file of readdirSync(directory).sort()) {
      if (!file.endsWith('.json')) continue;
      const client = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as { messages?: string[]; safetyOnly?: boolean };
      if (!client.safetyOnly && client.messages) messages.push(...client.messages);
    }
  }
  return messages;
}

/** The sentences of training/understanding: ordinary coaching talk written by authors who never saw the safety corpus (none is a crisis). */
export function coachingSentences(): string[] {
  const directory = new URL('../understanding/', import.meta.url);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.jsonl'))
    .sort()
    .flatMap((file) => readFileSync(new URL(file, directory), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => (JSON.parse(line) as { text: string }).text));
}
