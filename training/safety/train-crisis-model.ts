/**
 * Trains the crisis model (content/models/crisis.json) and chooses its thresholds.
 *
 *   npm run train:crisis
 *
 * Data: the development sets of training/safety (DEVELOPMENT_SETS of corpus.ts, each from a
 * different writer, but NOT_TRAINED_ON: train-m), the lexicon examples of content/lexicon/crisis*.json, and ordinary talk as
 * 'none': the client turns of the AnnoMI dialogues (real speech) and every sentence of
 * training/understanding (written coaching talk), and the clauses of all safe text as the screen
 * cuts them (it scores every clause on its own). Never training/safety/holdout*.jsonl: that set is
 * only measured (npm run eval:safety).
 *
 * Thresholds come from cross-validation by writer, scored through the whole screen (patterns and
 * model together): each development set is one fold, scored by a model trained on the others, so
 * the figures are those of a writer the model never saw; the AnnoMI dialogues (split by dialogue)
 * and the coaching sentences are split into as many folds. The scripted evaluation clients
 * (eval/clients*) are never trained on and are scored by every fold model. The model's own alarm
 * has two bars, chosen together: one for the whole message and one (never lower) for a clause
 * scored on its own; the pair with the most recall at which the alarms the model adds to the
 * patterns' on the development safe rows stay within MAX_MODEL_FALSE_ALARMS, ordinary talk within
 * MAX_ORDINARY_ALARMS and the coaching sentences within MAX_COACHING_ALARMS. The check question's two bars: the most help-or-check on crisis rows (and ambiguous rows
 * answered, less safe rows asked) while ordinary talk is asked it (or alarmed) no more than
 * MAX_ORDINARY_CONCERNS. The figures out of fold, per set and per kind, are stored in the model's
 * trainedOn and written to docs/safety.md by npm run eval:safety.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { trainLinearLayer, type TrainingOptions } from '../../server/classify/train.js';
import { CONTENT_DIRECTORY } from '../../server/content/lexicon-files.js';
import { loadSafetyContent } from '../../server/content/load-safety.js';
import { CRISIS_LABELS, CRISIS_MODEL_FORMAT, crisisFeatures, type CrisisLabel, type CrisisModel } from '../../server/understand/crisis-model.js';
import { clauseBreak, createCrisisScreen, screenClauses, type CrisisThresholds, type CrisisTier } from '../../server/understand/crisis-screen.js';
import type { SafetyContent } from '../../server/understand/safety-content.js';
import { lexiconText } from '../../server/understand/lexicon.js';
import { ANNOMI_DIALOGUES, coachingSentences, CONVERSATION_TRAINING_FOLDERS, conversationClientMessages, evalClientMessages, modelLabel, personaLines, readCorpus, rowContext, trainingSets, type CorpusRow } from './corpus.js';
import type { WordVectors } from '../../server/understand/word-vectors.js';
import { AIMS, chooseThresholds, decide, figures, GRID, type Scored } from './thresholds.js';

type Source = 'dev' | 'annomi' | 'coaching' | 'lexicon' | 'clause';
interface Example {
  text: string;
  label: CrisisLabel;
  weight: number;
  source: Source;
  /** The cross-validation fold, or null for rows every fold trains on (the lexicon examples). */
  fold: number | null;
  /** For development rows: the corpus row (its label and kind). */
  row?: CorpusRow;
}

export const CRISIS_TRAINING: TrainingOptions = { minFeatureCount: 2, l2: 0.002, epochs: 150, learningRate: 0.05, classBalance: 0.3 };
const ANNOMI_WEIGHT = 1;
const COACHING_WEIGHT = 0.5;
const COACHING_EVERY = 1;
/** The weight of a safe text's clauses relative to the text (0: clauses are not trained on). */
const CLAUSE_WEIGHT = Number(process.env.CRISIS_CLAUSE_WEIGHT ?? 1);
/** The factor of the mean word vector's components (0: no vector features). */
const VECTOR_SCALE = Number(process.env.CRISIS_VECTOR_SCALE ?? 3);
let FOLDS = 5;

function annomiDialogues(): string[][] {
  return readFileSync(ANNOMI_DIALOGUES, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { turns: { role: string; text: string }[] }).turns.filter((turn) => turn.role === 'client').map((turn) => turn.text));
}

