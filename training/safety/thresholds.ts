import type { CrisisThresholds, CrisisTier } from '../../server/understand/crisis-screen.js';

/**
 * How the crisis screen's bars are chosen from out-of-fold scores (`npm run train:crisis` scores each
 * development set with a model that never saw it): the scores of one message, what the screen would
 * decide with given bars, the figures over many, and the search for the bars within the aims.
 * Shared by the trainer and by training/safety/choose-thresholds.ts (the same search over scores
 * saved by several trainer runs, each scoring some of the folds).
 */

/** Out-of-fold aims that choose the thresholds. */
export const AIMS = {
  /** The model's alarms on the development sets' safe rows, beyond those of the patterns alone. */
  MAX_MODEL_FALSE_ALARMS: 0.007,
  /** AnnoMI client turns and the evaluation clients (real and scripted talk, much of it about drink, drugs and health). */
  MAX_ORDINARY_ALARMS: 0.01,
  /** The coaching sentences of training/understanding. */
  MAX_COACHING_ALARMS: 0.003,
  MAX_ORDINARY_CONCERNS: 0.01,
} as const;

/** The bars tried for the model's alarm and check. */
export const GRID = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99];
/** The pattern veto bars tried (0: off). */
const PATTERN_VETO_GRID = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];

export interface Scored {
  kind: 'crisis' | 'check' | 'safe' | 'ordinary' | 'coaching';
  pattern: CrisisTier | null;
  /** Whether the patterns' alarm comes from suicide patterns only (the model may turn it into the check question). */
  vetoable: boolean;
  /** The whole message's scores. */
  danger: number;
  concern: number;
  /** The highest scores of its clauses, each scored on its own. */
  clauseDanger: number;
  clauseConcern: number;
  /** The cross-validation fold that scored it. */
  fold?: number;
  /** For development rows: the row's kind (what sort of crisis, or of safe sentence). */
  rowKind?: string;
}

export function decide(item: Scored, thresholds: CrisisThresholds): CrisisTier | null {
  const veto = thresholds.patternVeto ?? 0;
  const vetoed = item.pattern === 'crisis' && item.vetoable && veto > 0 && Math.max(item.danger, item.clauseDanger) < veto;
  if ((item.pattern === 'crisis' && !vetoed) || item.danger >= thresholds.crisis || item.clauseDanger >= (thresholds.clauseCrisis ?? thresholds.crisis)) return 'crisis';
  if (item.pattern !== null || item.concern >= thresholds.check || item.clauseConcern >= (thresholds.clauseCheck ?? thresholds.check)) return 'check';
  return null;
}

export function figures(items: Scored[], thresholds: CrisisThresholds) {
  const count = (kind: Scored['kind'], tiers: (CrisisTier | null)[]) => items.filter((item) => item.kind === kind && tiers.includes(decide(item, thresholds))).length;
  const total = (kind: Scored['kind']) => Math.max(1, items.filter((item) => item.kind === kind).length);
  return {
    recall: count('crisis', ['crisis']) / total('crisis'),
    recallWithCheck: count('crisis', ['crisis', 'check']) / total('crisis'),
    falseAlarms: count('safe', ['crisis']) / total('safe'),
    safeChecks: count('safe', ['check']) / total('safe'),
    ambiguousAnswered: count('check', ['crisis', 'check']) / total('check'),
    ordinaryAlarms: count('ordinary', ['crisis']) / total('ordinary'),
    ordinaryConcerns: count('ordinary', ['crisis', 'check']) / total('ordinary'),
    coachingAlarms: count('coaching', ['crisis']) / total('coaching'),
    coachingConcerns: count('coaching', ['crisis', 'check']) / total('coaching'),
  };
}


export type Figures = ReturnType<typeof figures>;

/**
 * The bars with the most recall within the aims, then the check bars; `show` prints a line of
 * figures for some bars (the trade-offs, for the record) and returns them.
 */
