import { NEED_CATEGORIES, CONSTRAINT_KINDS, LEARNING_PREFERENCES, type HistoryItem } from '../domain/schemas.js';
import type { StepBook } from '../domain/steps.js';
import type { ChatMessage } from '../llm/model.js';
import { renderTemplate, type PromptTemplates, type TurnLines } from '../llm/prompt-templates.js';
import { missingForStep } from '../process/guards.js';
import type { SessionState, Slot } from '../domain/session-state.js';
import type { CoachPlan } from '../domain/coach-plan.js';
import type { PhraseInput } from './engine.js';
import { collapseSpaces } from '../understand/spaces.js';

/**
 * Builds the model prompts. Every part is capped, so the prompt stops growing with the length of
 * the conversation: the rolling summary stands in for the old turns, only the last few turns are
 * quoted, and every list in the state shows its latest items only.
 *
 * Trusted text (the instructions, the server's plan) goes in the system message; the client's
 * words go in the user message, fenced, so they read as what the client said.
 */
export const PROMPT_LIMITS = {
  recentTurns: 4,
  turnChars: 400,
  messageChars: 4000,
  summaryChars: 600,
  listItems: 4,
  itemChars: 200,
  statementChars: 500,
  moves: 4,
  moveTextChars: 600,
} as const;

/** The messages asking the model to phrase one coach turn. */
export function buildCoachMessages(input: PhraseInput, templates: PromptTemplates, steps: StepBook): ChatMessage[] {
  const { state, plan } = input;
  const missing = missingForStep(steps, plan.step, state);
  const stepText = renderTemplate(templates.steps[plan.step], {
    step: plan.step,
    step_title: steps[plan.step].title,
    state: describeState(state),
    // The rolling summary is made of the client's words: fenced like them.
    summary: state.summary.trim() ? `<client_words>${neutralizeFences(clip(oneLine(state.summary), PROMPT_LIMITS.summaryChars))}</client_words>` : '(the conversation has just begun)',
    missing: missing.length ? missing.map((item) => `- ${item}`).join('\n') : '(nothing: this step may end when the client is ready)',
    moves: describeMoves(plan, templates.turn),
  });
  return [
    { role: 'system', content: `${templates.system.trim()}\n\n${stepText}` },
    { role: 'user', content: describeTurn(input.recent, input.message, templates.turn) },
  ];
}

/** The state as short labelled lines; empty fields are left out. */
export function describeState(state: SessionState): string {
  const lines: string[] = [];
  const add = (label: string, value: string | null | undefined): void => {
    if (value) lines.push(`${label}: ${value}`);
  };
  if (state.paused) lines.push('Coaching is PAUSED: the client wrote words of crisis. Their safety comes first.');
  add('Purpose of the conversation', slot(state.agreement.purpose));
  add('Time available', slot(state.agreement.timeAvailable));
  // Only what is known: "not known yet" lines cost tokens and tell the model nothing the step brief does not.
  if (!state.agreement.consent && state.step === 'clarify_agreement') lines.push('Consent to go on: not yet');
  add(
    'Needs heard',
    list(state.needs, (need) => `${need.category}: ${need.summary}${need.confirmed ? ' (confirmed)' : ' (unchecked)'}${quoted(need.evidence[0])}`),
  );
  add('Constraints', list(state.constraints, (constraint) => `${constraint.kind}: ${constraint.summary}${quoted(constraint.evidence[0])}`));
  add('Strengths', list(state.strengths, slot));
  add('Learning preference', state.learningPreference);
  add('Goals', list(state.goals, slot));
  add('Success signals', list(state.successSignals, slot));
  add('First experiment', slot(state.experiment));
  add('Partnership statement', state.statement ? `${state.statement.status}: ${clip(state.statement.text, PROMPT_LIMITS.statementChars)}` : null);
  add(
    'Plan actions',
    list(state.plan, (action) =>
      [action.what, action.byWhen && `by ${action.byWhen}`, action.support && `support: ${action.support}`, action.measure && `progress shows as: ${action.measure}`]
        .filter(Boolean)
        .join(', '),
    ),
  );
  add('Commitment', slot(state.commitment));
  add('Confidence (0-10)', state.confidence === null ? null : String(state.confidence));
  add('Expected obstacles', list(state.obstacles, slot));
  add('Check-in rhythm', slot(state.checkIn));
  return lines.join('\n');
}

/**
 * The plan as intents: what each move should achieve, in order, never the offline engine's
 * wording (a model asked to reword that text inherits every misreading of it). Only the kinds
 * that carry facts the model cannot know (information, structuring) pass the server's text on.
 */
export function describeMoves(plan: CoachPlan, lines: TurnLines): string {
  const moves = plan.moves.slice(0, PROMPT_LIMITS.moves);
  const kinds = moves.map((move) => move.kind).join(', ');
  const items = moves.map((move, index) =>
    renderTemplate(lines.move, {
      number: String(index + 1),
      intent: renderTemplate(lines.intents[move.kind], {
        purpose: clip(purposeOf(move), PROMPT_LIMITS.itemChars),
        text: clip(move.text, PROMPT_LIMITS.moveTextChars),
      }),
    }),
  );
  const extras = [
    plan.pauses ? lines.pauses : null,
    // The client confirms or edits this exact text, so it is shown word for word, not reworded.
    plan.statement ? renderTemplate(lines.statement, { statement: clip(plan.statement.text, PROMPT_LIMITS.statementChars) }) : null,
  ].filter((line): line is string => line !== null);
  const asks = moves.some((move) => move.kind === 'open_question' || move.kind === 'closed_question' || move.kind === 'needs_check');
  const questionRule = asks ? lines.oneQuestion : lines.noQuestion;
  return [renderTemplate(lines.movesInOrder, { kinds }), ...items, ...extras, questionRule].join('\n');
}