function examples(dev: { row: CorpusRow; fold: number }[], content: SafetyContent): Example[] {
  const rows: Example[] = dev.map(({ row, fold }) => ({ text: row.text, label: modelLabel(row), weight: 1, source: 'dev', fold, row }));
  for (const entry of content.crisis.entries) {
    const label: CrisisLabel = entry.data.tier === 'check' ? 'check' : (entry.data.help ?? 'suicide');
    for (const text of entry.data.match) rows.push({ text, label, weight: 1, source: 'lexicon', fold: null });
    for (const text of entry.data.noMatch) rows.push({ text, label: 'none', weight: 1, source: 'lexicon', fold: null });
  }
  for (const entry of content.safe.entries) for (const text of entry.data.match) rows.push({ text, label: 'none', weight: 1, source: 'lexicon', fold: null });
  annomiDialogues().forEach((turns, index) => {
    for (const text of turns) rows.push({ text, label: 'none', weight: ANNOMI_WEIGHT, source: 'annomi', fold: index % FOLDS });
  });
  coachingSentences().filter((_, index) => index % COACHING_EVERY === 0).forEach((text, index) => rows.push({ text, label: 'none', weight: COACHING_WEIGHT, source: 'coaching', fold: index % FOLDS }));
  // Whole scripted coaching conversations of people in no danger (corpus.ts), as ordinary talk.
  if (process.env.CRISIS_CONVERSATIONS !== '0') conversationClientMessages().forEach((text, index) => rows.push({ text, label: 'none', weight: ANNOMI_WEIGHT, source: 'annomi', fold: index % FOLDS }));
  // The simulated clients' lines are a client's ordinary talk too ("so here I am… I hope this won't take long").
  personaLines().forEach((text, index) => rows.push({ text, label: 'none', weight: ANNOMI_WEIGHT, source: 'annomi', fold: index % FOLDS }));
  return rows;
}

/**
 * The clauses of safe text (ordinary talk and the development sets' safe rows), as the screen cuts
 * them, each a 'none' example of its own in its text's fold: the screen scores every clause of a
 * message on its own, so the model learns that a clause cut from ordinary talk ("my husband said to
 * me last week", "cutting down these last cigarettes") is ordinary too. Trained on, never scored.
 */
function clauseExamples(rows: Example[], screenClause: RegExp): Example[] {
  const out: Example[] = [];
  for (const row of rows) {
    if (row.label !== 'none' || row.source === 'lexicon' || row.source === 'clause') continue;
    const form = normalise(row.text);
    for (const clause of new Set(screenClauses(form, screenClause))) {
      if (clause !== form) out.push({ text: clause, label: 'none', weight: row.weight * CLAUSE_WEIGHT, source: 'clause', fold: row.fold });
    }
  }
  return out;
}

/** The written form the screen reads (chat spelling and typos of crisis words rewritten), as served. */
let normalise: (text: string) => string = (text) => text;
let vectors: WordVectors | null = null;

function train(rows: Example[], provenance: Record<string, unknown>, thresholds: CrisisThresholds): CrisisModel {
  const scale = vectors ? VECTOR_SCALE : 0;
  const layer = trainLinearLayer(rows, CRISIS_LABELS, (row) => crisisFeatures(normalise(row.text), vectors, scale), CRISIS_TRAINING, provenance);
  return { format: CRISIS_MODEL_FORMAT, labels: [...CRISIS_LABELS], bias: layer.bias, weights: layer.weights, thresholds, ...(scale > 0 ? { vectorScale: scale, vectorPooling: 'mean' as const } : {}), trainedOn: layer.trainedOn };
}

