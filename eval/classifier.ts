import { loadUtteranceModel } from '../server/content/load-content.js';
/**
 * Evaluates the utterance classifier with cross-validation grouped by transcript (no conversation is
 * ever in both the training and the test part), compares it with the first-word rule, times a
 * 200-utterance transcript, and writes the results into docs/quality.md between
 * <!-- classifier:start --> and <!-- classifier:end -->.
 *
 * Usage: npm run eval:classifier [-- --folds 5] [-- --partitions 24] [-- --no-write]
 * --partitions N repeats the cross-validation over N more seeded groupings of the conversations and
 * reports the mean and range of the main figures (about 9 s per grouping).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { UTTERANCE_LABELS, type UtteranceLabel } from '../server/domain/schemas.js';
import { classifyMany, createClassifier, type ClassifierInput } from '../server/classify/classifier.js';
import { foldsByTranscript, readDataset, seededFoldsByTranscript, type DatasetRow } from '../server/classify/dataset.js';
import { extractFeatures } from '../server/classify/features.js';
import { firstWordRule } from '../server/classify/first-word-rule.js';
import { BEHAVIOURS, behaviourOf } from '../server/classify/labels.js';
import { accuracy, classReports, cohensKappa, confusionMatrix } from '../server/classify/metrics.js';
import { predictLabel, predictProbabilities } from '../server/classify/model.js';
import { extractOpenClosedFeatures, extractQuestionFeatures } from '../server/classify/question-features.js';
import { SEED_EXAMPLES } from '../server/classify/seed-examples.js';
import { DEFAULT_TRAINING_OPTIONS, OPEN_CLOSED_TRAINING_OPTIONS, trainTwoStageModel } from '../server/classify/train.js';


const QUALITY_PATH = fileURLToPath(new URL('../docs/quality.md', import.meta.url));
const CLASSIFY_SCRIPT = fileURLToPath(new URL('../scripts/classify.ts', import.meta.url));
const START_MARKER = '<!-- classifier:start -->';
const END_MARKER = '<!-- classifier:end -->';

const argumentsList = process.argv.slice(2);
const foldOption = argumentsList.indexOf('--folds');
const foldCount = foldOption >= 0 ? Number(argumentsList[foldOption + 1]) : 5;
const shouldWrite = !argumentsList.includes('--no-write');
const partitionOption = argumentsList.indexOf('--partitions');
const partitionCount = partitionOption >= 0 ? Number(argumentsList[partitionOption + 1]) : 0;

interface Scores {
  kappa4: number;
  accuracy4: number;
  kappa6: number;
  accuracy6: number;
  matrix4: number[][];
  matrix6: number[][];
  /** Open vs closed among utterances that are questions and were predicted to be questions. */
  openClosed: { correct: number; total: number };
  simpleComplex: { correct: number; total: number };
}

function score(truth: UtteranceLabel[], predicted: UtteranceLabel[]): Scores {
  const matrix6 = confusionMatrix(UTTERANCE_LABELS, truth, predicted);
  const matrix4 = confusionMatrix(BEHAVIOURS, truth.map(behaviourOf), predicted.map(behaviourOf));
  const openClosed = { correct: 0, total: 0 };
  const simpleComplex = { correct: 0, total: 0 };
  truth.forEach((trueLabel, index) => {
    const predictedLabel = predicted[index]!;
    if (behaviourOf(trueLabel) !== behaviourOf(predictedLabel)) return;
    const bucket = behaviourOf(trueLabel) === 'question' ? openClosed : behaviourOf(trueLabel) === 'reflection' ? simpleComplex : null;
    if (!bucket) return;
    bucket.total += 1;
    if (trueLabel === predictedLabel) bucket.correct += 1;
  });
  return {
    kappa4: cohensKappa(matrix4),
    accuracy4: accuracy(matrix4),
    kappa6: cohensKappa(matrix6),
    accuracy6: accuracy(matrix6),
    matrix4,
    matrix6,
    openClosed,
    simpleComplex,
  };
}