export function chooseThresholds(scored: Scored[], patternsOnly: Figures, show: (label: string, thresholds: CrisisThresholds) => Figures): { crisis: number; clauseCrisis: number; patternVeto: number; check: number; clauseCheck: number } {
  const grid = GRID;
  const quiet = (f: Figures) => f.falseAlarms - patternsOnly.falseAlarms <= AIMS.MAX_MODEL_FALSE_ALARMS && f.ordinaryAlarms <= AIMS.MAX_ORDINARY_ALARMS && f.coachingAlarms <= AIMS.MAX_COACHING_ALARMS;
  // The alarm: the bars of the whole message and of a clause (never below the whole's) with the most
  // recall (then the fewest false alarms) within the aims.
  // The pattern veto (0: off) is chosen with them: the false alarms it saves may buy recall with a
  // lower model bar, within the same total of false alarms.
  let best: { crisis: number; clauseCrisis: number; patternVeto: number; f: ReturnType<typeof figures> } | null = null;
  for (const patternVeto of PATTERN_VETO_GRID) {
    for (const candidate of grid) {
      for (const clauseCandidate of [...grid.filter((value) => value >= candidate), 1.01]) {
        const f = figures(scored, { crisis: candidate, check: 2, clauseCrisis: clauseCandidate, clauseCheck: 2, patternVeto });
        if (!quiet(f)) continue;
        if (!best || f.recall > best.f.recall || (f.recall === best.f.recall && f.falseAlarms < best.f.falseAlarms)) best = { crisis: candidate, clauseCrisis: clauseCandidate, patternVeto, f };
      }
    }
    const f = figures(scored, { crisis: 0.9, check: 2, clauseCrisis: 0.9, clauseCheck: 2, patternVeto });
    console.log(`  pattern veto ${patternVeto} (model alarm bar 0.9): recall ${(100 * f.recall).toFixed(1)}%, false alarms ${(100 * f.falseAlarms).toFixed(1)}%, help or check ${(100 * f.recallWithCheck).toFixed(1)}%`);
  }
  // The trade-off, for the record: one bar for the whole message and its clauses alike.
  for (const candidate of grid.filter((value) => value >= 0.5)) show('  trade-off', { crisis: candidate, check: 2 });
  const crisis = best?.crisis ?? 1.01;
  const clauseCrisis = best?.clauseCrisis ?? 1.01;
  const patternVeto = best?.patternVeto ?? 0;
  show('alarm', { crisis, check: 2, clauseCrisis, clauseCheck: 2, patternVeto });
  // The check question: the bars with the most help-or-check on crisis rows while ordinary talk is
  // asked it (or alarmed) no more than AIMS.MAX_ORDINARY_CONCERNS.
  let bestCheck: { check: number; clauseCheck: number; f: ReturnType<typeof figures> } | null = null;
  for (const candidate of [...grid.filter((value) => value <= crisis), 1.01]) {
    for (const clauseCandidate of [...grid.filter((value) => value >= candidate && value <= clauseCrisis), 1.01]) {
      const f = figures(scored, { crisis, check: candidate, clauseCrisis, clauseCheck: clauseCandidate, patternVeto });
      if (f.ordinaryConcerns > AIMS.MAX_ORDINARY_CONCERNS || f.coachingConcerns > AIMS.MAX_ORDINARY_CONCERNS) continue;
      const score = f.recallWithCheck + f.ambiguousAnswered / 4 - f.safeChecks / 4;
      const bestScore = bestCheck ? bestCheck.f.recallWithCheck + bestCheck.f.ambiguousAnswered / 4 - bestCheck.f.safeChecks / 4 : -1;
      if (score > bestScore) bestCheck = { check: candidate, clauseCheck: clauseCandidate, f };
    }
  }
  const check = bestCheck?.check ?? 1.01;
  const clauseCheck = bestCheck?.clauseCheck ?? 1.01;
  return { crisis, clauseCrisis, patternVeto, check, clauseCheck };
}