function main(): void {
  // Every development set but NOT_TRAINED_ON (corpus.ts), each one fold of the cross-validation.
  const sets = trainingSets();
  FOLDS = sets.length;
  const dev = sets.flatMap((name, fold) => readCorpus(name).map((row) => ({ row, fold })));
  const content = loadSafetyContent();
  vectors = VECTOR_SCALE > 0 ? content.vectors : null;
  const baseRows = examples(dev, content);
  // Words seen twice or more are never typo-corrected (as served: the words the model knows).
  const counts = new Map<string, number>();
  for (const row of baseRows) for (const word of new Set(lexiconText(row.text).match(/[a-z]+/g) ?? [])) counts.set(word, (counts.get(word) ?? 0) + 1);
  const knownWords = new Set([...counts].filter(([, count]) => count >= 2).map(([word]) => word));
  normalise = createCrisisScreen({ ...content, knownWords }).normalise;
  const clauseRows = CLAUSE_WEIGHT > 0 ? clauseExamples(baseRows, clauseBreak(content.clauses, 'screen-clause')) : [];
  console.log(`${baseRows.length} examples and ${clauseRows.length} clauses of safe text`);
  const rows = [...baseRows, ...clauseRows];
  // The patterns alone (never the shipped model, which was trained on these rows).
  const patterns = createCrisisScreen({ ...content, model: null, knownWords });
  const evalClients = evalClientMessages();
  const scored: Scored[] = [];
  // For experiments: CRISIS_FOLDS_ONLY=2 scores only those folds and writes nothing (names or numbers);
  // with CRISIS_WRITE=1 it writes the model all the same, its out-of-fold figures those folds' only.
  const only = process.env.CRISIS_FOLDS_ONLY?.split(',').map((fold) => (/^\d+$/.test(fold) ? Number(fold) : sets.indexOf(fold as (typeof sets)[number])));
  const writeAnyway = process.env.CRISIS_WRITE === '1';
  // CRISIS_FIXED_THRESHOLDS=1 keeps the shipped bars (content/models/crisis.json) instead of searching them.
  const fixedThresholds = process.env.CRISIS_FIXED_THRESHOLDS === '1' ? content.thresholds : null;
  for (let fold = 0; fold < FOLDS; fold += 1) {
    if (only && !only.includes(fold)) continue;
    const started = Date.now();
    const model = train(rows.filter((row) => row.fold !== fold), { fold }, { crisis: 2, check: 2 });
    const screen = createCrisisScreen({ ...content, model, thresholds: { crisis: 2, check: 2 }, alwaysScore: true });
    // With the veto at its top, every alarm of suicide patterns alone turns into the check question.
    const vetoProbe = createCrisisScreen({ ...content, model, knownWords, thresholds: { crisis: 2, check: 2, patternVeto: 1 }, alwaysScore: true });
    const setName = sets[fold];
    const score = (text: string, kind: Scored['kind'], context: 'client' | 'rehearse' = 'client'): Scored => {
      const none = { danger: 0, concern: 0 };
      const scores = screen.scoreOnly(text, { context }) ?? { ...none, clauses: none };
      const pattern = patterns(text, { context }).tier;
      const vetoable = pattern === 'crisis' && vetoProbe(text, { context }).tier === 'check';
      return { kind, pattern, vetoable, danger: scores.danger, concern: scores.concern, clauseDanger: scores.clauses.danger, clauseConcern: scores.clauses.concern, fold };
    };
    for (const row of rows.filter((candidate) => candidate.fold === fold && candidate.source !== 'clause')) {
      if (row.row) scored.push({ ...score(row.text, row.row.label === 'crisis' ? 'crisis' : row.row.label === 'check' ? 'check' : 'safe', rowContext(row.row.kind)), rowKind: row.row.kind });
      else scored.push(score(row.text, row.source === 'coaching' ? 'coaching' : 'ordinary'));
    }
    // The evaluation clients are never trained on: each fold model scores a fifth of them.
    evalClients.forEach((text, index) => {
      if (index % FOLDS === fold) scored.push(score(text, 'ordinary'));
    });
    console.log(`fold ${fold} (${setName} out): trained and scored in ${Date.now() - started} ms`);
  }
  const show = (label: string, thresholds: CrisisThresholds) => {
    const f = figures(scored, thresholds);
    const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
    console.log(`${label} ${JSON.stringify(thresholds)}: recall ${pct(f.recall)}, help or check ${pct(f.recallWithCheck)}, false alarms ${pct(f.falseAlarms)}, checks on safe ${pct(f.safeChecks)}, ambiguous answered ${pct(f.ambiguousAnswered)}; ordinary talk (AnnoMI, eval clients) alarms ${pct(f.ordinaryAlarms)}, alarms or checks ${pct(f.ordinaryConcerns)}; coaching sentences alarms ${pct(f.coachingAlarms)}, alarms or checks ${pct(f.coachingConcerns)}`);
    return f;
  };
  const off = { crisis: 2, check: 2 };
  const patternsOnly = show('patterns only', off);
  const chosen = chooseThresholds(scored, patternsOnly, show);
  const { crisis, clauseCrisis, patternVeto, check, clauseCheck } = chosen;
  // The diffuse-alarm rule is chosen by hand (docs/safety.md, seventh session) and kept from the shipped file.
  const diffuse = content.thresholds.diffuse;
  const thresholds: CrisisThresholds = fixedThresholds ?? { crisis, check, clauseCrisis, clauseCheck, ...(patternVeto > 0 ? { patternVeto } : {}), ...(diffuse ? { diffuse } : {}) };
  // For the record: the check bar's trade-off (the model's check on more crisis rows, and on more ordinary talk).
  for (const candidate of GRID.filter((value) => value <= crisis)) show('  check trade-off', { crisis, check: candidate, clauseCrisis, clauseCheck: Math.max(candidate, clauseCheck), patternVeto });
  // The scores out of fold, without any text, for threshold studies (CRISIS_SCORED_PATH).
  if (process.env.CRISIS_SCORED_PATH) writeFileSync(process.env.CRISIS_SCORED_PATH, `${JSON.stringify(scored)}\n`);
  if (only && !writeAnyway) {
    show('chosen (experiment, nothing written)', thresholds);
    return;
  }
  const scoredFolds = sets.filter((_, fold) => !only || only.includes(fold));
  const crossValidated = show('chosen', thresholds);
  // Each writer's set as scored by the model that never saw it (ordinary talk of that fold beside it).
  sets.forEach((name, fold) => {
    if (!scoredFolds.includes(name)) return;
    const f = figures(scored.filter((item) => item.fold === fold), thresholds);
    const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
    console.log(`  ${name} out of fold: recall ${pct(f.recall)}, help or check ${pct(f.recallWithCheck)}, false alarms ${pct(f.falseAlarms)}, checks on safe ${pct(f.safeChecks)}`);
  });
  // Out of fold by kind: crisis kinds (help at once, help or check) and safe kinds (alarms, checks).
  const byKind = (label: 'crisis' | 'safe') => {
    const kinds = [...new Set(scored.filter((item) => item.kind === label).map((item) => item.rowKind ?? '?'))].sort();
    return Object.fromEntries(kinds.map((kind) => {
      const items = scored.filter((item) => item.kind === label && item.rowKind === kind);
      const tiers = items.map((item) => decide(item, thresholds));
      return [kind, { rows: items.length, alarms: tiers.filter((tier) => tier === 'crisis').length, checks: tiers.filter((tier) => tier === 'check').length }];
    }));
  };
  const crisisKinds = byKind('crisis');
  const safeKinds = byKind('safe');
  const pctOf = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
  for (const [kind, k] of Object.entries(crisisKinds)) console.log(`  crisis ${kind}: help at once ${pctOf(k.alarms, k.rows)}, help or check ${pctOf(k.alarms + k.checks, k.rows)} (${k.rows})`);
  for (const [kind, k] of Object.entries(safeKinds)) console.log(`  safe ${kind}: alarms ${pctOf(k.alarms, k.rows)}, checks ${pctOf(k.checks, k.rows)} (${k.rows})`);
  const bySet = Object.fromEntries(sets.flatMap((name, fold) => (scoredFolds.includes(name) ? [[name, figures(scored.filter((item) => item.fold === fold), thresholds)]] : [])));
  const model = train(rows, {
    data: `training/safety ${sets.map((name) => `${name}.jsonl`).join(' + ')}, lexicon examples, AnnoMI client turns${process.env.CRISIS_CONVERSATIONS !== '0' ? `, the client messages of eval/${CONVERSATION_TRAINING_FOLDERS.join(', eval/')}` : ''} and every sentence of training/understanding as ordinary talk`,
    devSets: sets,
    devRows: dev.length,
    crossValidation: only ? `by writer, only the folds of ${scoredFolds.join(', ')} (each scored by a model trained on every other set)` : 'by writer: each development set one fold',
    thresholdsChosen: fixedThresholds ? 'kept as shipped (CRISIS_FIXED_THRESHOLDS)' : 'by the cross-validation',
    crossValidated,
    crossValidatedBySet: bySet,
    crossValidatedByKind: { crisis: crisisKinds, safe: safeKinds },
    patternsOnly,
    aims: AIMS,
  }, thresholds);
  const path = process.env.CRISIS_MODEL_PATH ?? join(CONTENT_DIRECTORY, 'models', 'crisis.json');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(model)}\n`);
  console.log(`wrote ${path} (${Object.keys(model.weights).length} features)`);
}

main();
