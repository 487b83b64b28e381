import { type PromptBank } from './prompt-bank.js';
import { voiced, wholeClause } from './reflection-clauses.js';
import { pickFresh } from './reflection-stems.js';
import { echoFault } from './reflection-grammar.js';
import { hasVerb } from './frame-slots.js';
import { withoutHedges } from './reflection-hedges.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import type { Understanding } from '../domain/understanding.js';
import { capitalize, contentWords, splitSentences } from '../understand/text.js';

/** Words that make a sentence a real limit rather than a passing mention of time or money. */
export const LIMIT_WORDS = /\b(?:budget|people short|short[- ]handed|no slack|no spare|stretched|runway|frozen|freeze|hiring|hires?|headcount|no money|no time|can't|cannot|couldn't|only|limited|not allowed|policy (?:says|is|won't|doesn't|forbids|requires)|against (?:the )?policy|deadline|until|no more than|at most|capacity|short[- ]staffed|understaffed|part[- ]time|maximum|max|won't (?:approve|pay|let))\b/i;

/**
 * A new limit the client just named, given back first: "our budget is frozen until Q3 so no new
 * hires" → "No new hires, then — your budget is frozen until Q3." Null when the message names none.
 */
export function constraintReflection(phrases: PromptBank, understanding: Understanding, seed: number, said: readonly string[]): PlannedMove | null {
  const constraint = understanding.constraints[0];
  if (!constraint) return null;
  const sentence = splitSentences(constraint.quote).find((candidate) => LIMIT_WORDS.test(candidate));
  if (!sentence) return null;
  const clause = wholeClause(voiced(withoutHedges(sentence)), 20);
  // Words the grammar gate refuses ("you have bakery", "since two months") are not echoed.
  if (!clause || contentWords(clause).length < 2 || echoFault(clause, 'clause') !== null) return null;
  // "Only one point, not more" qualifies their own step; a limit to respect is said as a clause.
  if (!hasVerb(clause)) return null;
  const parts = /^(.+?),?\s+(?:so|which means)\s+(.+)$/i.exec(clause);
  if (parts && parts[1]!.split(' ').length >= 3 && parts[2]!.split(' ').length >= 2) {
    const text = `${capitalize(parts[2]!.split(/,\s+/)[0]!)}, then — ${parts[1]}.`;
    if (!said.some((previous) => previous.includes(text))) return { kind: 'simple_reflection', label: `reflects the limit: ${constraint.kind}`, text };
  }
  const text = pickFresh(phrases.reflections.constraint, seed, { c: clause }, said);
  return text ? { kind: 'simple_reflection', label: `reflects the limit: ${constraint.kind}`, text } : null;
}