interface CrossValidation {
  /** Both stages (the shipped set-up). */
  predicted: UtteranceLabel[];
  /** The six-label first stage alone, for comparison. */
  firstStage: UtteranceLabel[];
  foldKappas: number[];
  foldOpenClosed: Array<{ correct: number; total: number }>;
  foldOpenClosedFirstStage: Array<{ correct: number; total: number }>;
  /**
   * The second stage applied to every annotated question, whatever the first stage says: a fixed set,
   * so it measures open/closed discrimination alone, unaffected by which utterances are found.
   */
  openClosedAllQuestions: { correct: number; total: number };
}

function crossValidate(rows: DatasetRow[], foldOf = foldsByTranscript(rows, foldCount)): CrossValidation {
  const predicted = new Array<UtteranceLabel>(rows.length);
  const firstStage = new Array<UtteranceLabel>(rows.length);
  const result: CrossValidation = { predicted, firstStage, foldKappas: [], foldOpenClosed: [], foldOpenClosedFirstStage: [], openClosedAllQuestions: { correct: 0, total: 0 } };
  for (let fold = 0; fold < foldCount; fold += 1) {
    const model = trainTwoStageModel([...rows.filter((row) => foldOf.get(row.transcript) !== fold), ...SEED_EXAMPLES]);
    // The shipped classifier: the model plus the rules of server/classify/rules.ts.
    const classifier = createClassifier(model);
    const testIndices = rows.map((row, index) => (foldOf.get(row.transcript) === fold ? index : -1)).filter((index) => index >= 0);
    for (const index of testIndices) {
      const row = rows[index]!;
      predicted[index] = classifier.classify({ text: row.text, previousClient: row.previousClient }).label;
      const features = extractFeatures(row.text, row.previousClient);
      firstStage[index] = predictLabel(model, features).label;
      if (model.openClosed && behaviourOf(row.label) === 'question') {
        const open = (predictProbabilities(model.openClosed, extractOpenClosedFeatures(row.text, row.previousClient, features))[0] ?? 0.5) >= 0.5;
        result.openClosedAllQuestions.total += 1;
        if (open === (row.label === 'question_open')) result.openClosedAllQuestions.correct += 1;
      }
    }
    const foldTruth = testIndices.map((index) => rows[index]!.label);
    const foldScores = score(foldTruth, testIndices.map((index) => predicted[index]!));
    result.foldKappas.push(foldScores.kappa4);
    result.foldOpenClosed.push(foldScores.openClosed);
    result.foldOpenClosedFirstStage.push(score(foldTruth, testIndices.map((index) => firstStage[index]!)).openClosed);
  }
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timeTranscript(rows: DatasetRow[]): { coldMs: number; medianMs: number; runs: number; cliMedianMs: number | null } {
  const transcript: ClassifierInput[] = [];
  for (let index = 0; transcript.length < 200; index = (index + 1) % rows.length) {
    const row = rows[index]!;
    transcript.push({ text: row.text, previousClient: row.previousClient });
  }
  const coldStart = performance.now();
  // The shipped classifier (content/models/utterance-classifier.json), read and parsed inside the first run.
  const offlineClassifier = createClassifier(loadUtteranceModel());
  classifyMany(transcript, offlineClassifier);
  const coldMs = performance.now() - coldStart;
  const runs = 25;
  const durations: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    classifyMany(transcript, offlineClassifier);
    durations.push(performance.now() - start);
  }

  // End to end through the command-line tool, process start included.
  let cliMedianMs: number | null = null;
  try {
    const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
    const input = transcript.map((item) => JSON.stringify({ text: item.text, previous_client: item.previousClient })).join('\n') + '\n';
    const cliDurations: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      const result = spawnSync(process.execPath, [tsxCli, CLASSIFY_SCRIPT], { input, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      cliDurations.push(performance.now() - start);
    }
    cliMedianMs = median(cliDurations);
  } catch (error) {
    console.error(`command-line timing skipped: ${String(error)}`);
  }
  return { coldMs, medianMs: median(durations), runs, cliMedianMs };
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const fixed = (value: number): string => value.toFixed(3);

function matrixTable(labels: readonly string[], matrix: number[][]): string {
  const header = `| true \\ predicted | ${labels.join(' | ')} |\n|---|${labels.map(() => '---:').join('|')}|`;
  const body = matrix.map((row, index) => `| ${labels[index]} | ${row.join(' | ')} |`).join('\n');
  return `${header}\n${body}`;
}

function reportTable(labels: readonly string[], matrix: number[][]): string {
  const lines = classReports(labels, matrix).map(
    (report) => `| ${report.label} | ${fixed(report.precision)} | ${fixed(report.recall)} | ${fixed(report.f1)} | ${report.support} |`,
  );
  return `| label | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n${lines.join('\n')}`;
}

function writeSection(section: string): void {
  const block = `${START_MARKER}\n${section}\n${END_MARKER}`;
  const current = existsSync(QUALITY_PATH) ? readFileSync(QUALITY_PATH, 'utf8') : '# Quality\n';
  const start = current.indexOf(START_MARKER);
  const end = current.indexOf(END_MARKER);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + block + current.slice(end + END_MARKER.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(QUALITY_PATH, next);
}

const started = performance.now();
const rows = readDataset();
const truth = rows.map((row) => row.label);
const { predicted, firstStage, foldKappas, foldOpenClosed, foldOpenClosedFirstStage, openClosedAllQuestions } = crossValidate(rows);
const model = score(truth, predicted);
const firstStageScores = score(truth, firstStage);
const baseline = score(truth, rows.map((row) => firstWordRule(row.text)));
const singleIndices = rows.map((row, index) => (row.weight === 1 ? index : -1)).filter((index) => index >= 0);
const single = score(
  singleIndices.map((index) => truth[index]!),
  singleIndices.map((index) => predicted[index]!),
);
/**
 * Pairwise agreement between annotators on the utterances several of them labelled: a ceiling for
 * what any classifier can reach on these labels.
 */
function annotatorAgreement(dataset: DatasetRow[]): { behaviour: number; openClosed: number; simpleComplex: number } {
  const groups = new Map<string, UtteranceLabel[]>();
  for (const row of dataset) {
    if (row.weight === 1) continue;
    const key = `${row.transcript}#${row.utterance}`;
    groups.set(key, [...(groups.get(key) ?? []), row.label]);
  }
  const tallies = { behaviour: [0, 0], openClosed: [0, 0], simpleComplex: [0, 0] };
  for (const labels of groups.values()) {
    for (let first = 0; first < labels.length; first += 1) {
      for (let second = first + 1; second < labels.length; second += 1) {
        const [left, right] = [labels[first]!, labels[second]!];
        tallies.behaviour[0]! += behaviourOf(left) === behaviourOf(right) ? 1 : 0;
        tallies.behaviour[1]! += 1;
        if (behaviourOf(left) !== behaviourOf(right)) continue;
        const tally = behaviourOf(left) === 'question' ? tallies.openClosed : behaviourOf(left) === 'reflection' ? tallies.simpleComplex : null;
        if (!tally) continue;
        tally[0]! += left === right ? 1 : 0;
        tally[1]! += 1;
      }
    }
  }
  const share = ([agree, total]: number[]): number => (total ? agree! / total : 0);
  return { behaviour: share(tallies.behaviour), openClosed: share(tallies.openClosed), simpleComplex: share(tallies.simpleComplex) };
}
const agreement = annotatorAgreement(rows);

/**
 * How each single-annotated conversation labels yes/no questions (those starting with an auxiliary:
 * "do you...", "is it..."): the clearest sign that the open/closed convention belongs to the annotator.
 */
function yesNoConventions(dataset: DatasetRow[]): { allOpen: number[]; noneOpen: number[]; mixed: number[]; conversations: number } {
  const tallies = new Map<string, { open: number; total: number }>();
  for (const row of dataset) {
    if (row.weight !== 1 || behaviourOf(row.label) !== 'question' || !extractQuestionFeatures(row.text).has('kind:aux')) continue;
    const tally = tallies.get(row.transcript) ?? { open: 0, total: 0 };
    tally.total += 1;
    if (row.label === 'question_open') tally.open += 1;
    tallies.set(row.transcript, tally);
  }
  const counted = [...tallies.values()].filter((tally) => tally.total >= 2);
  return {
    allOpen: counted.filter((tally) => tally.open === tally.total).map((tally) => tally.total),
    noneOpen: counted.filter((tally) => tally.open === 0).map((tally) => tally.total),
    mixed: counted.filter((tally) => tally.open > 0 && tally.open < tally.total).map((tally) => tally.total),
    conversations: counted.length,
  };
}
const conventions = yesNoConventions(rows);
const questionsIn = (counts: number[]): number => counts.reduce((sum, value) => sum + value, 0);
const share = ({ correct, total }: { correct: number; total: number }): number => (total === 0 ? 0 : correct / total);

/** The main figures over `partitionCount` more groupings (seeds 1..N), each a full grouped CV. */
function repeatedPartitions(): string {
  if (partitionCount <= 0) return '';
  const figures = { openClosed: [] as number[], fixedSet: [] as number[], single: [] as number[], kappa: [] as number[] };
  for (let seed = 1; seed <= partitionCount; seed += 1) {
    const run = crossValidate(rows, seededFoldsByTranscript(rows, foldCount, seed));
    const scores = score(truth, run.predicted);
    const singleScores = score(singleIndices.map((index) => truth[index]!), singleIndices.map((index) => run.predicted[index]!));
    figures.openClosed.push(share(scores.openClosed));
    figures.fixedSet.push(share(run.openClosedAllQuestions));
    figures.single.push(share(singleScores.openClosed));
    figures.kappa.push(scores.kappa4);
  }
  const summary = (values: number[], format: (value: number) => string): string =>
    `${format(values.reduce((sum, value) => sum + value, 0) / values.length)} (${format(Math.min(...values))} to ${format(Math.max(...values))})`;
  return `

Over ${partitionCount} more groupings of the conversations into ${foldCount} folds (\`--partitions ${partitionCount}\`,
seeds 1-${partitionCount}), mean (lowest to highest): open vs closed among questions found
**${summary(figures.openClosed, percent)}**, single-annotated only ${summary(figures.single, percent)}, second stage on every
annotated question ${summary(figures.fixedSet, percent)}, kappa (4 behaviours) ${summary(figures.kappa, fixed)}.
One grouping can move open vs closed by a point or more, so this mean is the better estimate for
conversations the model has not seen.`;
}
const timing = timeTranscript(rows);
const transcriptCount = new Set(rows.map((row) => row.transcript)).size;
const meanFoldKappa = foldKappas.reduce((sum, value) => sum + value, 0) / foldKappas.length;
const spread = Math.sqrt(foldKappas.reduce((sum, value) => sum + (value - meanFoldKappa) ** 2, 0) / foldKappas.length);
const foldList = (folds: Array<{ correct: number; total: number }>): string => {
  const values = folds.map(share);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return `${values.map(percent).join(', ')} (mean ${percent(mean)}, lowest ${percent(Math.min(...values))})`;
};
const ratio = ({ correct, total }: { correct: number; total: number }): string => `${percent(total === 0 ? 0 : correct / total)} (${correct}/${total})`;

const section = `## Utterance classifier (active listening)

Reproduce: \`npm run eval:classifier\` (retrain the shipped model with \`npm run train:classifier\`).

Data: ${rows.length} therapist utterances from ${transcriptCount} AnnoMI conversations (\`annomi-dev.jsonl\`).
Method: ${foldCount}-fold cross-validation grouped by transcript (every conversation is tested by a model
that never saw it), training options ${JSON.stringify(DEFAULT_TRAINING_OPTIONS)} for the six-label first
stage and ${JSON.stringify(OPEN_CLOSED_TRAINING_OPTIONS)} for the open/closed second stage (trained on the
questions only, applied to utterances the first stage calls a question); the ${SEED_EXAMPLES.length}
hand-written coaching examples of \`server/classify/seed-examples.ts\` are added to every training part.
Two conversations were labelled by about ten annotators each; their copies are all scored, so the
figures include annotator disagreement; the "single-annotated" column leaves them out.

| metric | model (grouped CV) | model, single-annotated only | first-word rule | target |
|---|---:|---:|---:|---:|
| Cohen's kappa, 4 behaviours | **${fixed(model.kappa4)}** | ${fixed(single.kappa4)} | ${fixed(baseline.kappa4)} | >= 0.60 |
| accuracy, 4 behaviours | ${percent(model.accuracy4)} | ${percent(single.accuracy4)} | ${percent(baseline.accuracy4)} | |
| Cohen's kappa, 6 labels | ${fixed(model.kappa6)} | ${fixed(single.kappa6)} | ${fixed(baseline.kappa6)} | |
| accuracy, 6 labels | ${percent(model.accuracy6)} | ${percent(single.accuracy6)} | ${percent(baseline.accuracy6)} | |
| open vs closed, among questions found | **${ratio(model.openClosed)}** | ${ratio(single.openClosed)} | ${ratio(baseline.openClosed)} | >= 80% |
| open vs closed, first stage alone (before the second stage) | ${ratio(firstStageScores.openClosed)} | | | |
| open vs closed, second stage on every annotated question (fixed set) | ${ratio(openClosedAllQuestions)} | | | |
| annotated questions found (called a question) | ${ratio({ correct: model.matrix4[0]![0]!, total: model.matrix4[0]!.reduce((sum, value) => sum + value, 0) })} | | | |
| simple vs complex, among reflections found | ${ratio(model.simpleComplex)} | ${ratio(single.simpleComplex)} | ${ratio(baseline.simpleComplex)} | reported |

For scale: on the multiply-annotated utterances, two annotators agree on the behaviour
${percent(agreement.behaviour)} of the time, on open vs closed (when both say question) ${percent(agreement.openClosed)},
and on simple vs complex (when both say reflection) ${percent(agreement.simpleComplex)}.
Single-annotated conversations with at least two yes/no questions (auxiliary start): ${conventions.conversations};
in ${conventions.allOpen.length} of them every yes/no question is labelled open (${questionsIn(conventions.allOpen)} questions), in
${conventions.noneOpen.length} none is (${questionsIn(conventions.noneOpen)}), ${conventions.mixed.length} are mixed (${questionsIn(conventions.mixed)}): whether "do you...?" is open
depends mostly on who annotated the conversation, which no reading of the utterance can know.

Kappa (4 behaviours) per fold: ${foldKappas.map(fixed).join(', ')} (mean ${fixed(meanFoldKappa)}, sd ${fixed(spread)}).

Open vs closed per fold, both stages: ${foldList(foldOpenClosed)};
first stage alone: ${foldList(foldOpenClosedFirstStage)}.${repeatedPartitions()}

Timing of a 200-utterance transcript with the shipped model: median **${timing.medianMs.toFixed(1)} ms** over
${timing.runs} runs (first run, including loading utterance-classifier.json: ${timing.coldMs.toFixed(1)} ms; target < 100 ms).${
  timing.cliMedianMs === null ? '' : `\nThrough \`scripts/classify.ts\` as a new process (tsx start-up included): median ${timing.cliMedianMs.toFixed(0)} ms.`
}

### Per label (6 labels, grouped CV)

${reportTable(UTTERANCE_LABELS, model.matrix6)}

${matrixTable(UTTERANCE_LABELS, model.matrix6)}

### Per behaviour (grouped CV)

${reportTable(BEHAVIOURS, model.matrix4)}

${matrixTable(BEHAVIOURS, model.matrix4)}`;

console.log(section);
if (shouldWrite) {
  writeSection(section);
  console.error(`\nwrote ${QUALITY_PATH} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
