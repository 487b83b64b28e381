import { UTTERANCE_LABELS, type FeedbackReport, type UtteranceLabel } from '../domain/schemas.js';
import { touchesNeed } from './cues.js';
import { reflectionOfLatest, verifiedOpenRewrite } from './open-rewrite.js';
import type { Persona } from './persona-schema.js';
import type { RehearsalState } from '../domain/rehearsal.js';

/**
 * Proficiency thresholds the report compares against.
 * - reflectionToQuestionRatio 1 (1:1) and percentComplexReflections 40: MITI 4.2.1's "fair"
 *   (beginning proficiency) thresholds (Moyers, Manuel & Ernst 2014/2016).
 * - percentOpenQuestions 70: MITI 4 has no open-question indicator any more; 70% is MITI 3.1.1's
 *   competency threshold (its beginning proficiency was 50%), kept because trainees find it useful.
 */
export const THRESHOLDS = {
  percentOpenQuestions: 70,
  reflectionToQuestionRatio: 1,
  percentComplexReflections: 40,
} as const;

/** Questions in a row, without a reflection, after which a reflection is suggested. */
export const QUESTION_RUN = 3;

/** A transcript turn; coach turns carry the classifier's label. */
export interface FeedbackTurn {
  seq: number;
  role: 'coach' | 'client';
  text: string;
  label?: UtteranceLabel;
}

export interface FeedbackOptions {
  /** Demo sessions: the coach's partnership statement was confirmed by the client. */
  statementConfirmed?: boolean;
}

const NOTES: Record<UtteranceLabel, string> = {
  question_open: 'Open question: invites them to tell you more in their own words.',
  question_closed: 'Closed question: invites a yes/no.',
  reflection_simple: 'Simple reflection: gives back what they said, so they know you heard it.',
  reflection_complex: 'Complex reflection: adds the meaning or feeling behind their words.',
  input: 'Information or advice, offered after listening.',
  other: 'Neither a question nor a reflection (a greeting, affirmation or structuring).',
};

const WHY = {
  closed: 'A closed question invites a yes or no and little more; an open one lets them tell you what matters.',
  advice: "Advice before their needs are explored tends to meet \"I've tried that\"; a reflection shows you heard them and lets them find their own way.",
  run: `${QUESTION_RUN} questions in a row without a reflection starts to feel like an interview; reflect what you heard before asking again.`,
};

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const percent = (part: number, whole: number): number => (whole === 0 ? 0 : round((100 * part) / whole, 1));

/**
 * The three session-level figures the report shows, from the counts of each label: the share of
 * questions that are open, reflections per question, and the share of reflections that are complex.
 * (eval/session-figures.ts measures them against AnnoMI's gold labels with this same function.)
 */
export function sessionFigures(counts: Record<UtteranceLabel, number>): {
  percentOpenQuestions: number;
  reflectionToQuestionRatio: number;
  percentComplexReflections: number;
} {
  const questions = counts.question_open + counts.question_closed;
  const reflections = counts.reflection_simple + counts.reflection_complex;
  return {
    percentOpenQuestions: percent(counts.question_open, questions),
    // With no question asked, the ratio is the number of reflections (any reflection beats none).
    reflectionToQuestionRatio: round(questions === 0 ? reflections : reflections / questions, 2),
    percentComplexReflections: percent(counts.reflection_complex, reflections),
  };
}

/**
 * The feedback on a rehearsal (or a demo): how the coach listened, turn by turn, against MI
 * proficiency thresholds, and which of the persona's hidden needs they found.
 *
 * A need counts as **discovered** when the client revealed it and a later coach turn (anything
 * but advice) used its cue words: the coach named or reflected it back. Its `seq` is that turn's.
 * The statement counts as **co-created** when the coach summarised at least two revealed needs
 * with a next step and the client agreed (see the client simulator), or, in a demo, when the
 * client confirmed the coach's partnership statement.
 */
