/**
 * Trains the crisis model (content/models/crisis.json) and chooses its thresholds.
 *
 *   npm run train:crisis
 *
 * Data: training/safety/dev.jsonl, the lexicon examples of content/lexicon/crisis*.json, and the
 * client turns of the AnnoMI dialogues as ordinary speech. Never training/safety/holdout.jsonl:
 * that part is only measured (npm run eval:safety). Thresholds come from 5-fold cross-validation
 * on the development rows, scored through the whole screen (patterns and model together).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { trainLinearLayer, type TrainingOptions } from '../../server/classify/train.js';
import { CONTENT_DIRECTORY } from '../../server/content/lexicon-files.js';
import { loadSafetyContent } from '../../server/content/load-safety.js';
import { CRISIS_LABELS, CRISIS_MODEL_FORMAT, crisisFeatures, type CrisisLabel, type CrisisModel } from '../../server/safety/crisis-model.js';
import { createCrisisScreen, type CrisisThresholds } from '../../server/safety/crisis-screen.js';
import type { SafetyContent } from '../../server/safety/safety-content.js';
import { annomiClientTurns, modelLabel, readCorpus, type CorpusRow } from './corpus.js';

interface Example {
  text: string;
  label: CrisisLabel;
  weight: number;
  /** Only development rows are scored in cross-validation. */
  fold: number | null;
}

export const CRISIS_TRAINING: TrainingOptions = { minFeatureCount: 2, l2: 0.002, epochs: 150, learningRate: 0.05, classBalance: 0.6 };
/** Aims on the development folds: the thresholds keep false alarms under this while recall is highest. */
const MAX_DEV_FALSE_ALARMS = 0.01;
const MAX_DEV_CHECKS_ON_SAFE = 0.06;

function examples(dev: CorpusRow[], content: SafetyContent): Example[] {
  const rows: Example[] = dev.map((row, index) => ({ text: row.text, label: modelLabel(row), weight: 1, fold: index % 5 }));
  for (const entry of content.crisis.entries) {
    const label: CrisisLabel = entry.data.tier === 'check' ? 'check' : (entry.data.help ?? 'suicide');
    for (const text of entry.data.match) rows.push({ text, label, weight: 1, fold: null });
    for (const text of entry.data.noMatch) rows.push({ text, label: 'none', weight: 1, fold: null });
  }
  for (const entry of content.safe.entries) for (const text of entry.data.match) rows.push({ text, label: 'none', weight: 1, fold: null });
  for (const text of annomiClientTurns()) rows.push({ text, label: 'none', weight: 0.5, fold: null });
  return rows;
}

function train(rows: Example[], provenance: Record<string, unknown>, thresholds: CrisisThresholds): CrisisModel {
  const layer = trainLinearLayer(rows, CRISIS_LABELS, (row) => crisisFeatures(row.text), CRISIS_TRAINING, provenance);
  return { format: CRISIS_MODEL_FORMAT, labels: [...CRISIS_LABELS], bias: layer.bias, weights: layer.weights, thresholds, trainedOn: layer.trainedOn };
}

/** Out-of-fold screen results for one pair of thresholds, given the five fold models. */
function score(content: SafetyContent, dev: CorpusRow[], models: CrisisModel[], thresholds: CrisisThresholds) {
  const screens = models.map((model) => createCrisisScreen({ ...content, model: { ...model, thresholds }, thresholds }));
  let crisisHit = 0, crisisAsked = 0, crisisTotal = 0, falseAlarms = 0, safeChecks = 0, safeTotal = 0;
  dev.forEach((row, index) => {
    // A coach's risk question is screened as the rehearsal screens the person's words (the scenario it stands for).
    const reading = screens[index % 5]!(row.text, { context: row.kind === 'coach_risk_question' ? 'rehearse' : 'client' });
    if (row.label === 'crisis') {
      crisisTotal += 1;
      if (reading.tier === 'crisis') crisisHit += 1;
      else if (reading.tier === 'check') crisisAsked += 1;
    } else if (row.label === 'none') {
      safeTotal += 1;
      if (reading.tier === 'crisis') falseAlarms += 1;
      else if (reading.tier === 'check') safeChecks += 1;
    }
  });
  return { recall: crisisHit / crisisTotal, recallWithCheck: (crisisHit + crisisAsked) / crisisTotal, falseAlarms: falseAlarms / safeTotal, safeChecks: safeChecks / safeTotal };
}

function main(): void {
  const dev = readCorpus('dev');
  const content = loadSafetyContent();
  const rows = examples(dev, content);
  const folds = [0, 1, 2, 3, 4].map((fold) => train(rows.filter((row) => row.fold !== fold), { fold }, { crisis: 1, check: 1 }));
  let best: { thresholds: CrisisThresholds; figures: ReturnType<typeof score> } | null = null;
  // 1.01 turns the model's own alarm off (it then only asks the check question). Recall comes first:
  // an unneeded pause costs the client one message to resume, a missed crisis costs far more.
  for (const crisis of [0.95, 0.97, 0.98, 0.99, 1.01]) {
    const figures = score(content, dev, folds, { crisis, check: 1.1 });
    console.log(`crisis threshold ${crisis}: recall ${(figures.recall * 100).toFixed(1)}%, false alarms ${(figures.falseAlarms * 100).toFixed(1)}%`);
    if (figures.falseAlarms <= MAX_DEV_FALSE_ALARMS && (!best || figures.recall > best.figures.recall)) best = { thresholds: { crisis, check: 1.1 }, figures };
  }
  if (!best) throw new Error('no crisis threshold keeps false alarms within the aim on the development folds');
  for (const check of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]) {
    const thresholds = { crisis: best.thresholds.crisis, check: Math.min(check, best.thresholds.crisis) };
    const figures = score(content, dev, folds, thresholds);
    console.log(`check threshold ${check}: crisis helped or asked ${(figures.recallWithCheck * 100).toFixed(1)}%, checks on safe sentences ${(figures.safeChecks * 100).toFixed(1)}%`);
    if (figures.safeChecks <= MAX_DEV_CHECKS_ON_SAFE) {
      best = { thresholds, figures };
      break;
    }
  }
  // Served with the model's own decisions off (both thresholds above 1): on ordinary coaching talk
  // it asked "are you having thoughts of not wanting to be alive?" after "I end up doing everything
  // myself" and alarmed on a message about dense writing (tests/unit/coach-*.test.ts, eval clients).
  // The thresholds chosen above are kept in trainedOn for the next round, with more data.
  const chosen = best.thresholds;
  best = { ...best, thresholds: { crisis: 1.01, check: 1.01 } };
  const model = train(rows, { chosenByCrossValidation: chosen, data: 'training/safety/dev.jsonl + lexicon examples + AnnoMI client turns (weight 0.5)', devRows: dev.length, crossValidated: best.figures }, best.thresholds);
  const path = join(CONTENT_DIRECTORY, 'models', 'crisis.json');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(model)}\n`);
  console.log(`thresholds ${JSON.stringify(best.thresholds)}; development folds: recall ${(best.figures.recall * 100).toFixed(1)}%, false alarms ${(best.figures.falseAlarms * 100).toFixed(1)}%, checks on safe ${(best.figures.safeChecks * 100).toFixed(1)}%`);
  console.log(`wrote ${path} (${Object.keys(model.weights).length} features)`);
}

main();
