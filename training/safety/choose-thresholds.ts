/**
 * `npx tsx training/safety/choose-thresholds.ts <scored.json>…`: the trainer's search for the crisis
 * screen's bars (thresholds.ts) over out-of-fold scores saved by one or more trainer runs
 * (CRISIS_SCORED_PATH=… with CRISIS_FOLDS_ONLY=… each scoring some folds, so that the cross-validation
 * can run in two processes on two cores). Prints the bars and their figures; writes nothing.
 * Numbers only: the scores carry no text.
 *
 * `--shipped` instead prints the figures at the shipped bars (content/models/crisis.json), for all
 * the scores and for each fold (named as the trainer names them: trainingSets() of corpus.ts, so run it
 * with the same CRISIS_SETS as the trainer runs, if any),
 * and per crisis kind: the out-of-fold figures of docs/safety.md from runs split over two processes.
 */
import { readFileSync } from 'node:fs';
import type { CrisisThresholds } from '../../server/understand/crisis-screen.js';
import { loadSafetyContent } from '../../server/content/load-safety.js';
import { trainingSets } from './corpus.js';
import { chooseThresholds, decide, figures, type Scored } from './thresholds.js';

const shipped = process.argv.includes('--shipped');
const files = process.argv.slice(2).filter((arg) => arg !== '--shipped');
if (files.length === 0) {
  console.error('usage: npx tsx training/safety/choose-thresholds.ts <scored.json>…');
  process.exit(2);
}
const scored = files.flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as Scored[]);
const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
const show = (label: string, thresholds: CrisisThresholds) => {
  const f = figures(scored, thresholds);
  console.log(`${label} ${JSON.stringify(thresholds)}: recall ${pct(f.recall)}, help or check ${pct(f.recallWithCheck)}, false alarms ${pct(f.falseAlarms)}, checks on safe ${pct(f.safeChecks)}, ambiguous answered ${pct(f.ambiguousAnswered)}; ordinary talk alarms ${pct(f.ordinaryAlarms)}, alarms or checks ${pct(f.ordinaryConcerns)}; coaching sentences alarms ${pct(f.coachingAlarms)}, alarms or checks ${pct(f.coachingConcerns)}`);
  return f;
};
console.log(`${scored.length} scored messages from ${files.length} file(s), folds ${[...new Set(scored.map((item) => item.fold))].sort((a, b) => (a ?? 0) - (b ?? 0)).join(', ')}`);
if (shipped) {
  const { diffuse: _diffuse, ...bars } = loadSafetyContent().thresholds;
  const names: readonly string[] = trainingSets();
  show('shipped bars, all scored folds', bars);
  for (const fold of [...new Set(scored.map((item) => item.fold))].sort((a, b) => (a ?? 0) - (b ?? 0))) {
    const f = figures(scored.filter((item) => item.fold === fold), bars);
    console.log(`  ${names[fold ?? -1] ?? `fold ${fold}`} out of fold: recall ${pct(f.recall)}, help or check ${pct(f.recallWithCheck)}, false alarms ${pct(f.falseAlarms)}, checks on safe ${pct(f.safeChecks)}`);
  }
  for (const kind of [...new Set(scored.filter((item) => item.kind === 'crisis').map((item) => item.rowKind ?? '?'))].sort()) {
    const tiers = scored.filter((item) => item.kind === 'crisis' && item.rowKind === kind).map((item) => decide(item, bars));
    console.log(`  crisis ${kind}: help at once ${tiers.filter((tier) => tier === 'crisis').length}/${tiers.length}, help or check ${tiers.filter((tier) => tier !== null).length}/${tiers.length}`);
  }
  process.exit(0);
}
const patternsOnly = show('patterns only', { crisis: 2, check: 2 });
const chosen = chooseThresholds(scored, patternsOnly, show);
show('chosen', { crisis: chosen.crisis, check: chosen.check, clauseCrisis: chosen.clauseCrisis, clauseCheck: chosen.clauseCheck, patternVeto: chosen.patternVeto });
