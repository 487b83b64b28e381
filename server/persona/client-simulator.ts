import type { UtteranceLabel } from '../domain/schemas.js';
import { cueHits } from './cues.js';
import type { Persona, PersonaNeed } from './persona-schema.js';
import { revealDepth } from './persona-state.js';
import { type RehearsalState } from '../domain/rehearsal.js';

/**
 * The simulated client of a rehearsal, as one pure function: what the coach just said (and how
 * the classifier labelled it) decides what the client says back.
 *
 * - Open questions and reflections invite the next reveal of the most relevant need (the one
 *   whose cue words the coach used; else the one talked about last, for a reflection; else a
 *   need not yet touched, for an open question). A need's deepest reveal is only offered to a
 *   reflection: people open up most when they feel heard, not when they are asked again.
 * - Closed questions get a short answer; advice gets resistance; anything else gets small talk.
 * - A summary that names at least two revealed needs and a next step (and is not advice) gets
 *   agreement, and is remembered as the statement both worked out together.
 * - Before all that, the persona's character (see PersonaCharacterSchema) has its say: a belief
 *   pushed on is restated, a plan proposed too early is refused, a question about why they came
 *   gets their own motivation, and a guarded client deflects until warmed up.
 * - No line is said twice in a session: each pool is rotated by the turn count, skipping what
 *   was said; when a pool runs dry a generic line (never repeated either) takes its place.
 */

export type ClientMoveKind =
  | 'reveal'
  | 'constraint'
  | 'closed_answer'
  | 'resistance'
  | 'small_talk'
  | 'agreement'
  | 'filler'
  | 'guarded'
  | 'motivation'
  | 'belief'
  | 'refusal';

export interface SimulatedReply {
  reply: string;
  state: RehearsalState;
  /** The need this reply revealed (more of), if any. */
  revealed?: string;
  kind: ClientMoveKind;
}

export interface CoachUtterance {
  text: string;
  label: UtteranceLabel;
  /** seq of the coach turn, recorded with what it invited (0 when unknown). */
  seq?: number;
}