export function buildFeedbackReport(
  turns: readonly FeedbackTurn[],
  rehearsal: RehearsalState,
  persona: Persona,
  options: FeedbackOptions = {},
): FeedbackReport {
  const counts = Object.fromEntries(UTTERANCE_LABELS.map((label) => [label, 0])) as Record<UtteranceLabel, number>;
  const firstReveal = new Map<string, number>();
  for (const reveal of rehearsal.reveals) if (!firstReveal.has(reveal.needId)) firstReveal.set(reveal.needId, reveal.invitedBy);
  const discovered = new Map<string, number>();
  const reportTurns: FeedbackReport['turns'] = [];
  const suggestions: FeedbackReport['suggestions'] = [];
  const clientLines: string[] = [];
  // Needs the client stated in their own words (the opening, an answer), with the turn that said it:
  // a coach who reflects one has found it, even if the simulator never counted it as a reveal.
  const stated = new Map<string, number>();
  let questionsInRow = 0;

  for (const turn of turns) {
    if (turn.role === 'client') {
      clientLines.push(turn.text);
      for (const need of persona.needs) if (!stated.has(need.id) && touchesNeed(need, turn.text)) stated.set(need.id, turn.seq);
      continue;
    }
    const label = turn.label ?? 'other';
    counts[label] += 1;
    const named: string[] = [];
    const reflection = label === 'reflection_simple' || label === 'reflection_complex';
    if (label !== 'input') {
      for (const need of persona.needs) {
        const revealedAt = firstReveal.get(need.id);
        const statedAt = stated.get(need.id);
        const heard = (revealedAt !== undefined && revealedAt < turn.seq) || (reflection && statedAt !== undefined && statedAt < turn.seq);
        if (!heard || discovered.has(need.id)) continue;
        if (touchesNeed(need, turn.text)) {
          discovered.set(need.id, turn.seq);
          named.push(need.summary.charAt(0).toLowerCase() + need.summary.slice(1));
        }
      }
    }
    const exploredBefore = discovered.size - named.length > 0;

    let note = NOTES[label];
    if (label === 'input' && !exploredBefore) note = 'Advice before their needs were explored: expect a "yes, but".';
    if (rehearsal.agreedSummary === turn.seq) note = 'Summary of their needs and a next step: they agreed, so the statement is one you made together.';
    if (named.length > 0) note += ` Named what they told you: ${named.join('; ')}.`;
    if (rehearsal.reveals.some((reveal) => reveal.invitedBy === turn.seq)) note += ' They opened up after it.';
    reportTurns.push({ seq: turn.seq, text: turn.text, label, note });

    if (label === 'question_closed') {
      suggestions.push({ seq: turn.seq, said: turn.text, tryInstead: verifiedOpenRewrite(turn.text), why: WHY.closed });
    }
    if (label === 'input' && !exploredBefore) {
      suggestions.push({ seq: turn.seq, said: turn.text, tryInstead: reflectionOfLatest(clientLines), why: WHY.advice });
    }
    if (label === 'question_open' || label === 'question_closed') {
      questionsInRow += 1;
      if (questionsInRow === QUESTION_RUN) {
        suggestions.push({ seq: turn.seq, said: turn.text, tryInstead: reflectionOfLatest(clientLines), why: WHY.run });
        questionsInRow = 0;
      }
    } else if (label === 'reflection_simple' || label === 'reflection_complex') {
      questionsInRow = 0;
    }
  }

  return {
    counts,
    ...sessionFigures(counts),
    thresholds: { ...THRESHOLDS },
    needsDiscovered: persona.needs
      .filter((need) => discovered.has(need.id))
      .map((need) => ({ category: need.category, summary: need.summary, seq: discovered.get(need.id)! })),
    needsMissed: persona.needs.filter((need) => !discovered.has(need.id)).map((need) => ({ category: need.category, summary: need.summary })),
    needsTotal: persona.needs.length,
    statementCoCreated: rehearsal.agreedSummary !== null || options.statementConfirmed === true,
    turns: reportTurns,
    suggestions,
  };
}
