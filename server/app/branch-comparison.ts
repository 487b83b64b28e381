import type { BranchComparison, FeedbackReport } from '../domain/schemas.js';

const figures = (report: FeedbackReport): BranchComparison['original'] => ({
  percentOpenQuestions: report.percentOpenQuestions,
  reflectionToQuestionRatio: report.reflectionToQuestionRatio,
  percentComplexReflections: report.percentComplexReflections,
  needsDiscovered: report.needsDiscovered.length,
  statementCoCreated: report.statementCoCreated,
});

/** A branch's report beside its original's: the figures of each and the person's turns after the branch point. */
export function compareBranch(branch: FeedbackReport, original: FeedbackReport, from: { sessionId: string; atSeq: number }): BranchComparison {
  const after = (report: FeedbackReport) => report.turns.filter((turn) => turn.seq > from.atSeq).map(({ seq, text, label }) => ({ seq, text, label }));
  return {
    originalSessionId: from.sessionId,
    atSeq: from.atSeq,
    original: figures(original),
    branch: figures(branch),
    originalTurns: after(original),
    branchTurns: after(branch),
  };
}