const NEXT_STEP = /\b(next step|first step|try|trying|experiment|plan|going to|start|starting|this week|next week|tomorrow|by (monday|tuesday|wednesday|thursday|friday)|commit|will you|you'll|you will)\b/i;
const CONSTRAINT_INVITATION = /\b(in the way|stop(ping|s)? you|constraint|limit|time|budget|money|resource|support|obstacle|hold(ing|s)? you back|realistic|around you)\b/i;

/** Lines any client may say when its own lines for a moment are used up. */
const FILLERS = [
  "I'm not sure what else to say about that.",
  'Let me think about that for a second.',
  "Hmm. I haven't really thought about it like that.",
  "I don't know, honestly.",
  "That's a hard one.",
  'Good question. I need a moment.',
  "I'd have to think about that.",
  "It's complicated.",
];
const FILLER_OPENERS = ['Honestly,', 'Well,', 'I guess', 'To be fair,', 'Hm,', 'I mean,', 'Right,', 'So,'];
const FILLER_TAILS = [
  "I'm still working that out.",
  "I'd need to sit with that.",
  "it's hard to put into words.",
  "I keep going round in circles on it.",
  "I'm not sure yet.",
  "that's the bit I avoid thinking about.",
  "I'd rather hear what you noticed.",
  'part of me wants to change and part of me doesn\'t.',
];

/** The next line of `pool` not said yet, starting at the turn count so choices rotate. */
export function pickLine(pool: readonly string[], state: RehearsalState): string | null {
  if (pool.length === 0) return null;
  const used = new Set(state.used);
  for (let offset = 0; offset < pool.length; offset++) {
    const line = pool[(state.turns + offset) % pool.length]!;
    if (!used.has(line)) return line;
  }
  return null;
}

/** A line nobody in this session has heard yet: fillers first, then combinations of two halves. */
export function fillerLine(state: RehearsalState): string {
  const fixed = pickLine(FILLERS, state);
  if (fixed) return fixed;
  const combined = FILLER_OPENERS.flatMap((opener) => FILLER_TAILS.map((tail) => `${opener} ${tail}`));
  return pickLine(combined, state) ?? `${FILLERS[state.turns % FILLERS.length]!} (${state.turns})`;
}

function say(state: RehearsalState, line: string, focus: string | null = state.focus): RehearsalState {
  return { ...state, used: [...state.used, line], lastClientLine: line, turns: state.turns + 1, focus };
}

/** The deepest reveal of a need is kept for reflections. */
function canDeepen(need: PersonaNeed, state: RehearsalState, reflection: boolean): boolean {
  const depth = revealDepth(state, need.id);
  if (depth >= need.reveals.length) return false;
  return reflection || depth < need.reveals.length - 1;
}

/** The need a coach turn invites more of, or null when it invites none. */
export function invitedNeed(persona: Persona, state: RehearsalState, utterance: CoachUtterance): PersonaNeed | null {
  const reflection = utterance.label === 'reflection_simple' || utterance.label === 'reflection_complex';
  const open = utterance.label === 'question_open';
  if (!reflection && !open) return null;
  const scored = persona.needs
    .map((need, index) => ({ need, index, hits: cueHits(need.cues, utterance.text) }))
    .filter((entry) => entry.hits > 0 && canDeepen(entry.need, state, reflection))
    .sort((first, second) => second.hits - first.hits || first.index - second.index);
  if (scored[0]) return scored[0].need;
  if (reflection) {
    const focus = persona.needs.find((need) => need.id === state.focus);
    if (focus && canDeepen(focus, state, true)) return focus;
    // A reflection of nothing in particular only opens a new need when none was opened yet.
    if (state.revealed.length > 0) return null;
  }
  return persona.needs.find((need) => revealDepth(state, need.id) === 0) ?? null;
}

/** Revealed needs a coach turn names. */
function namedNeeds(persona: Persona, state: RehearsalState, text: string): PersonaNeed[] {
  return persona.needs.filter((need) => state.revealed.includes(need.id) && cueHits(need.cues, text) > 0);
}

/**
 * A coach summary the client recognises: two or more revealed needs named, and a next step, once
 * the client has told as many of their needs as their character needs before accepting a plan.
 */
export function isAgreeableSummary(persona: Persona, state: RehearsalState, utterance: CoachUtterance): boolean {
  if (utterance.label === 'input') return false;
  const named = namedNeeds(persona, state, utterance.text);
  return named.length >= 2 && state.revealed.length >= persona.character.plan.needsFirst && NEXT_STEP.test(utterance.text);
}

/**
 * A next step put to the client that their character does not accept (yet): advice or a closed
 * question with a step in it, or a summary with a step before enough needs are out in the open.
 */
function proposesPlanTooEarly(persona: Persona, state: RehearsalState, utterance: CoachUtterance): boolean {
  if (!NEXT_STEP.test(utterance.text)) return false;
  if (utterance.label === 'input' || utterance.label === 'question_closed') return true;
  const reflection = utterance.label === 'reflection_simple' || utterance.label === 'reflection_complex';
  return reflection && namedNeeds(persona, state, utterance.text).length >= 2;
}

/** Listening turns raise warmth; closed questions and advice lower it (never below 0). */
function warmed(state: RehearsalState, label: UtteranceLabel): RehearsalState {
  const warmth = state.warmth ?? 0;
  if (label === 'question_open' || label === 'reflection_simple' || label === 'reflection_complex') return { ...state, warmth: warmth + 1 };
  if (label === 'question_closed' || label === 'input') return { ...state, warmth: Math.max(0, warmth - 1) };
  return state;
}

/** The character's own answer to a coach turn, before the usual rules: a held belief, a refused plan, why they came, or still guarded. */
function inCharacter(persona: Persona, state: RehearsalState, utterance: CoachUtterance): SimulatedReply | null {
  const { motivation, beliefs, plan, receptivity } = persona.character;
  const label = utterance.label;
  const pushes = label === 'input' || label === 'question_closed';
  if (pushes) {
    for (const belief of beliefs) {
      if (cueHits(belief.cues, utterance.text) === 0) continue;
      const line = pickLine(belief.says, state);
      if (line) return { reply: line, state: say(state, line), kind: 'belief' };
    }
  }
  if (proposesPlanTooEarly(persona, state, utterance)) {
    const line = pickLine(plan.refusals, state);
    if (line) return { reply: line, state: say(state, line), kind: 'refusal' };
  }
  const needHit = persona.needs.some((need) => cueHits(need.cues, utterance.text) > 0);
  if (label !== 'input' && !needHit && cueHits(motivation.cues, utterance.text) > 0) {
    const line = pickLine(motivation.says, state);
    if (line) return { reply: line, state: say(state, line), kind: 'motivation' };
  }
  const listening = label === 'question_open' || label === 'reflection_simple' || label === 'reflection_complex';
  if (listening && (state.warmth ?? 0) < receptivity.warmUp) {
    const line = pickLine(receptivity.guarded, state);
    if (line) return { reply: line, state: say(state, line), kind: 'guarded' };
  }
  return null;
}

function unsaidConstraint(persona: Persona, state: RehearsalState): string | null {
  return persona.constraints.map((constraint) => constraint.line).find((line) => !state.used.includes(line)) ?? null;
}

export function simulateClient(persona: Persona, state: RehearsalState, utterance: CoachUtterance): SimulatedReply {
  const reply = respond(persona, state, utterance);
  return { ...reply, state: warmed(reply.state, utterance.label) };
}

function respond(persona: Persona, state: RehearsalState, utterance: CoachUtterance): SimulatedReply {
  const seq = utterance.seq ?? 0;

  if (isAgreeableSummary(persona, state, utterance)) {
    const line = pickLine(persona.agreement, state) ?? fillerLine(state);
    const agreed = { ...say(state, line), agreedSummary: state.agreedSummary ?? seq };
    return { reply: line, state: agreed, kind: 'agreement' };
  }
  const character = inCharacter(persona, state, utterance);
  if (character) return character;

  switch (utterance.label) {
    case 'question_open':
    case 'reflection_simple':
    case 'reflection_complex': {
      const need = invitedNeed(persona, state, utterance);
      if (need) {
        const depth = revealDepth(state, need.id);
        const line = need.reveals[depth]!;
        const next = say(state, line, need.id);
        return {
          reply: line,
          revealed: need.id,
          kind: 'reveal',
          state: {
            ...next,
            revealed: next.revealed.includes(need.id) ? next.revealed : [...next.revealed, need.id],
            reveals: [...next.reveals, { needId: need.id, depth, invitedBy: seq }],
          },
        };
      }
      const constraint = unsaidConstraint(persona, state);
      if (constraint && (utterance.label === 'question_open' || CONSTRAINT_INVITATION.test(utterance.text))) {
        return { reply: constraint, state: say(state, constraint), kind: 'constraint' };
      }
      const line = fillerLine(state);
      return { reply: line, state: say(state, line), kind: 'filler' };
    }
    case 'question_closed': {
      const line = pickLine(persona.closedAnswers, state);
      if (line) return { reply: line, state: say(state, line), kind: 'closed_answer' };
      break;
    }
    case 'input': {
      const line = pickLine(persona.resistance, state);
      if (line) return { reply: line, state: say(state, line), kind: 'resistance' };
      break;
    }
    case 'other': {
      const line = pickLine(persona.smallTalk, state);
      if (line) return { reply: line, state: say(state, line), kind: 'small_talk' };
      break;
    }
  }
  const line = fillerLine(state);
  return { reply: line, state: say(state, line), kind: 'filler' };
}

/** Records a line the client said outside the simulator (its opening, a demo line), so it is never said again. */
export function recordClientLine(state: RehearsalState, line: string): RehearsalState {
  return say(state, line);
}
