/**
 * How well the session-level figures the feedback report shows (% open questions, reflections per
 * question, % complex reflections) match the same figures computed from AnnoMI's gold labels, one
 * conversation at a time: session-level figures are what users read, not single labels.
 *
 * Each conversation is labelled by a classifier trained without it (5-fold cross-validation grouped
 * by conversation, the shipped set-up: model plus rules), then the figures of the predicted and the
 * gold labels are compared per conversation: mean absolute error, mean difference (bias), and the
 * intraclass correlation ICC(2,1) (two-way random effects, absolute agreement, single rater).
 * Writes the table into docs/classifier.md between <!-- session-figures:start --> and
 * <!-- session-figures:end -->.
 *
 * Usage: npx tsx eval/session-figures.ts [--no-write]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClassifier } from '../server/classify/classifier.js';
import { foldsByTranscript, readDataset } from '../server/classify/dataset.js';
import { SEED_EXAMPLES } from '../server/classify/seed-examples.js';
import { trainTwoStageModel } from '../server/classify/train.js';
import { UTTERANCE_LABELS, type UtteranceLabel } from '../server/domain/schemas.js';
import { sessionFigures } from '../server/persona/feedback.js';

const DOC = fileURLToPath(new URL('../docs/classifier.md', import.meta.url));
const START = '<!-- session-figures:start -->';
const END = '<!-- session-figures:end -->';
const FOLDS = 5;
/** A conversation needs this many questions (or reflections) for its percentage to mean anything. */
const MIN_ITEMS = 3;

type Figures = ReturnType<typeof sessionFigures>;
type FigureKey = keyof Figures;

const rows = readDataset();
const foldOf = foldsByTranscript(rows, FOLDS);
const predicted = new Array<UtteranceLabel>(rows.length);
for (let fold = 0; fold < FOLDS; fold += 1) {
  const classifier = createClassifier(trainTwoStageModel([...rows.filter((row) => foldOf.get(row.transcript) !== fold), ...SEED_EXAMPLES]));
  rows.forEach((row, index) => {
    if (foldOf.get(row.transcript) === fold) predicted[index] = classifier.classify({ text: row.text, previousClient: row.previousClient }).label;
  });
}

const zero = () => Object.fromEntries(UTTERANCE_LABELS.map((label) => [label, 0])) as Record<UtteranceLabel, number>;
const byConversation = new Map<string, { gold: Record<UtteranceLabel, number>; predicted: Record<UtteranceLabel, number> }>();
rows.forEach((row, index) => {
  const entry = byConversation.get(String(row.transcript)) ?? { gold: zero(), predicted: zero() };
  entry.gold[row.label] += 1;
  entry.predicted[predicted[index]!] += 1;
  byConversation.set(String(row.transcript), entry);
});

/** ICC(2,1) for two raters (gold, predicted) over n targets (Shrout & Fleiss 1979). */
function icc(pairs: [number, number][]): number {
  const n = pairs.length;
  const k = 2;
  const grand = pairs.reduce((sum, [a, b]) => sum + a + b, 0) / (n * k);
  const rowMeans = pairs.map(([a, b]) => (a + b) / 2);
  const colMeans = [0, 1].map((column) => pairs.reduce((sum, pair) => sum + pair[column]!, 0) / n);
  const ssRows = k * rowMeans.reduce((sum, mean) => sum + (mean - grand) ** 2, 0);
  const ssCols = n * colMeans.reduce((sum, mean) => sum + (mean - grand) ** 2, 0);
  const ssTotal = pairs.reduce((sum, [a, b]) => sum + (a - grand) ** 2 + (b - grand) ** 2, 0);
  const ssError = ssTotal - ssRows - ssCols;
  const msRows = ssRows / (n - 1);
  const msCols = ssCols / (k - 1);
  const msError = ssError / ((n - 1) * (k - 1));
  return (msRows - msError) / (msRows + (k - 1) * msError + (k * (msCols - msError)) / n);
}

const FIGURES: { key: FigureKey; title: string; counts: (counts: Record<UtteranceLabel, number>) => number; unit: string }[] = [
  { key: 'percentOpenQuestions', title: '% open questions', counts: (c) => c.question_open + c.question_closed, unit: 'points' },
  { key: 'reflectionToQuestionRatio', title: 'reflections per question (R:Q)', counts: (c) => c.question_open + c.question_closed, unit: '' },
  { key: 'percentComplexReflections', title: '% complex reflections', counts: (c) => c.reflection_simple + c.reflection_complex, unit: 'points' },
];

const lines: string[] = [];
for (const figure of FIGURES) {
  // A conversation counts when it has enough items by both the gold labels and the predicted ones.
  const pairs: [number, number][] = [];
  for (const { gold, predicted: guess } of byConversation.values()) {
    if (figure.counts(gold) < MIN_ITEMS || figure.counts(guess) < MIN_ITEMS) continue;
    pairs.push([sessionFigures(gold)[figure.key], sessionFigures(guess)[figure.key]]);
  }
  const mae = pairs.reduce((sum, [a, b]) => sum + Math.abs(a - b), 0) / pairs.length;
  const bias = pairs.reduce((sum, [a, b]) => sum + (b - a), 0) / pairs.length;
  const meanGold = pairs.reduce((sum, [a]) => sum + a, 0) / pairs.length;
  const digits = figure.key === 'reflectionToQuestionRatio' ? 2 : 1;
  lines.push(`| ${figure.title} | ${pairs.length} | ${meanGold.toFixed(digits)} | ${mae.toFixed(digits)} | ${bias >= 0 ? '+' : ''}${bias.toFixed(digits)} | ${icc(pairs).toFixed(2)} |`);
}

const section = `${START}
Per conversation, on the ${byConversation.size} AnnoMI development conversations (\`annomi-dev.jsonl\`, ${rows.length} therapist utterances), each labelled by a classifier trained without it (${FOLDS}-fold cross-validation grouped by conversation; the shipped model plus its rules). A conversation counts for a figure when both the gold and the predicted labels give it at least ${MIN_ITEMS} questions (or reflections, for % complex). ICC is ICC(2,1), absolute agreement; bias is predicted minus gold.

| figure the report shows | conversations | mean (gold) | mean absolute error | bias | ICC(2,1) |
|---|---:|---:|---:|---:|---:|
${lines.join('\n')}

Reproduce: \`npx tsx eval/session-figures.ts\`.
${END}`;

console.log(section);
if (!process.argv.includes('--no-write')) {
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Classifier\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n## Session-level figures against the gold labels\n\n${section}\n`;
  writeFileSync(DOC, next);
}
