/** Words shown to people for the protocol's ids. */
import type { Mode, StepId } from './protocol.js';

export const STEP_LABELS: Record<StepId, { title: string; hint: string }> = {
  clarify_agreement: { title: 'Agree', hint: 'What this conversation is for' },
  create_partnership: { title: 'Partner', hint: 'What you need, in your words' },
  construct_plan: { title: 'Plan', hint: 'A few dated actions' },
  collaborate_challenge: { title: 'Commit', hint: 'Obstacles and check-ins' },
  complete: { title: 'Close', hint: 'A closing summary' },
};

export const STEP_LONG_TITLES: Record<StepId, string> = {
  clarify_agreement: 'Clarify the agreement',
  create_partnership: 'Create a partnership',
  construct_plan: 'Construct a development plan',
  collaborate_challenge: 'Collaborate and challenge',
  complete: 'Complete',
};

const MOVE_LABELS: Record<string, string> = {
  open_question: 'Open question',
  closed_question: 'Closed question',
  simple_reflection: 'Reflection',
  complex_reflection: 'Complex reflection',
  summary: 'Summary',
  affirmation: 'Affirmation',
  needs_check: 'Needs check',
  information: 'Information',
  structuring: 'Structuring',
};

const CATEGORY_LABELS: Record<string, string> = {
  communication: 'Communication',
  delegation: 'Delegation',
  decision_making: 'Decision making',
  prioritization: 'Prioritization',
  feedback: 'Feedback',
  confidence: 'Confidence',
  influence: 'Influence',
  conflict: 'Conflict',
  team_development: 'Team development',
  strategic_thinking: 'Strategic thinking',
  career_growth: 'Career growth',
  work_life_balance: 'Work–life balance',
  other: 'Other',
};

const CONSTRAINT_LABELS: Record<string, string> = {
  time: 'Time',
  budget: 'Budget',
  bandwidth: 'Bandwidth',
  organizational: 'Organization',
  other: 'Other',
};

const LEARNING_LABELS: Record<string, string> = {
  action: 'Learning by doing',
  reflection: 'Learning by reflecting',
  feedback: 'Learning from feedback',
  mix: 'A mix of doing, reflecting and feedback',
};

const UTTERANCE_LABELS: Record<string, string> = {
  question_open: 'Open question',
  question_closed: 'Closed question',
  reflection_simple: 'Simple reflection',
  reflection_complex: 'Complex reflection',
  input: 'Information or advice',
  other: 'Other',
};

/** Who speaks, by mode: in `coach` the person is the client, in `rehearse` the coach, in `demo` nobody. */
export function authorLabel(mode: Mode, role: 'coach' | 'client'): string {
  if (mode === 'rehearse') return role === 'coach' ? 'You (coach)' : 'Client';
  if (mode === 'demo') return role === 'coach' ? 'Coach' : 'Client';
  return role === 'client' ? 'You' : 'Coach';
}

/** The role the person plays, or null when the bot plays both (demo). */
export function personRole(mode: Mode): 'coach' | 'client' | null {
  return mode === 'rehearse' ? 'coach' : mode === 'demo' ? null : 'client';
}

function humanize(id: string): string {
  const words = id.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const moveLabel = (kind: string): string => MOVE_LABELS[kind] ?? humanize(kind);
export const utteranceLabel = (label: string): string => UTTERANCE_LABELS[label] ?? humanize(label);
export const categoryLabel = (category: string): string => CATEGORY_LABELS[category] ?? humanize(category);
export const constraintLabel = (kind: string): string => CONSTRAINT_LABELS[kind] ?? humanize(kind);
export const learningLabel = (preference: string): string => LEARNING_LABELS[preference] ?? preference;

/** An `error` frame in words a person can act on; the server's own message is kept when it is specific. */
export function errorInWords(code: string, message: string): string {
  switch (code) {
    case 'rate_limited':
      return 'That was quick — the server asks for a short pause. Wait a moment, then retry.';
    case 'upstream_unavailable':
      return 'The coach could not reach its language model just now. Retry in a moment.';
    case 'too_large':
      return message ? `That message is too long to send (${message}). Shorten it and send again.` : 'That message is too long to send. Shorten it and send again.';
    case 'not_found':
      return 'This conversation is no longer on the server.';
    case 'conflict':
      return message || 'That could not be done right now.';
    case 'internal':
      return 'Something went wrong on the server. Your words are kept — retry in a moment.';
    default:
      return message || 'Something went wrong.';
  }
}