/** What a move should achieve: its label, else the slot its bank question is about, else the step's needs. */
function purposeOf(move: CoachPlan['moves'][number]): string {
  if (move.label) return move.label;
  const slot = move.questionId?.split('.')[1];
  return slot ? `learn about their ${slot}` : 'what this step still needs (see above)';
}

/** The recent turns and the client's new message, as the user message; every client turn fenced. */
function describeTurn(recent: HistoryItem[], message: PhraseInput['message'], lines: TurnLines): string {
  const earlier = recent.filter((item) => item.seq !== message?.seq).slice(-PROMPT_LIMITS.recentTurns);
  const parts: string[] = [];
  if (earlier.length) {
    const turns = earlier.map((item) =>
      item.role === 'coach'
        ? `${lines.coach}: ${clip(oneLine(item.text), PROMPT_LIMITS.turnChars)}`
        : `${lines.client}: ${fenceClientText(clip(oneLine(item.text), PROMPT_LIMITS.turnChars), 'inline')}`,
    );
    parts.push(`${lines.recentTurns}\n${turns.join('\n')}`);
  }
  if (message) {
    parts.push(`${lines.newMessage}\n${fenceClientText(message.text)}`);
    parts.push(lines.writeReply);
  } else {
    parts.push(lines.nothingNew);
  }
  return parts.join('\n\n');
}

/** The messages asking for the reply again after the guard rejected one, naming the rule it broke. */
export function withRegenerateNote(messages: ChatMessage[], rule: string, lines: TurnLines): ChatMessage[] {
  const note = renderTemplate(lines.regenerate, { rule: rule.replace(/_/g, ' ') });
  return messages.map((message, index) => (index === 0 && message.role === 'system' ? { ...message, content: `${message.content}\n\n${note}` } : message));
}

/** The messages asking the model to extract understanding from one client message (for `refine`). */
export function buildRefineMessages(
  input: { state: SessionState; recent: HistoryItem[]; message: { text: string; seq: number } },
  templates: PromptTemplates,
  steps: StepBook,
): ChatMessage[] {
  const lines = templates.turn;
  const lastCoach = [...input.recent].reverse().find((item) => item.role === 'coach' && item.seq < input.message.seq);
  const context = [
    renderTemplate(lines.currentStep, { step_title: steps[input.state.step].title }),
    lastCoach ? renderTemplate(lines.coachLastSaid, { text: clip(oneLine(lastCoach.text), PROMPT_LIMITS.turnChars) }) : null,
    `${lines.clientMessage}\n${fenceClientText(input.message.text)}`,
  ];
  const instructions = renderTemplate(templates.extraction, {
    need_categories: NEED_CATEGORIES.join(', '),
    constraint_kinds: CONSTRAINT_KINDS.join(', '),
    learning_preferences: LEARNING_PREFERENCES.join(', '),
  });
  return [
    { role: 'system', content: instructions },
    { role: 'user', content: context.filter(Boolean).join('\n\n') },
  ];
}

/** Our fence tags, in any case and spacing: a client who writes one cannot open or close a fence. */
const FENCE_TAG = /<\s*\/?\s*(?:client_message|client_words)\s*>/gi;

/** Client text with any fence tag inside it removed, so it can only ever read as what the client said. */
export function neutralizeFences(text: string): string {
  let previous: string;
  let current = text;
  // Removing one tag may join the halves of another ("<client_<client_words>words>"): repeat until stable.
  do {
    previous = current;
    current = current.replace(FENCE_TAG, '');
  } while (current !== previous);
  return current;
}

export function fenceClientText(text: string, layout: 'block' | 'inline' = 'block'): string {
  const inner = neutralizeFences(clip(text, PROMPT_LIMITS.messageChars));
  return layout === 'block' ? `<client_message>\n${inner}\n</client_message>` : `<client_message>${inner}</client_message>`;
}

function slot(value: Slot | null): string | null {
  if (!value) return null;
  const text = neutralizeFences(clip(oneLine(value.text), PROMPT_LIMITS.itemChars));
  // A slot's text is often the client's words themselves: fenced like them.
  const quote = quoted(value.quote, value.text);
  return quote ? `${text}${quote}` : `<client_words>${neutralizeFences(clip(oneLine(value.quote || value.text), PROMPT_LIMITS.itemChars))}</client_words>`;
}

function quoted(quote: string | undefined, text?: string): string {
  // A rendering that already holds the quote (or is held by it) needs no second copy.
  if (quote && text && (quote.toLowerCase().includes(text.toLowerCase()) || text.toLowerCase().includes(quote.toLowerCase()))) return '';
  return quote ? ` <client_words>${neutralizeFences(clip(oneLine(quote), PROMPT_LIMITS.itemChars))}</client_words>` : '';
}

/** The latest items only: the newest are the ones the next turn builds on. */
function list<T>(items: T[], render: (item: T) => string | null): string | null {
  const shown = items.slice(-PROMPT_LIMITS.listItems).map(render).filter((item): item is string => Boolean(item));
  if (!shown.length) return null;
  const more = items.length > PROMPT_LIMITS.listItems ? ` (and ${items.length - PROMPT_LIMITS.listItems} earlier)` : '';
  return `${shown.map((item) => clip(item, PROMPT_LIMITS.itemChars * 2)).join('; ')}${more}`;
}

function oneLine(text: string): string {
  return collapseSpaces(text).trim();
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}
