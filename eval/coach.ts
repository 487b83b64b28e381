import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runConversation, shippedContent } from './driver.js';
import {
  type Truth,
  type TurnFigures,
  addFigures,
  captureFigures,
  classifierTurnFigures,
  moveTurnFigures,
  partnershipFigures,
  percentile,
  repeatedQuestions,
  statementFigures,
} from './coach-metrics.js';

/**
 * `npm run eval:coach [-- folder ...]`: runs scripted clients through the offline coach, one table
 * per folder (default: eval/clients, eval/clients-dev2, eval/clients-dev3 and, when present, eval/clients-holdout),
 * and writes each folder's figures to docs/quality.md between the coach's markers; the figures
 * of folders not run this time are kept as they were.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The scored client sets, in the order their sections appear (the held-out one only when present). */
const CLIENT_SETS = ['eval/clients', 'eval/clients-dev2', 'eval/clients-dev3', 'eval/clients-holdout'];

const ClientSchema = z.object({
  id: z.string().optional(),
  voice: z.string().optional(),
  safetyOnly: z.boolean().optional(),
  messages: z.array(z.string().min(1)).min(1),
  truth: z.object({
    needs: z.array(z.object({ category: z.string(), quote: z.string() })).default([]),
    constraints: z.array(z.object({ kind: z.string(), quote: z.string() })).default([]),
    learningPreference: z.string().nullable().default(null),
    safety: z.array(z.object({ message: z.number().int(), flag: z.string() })).optional(),
  }),
});
type Client = z.infer<typeof ClientSchema> & { id: string; voice: string };

function loadClients(directory: string, warnings: string[]): Client[] {
  const name = relative(root, directory) || directory;
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = ClientSchema.safeParse(JSON.parse(readFileSync(join(directory, file), 'utf8')));
      if (!parsed.success) throw new Error(`${name}/${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      const client = { ...parsed.data, id: parsed.data.id ?? basename(file, '.json'), voice: parsed.data.voice ?? '—' };
      for (const need of client.truth.needs) if (!client.messages.some((message) => message.includes(need.quote))) warnings.push(`${name}/${file}: need quote not in any message: ${need.quote}`);
      for (const constraint of client.truth.constraints) if (!client.messages.some((message) => message.includes(constraint.quote))) warnings.push(`${name}/${file}: constraint quote not in any message: ${constraint.quote}`);
      return client;
    });
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(0)}%`);
const ratio = (part: number, whole: number) => (whole === 0 ? 'n/a' : (part / whole).toFixed(2));

function turnRows(label: string, figures: TurnFigures): string[] {
  return [
    `| ${label}: question turns that are open | ${percent(figures.openQuestionTurns, figures.questionTurns)} (${figures.openQuestionTurns}/${figures.questionTurns}) | ≥ 85% |`,
    `| ${label}: reflection turns : question turns | ${ratio(figures.reflectionTurns, figures.questionTurns)} (${figures.reflectionTurns}:${figures.questionTurns}) | ≥ 1, aim 2 |`,
    `| ${label}: turns labelled reflection | ${percent(figures.reflectionTurns, figures.turns)} (${figures.reflectionTurns}/${figures.turns}) | > 50% |`,
  ];
}

async function evaluateFolder(directory: string): Promise<{ name: string; section: string }> {
  const name = relative(root, directory) || directory;
  const warnings: string[] = [];
  const clients = loadClients(directory, warnings);
  const classifier = shippedContent.classifier;
  const classify = (input: { text: string; previousClient: string }) => classifier.classify(input);

  const rows: string[] = [];
  const timings: number[] = [];
  const totals = { coachTurns: 0, questions: 0, openQuestions: 0, reflections: 0, turnsReflectingContent: 0, needsTruth: 0, needsCaptured: 0, needsExtra: 0, constraintsTruth: 0, constraintsCaptured: 0, learningTruth: 0, learningCorrect: 0, repeats: 0, statements: 0, complete: 0, traceable: 0, confirmed: 0, finished: 0, coached: 0 };
  const byMoves: TurnFigures = { turns: 0, questionTurns: 0, openQuestionTurns: 0, reflectionTurns: 0 };
  const byClassifier: TurnFigures = { turns: 0, questionTurns: 0, openQuestionTurns: 0, reflectionTurns: 0 };
  const safetyNotes: string[] = [];

  for (const client of clients) {
    const result = await runConversation(client.messages);
    for (const turn of result.turns) if (turn.elapsedMs !== undefined) timings.push(turn.elapsedMs);
    if (client.safetyOnly) {
      for (const expected of client.truth.safety ?? []) {
        const coachTurn = result.turns.filter((turn) => turn.role === 'coach')[expected.message];
        const flagged = coachTurn?.understanding?.safety === expected.flag;
        const paused = coachTurn?.plan?.pauses === true;
        const resumed = !result.state.paused;
        safetyNotes.push(`${client.id}: message ${expected.message} flagged ${expected.flag}: ${flagged ? 'yes' : 'NO'}; coaching paused: ${paused ? 'yes' : 'NO'}; resumed when the client asked: ${resumed ? 'yes' : 'NO'}`);
      }
      continue;
    }
    totals.coached++;
    const partnership = partnershipFigures(result.turns);
    const capture = captureFigures(result.state, client.truth as Truth);
    const repeats = repeatedQuestions(result.turns);
    const statement = statementFigures(result.state, result.turns);
    const moveTurns = moveTurnFigures(result.turns);
    const classifiedTurns = classifierTurnFigures(result.turns, classify);
    addFigures(byMoves, moveTurns);
    addFigures(byClassifier, classifiedTurns);
    addFigures(totals, partnership);
    addFigures(totals, capture);
    addFigures(totals, {
      repeats: repeats.length,
      statements: statement.drafted ? 1 : 0,
      complete: statement.complete ? 1 : 0,
      traceable: statement.traceable ? 1 : 0,
      confirmed: statement.confirmed ? 1 : 0,
      finished: result.state.step === 'complete' ? 1 : 0,
    });
    rows.push(
      `| ${client.id} | ${client.voice} | ${percent(partnership.openQuestions, partnership.questions)} | ${percent(partnership.turnsReflectingContent, partnership.coachTurns)} | ${ratio(partnership.reflections, partnership.questions)} | ${percent(moveTurns.reflectionTurns, moveTurns.turns)} / ${percent(classifiedTurns.reflectionTurns, classifiedTurns.turns)} | ${capture.needsCaptured}/${capture.needsTruth} (+${capture.needsExtra}) | ${capture.constraintsCaptured}/${capture.constraintsTruth} | ${capture.learningCorrect}/${capture.learningTruth} | ${repeats.length} | ${statement.complete ? 'yes' : `no (${statement.missing.join(', ')})`} | ${statement.traceable ? 'yes' : 'no'} | ${result.state.step} |`,
    );
  }

  const median = percentile(timings, 0.5);
  const p95 = percentile(timings, 0.95);
  // The same clients again in the same process: what a serving process that has seen a few sessions pays
  // (the first pass still includes one-off regex compilation and JIT warm-up on new code paths).
  const warmTimings: number[] = [];
  for (const client of clients) {
    const again = await runConversation(client.messages);
    for (const turn of again.turns) if (turn.elapsedMs !== undefined) warmTimings.push(turn.elapsedMs);
  }
  const lines = [
    `### \`${name}\``,
    '',
    `Run over ${totals.coached} coaching clients${clients.length > totals.coached ? ` (plus ${clients.length - totals.coached} safety client${clients.length - totals.coached > 1 ? 's' : ''})` : ''}.`,
    '',
    '| figure | value | target |',
    '|---|---|---|',
    `| open questions in the partnership step (moves) | ${percent(totals.openQuestions, totals.questions)} (${totals.openQuestions}/${totals.questions}) | ≥ 85% |`,
    `| partnership coach turns reflecting the client's content | ${percent(totals.turnsReflectingContent, totals.coachTurns)} (${totals.turnsReflectingContent}/${totals.coachTurns}) | ≥ 50% |`,
    `| reflections : questions in the partnership step (moves) | ${ratio(totals.reflections, totals.questions)} (${totals.reflections}:${totals.questions}) | ≥ 1, aim 2 |`,
    ...turnRows('per turn, from moves', byMoves),
    ...turnRows('per turn, offline classifier', byClassifier),
    `| labelled needs captured with the right category and the quote as evidence | ${percent(totals.needsCaptured, totals.needsTruth)} (${totals.needsCaptured}/${totals.needsTruth}) | ≥ 80% |`,
    `| needs captured in categories not labelled (possible false positives) | ${totals.needsExtra} | — |`,
    `| labelled constraints captured with the right kind and quote | ${percent(totals.constraintsCaptured, totals.constraintsTruth)} (${totals.constraintsCaptured}/${totals.constraintsTruth}) | ≥ 80% |`,
    `| learning preference correct | ${percent(totals.learningCorrect, totals.learningTruth)} (${totals.learningCorrect}/${totals.learningTruth}) | ≥ 80% |`,
    `| questions repeated verbatim in a session | ${totals.repeats} | 0 |`,
    `| statements with goals, needs, success indicators and a first experiment | ${totals.complete}/${totals.coached} | all |`,
    `| statements whose parts all trace to a verbatim client quote | ${totals.traceable}/${totals.coached} | all |`,
    `| statements confirmed / sessions reaching \`complete\` | ${totals.confirmed}/${totals.coached} / ${totals.finished}/${totals.coached} | — |`,
    `| offline turn (understand + apply + plan + phrase), median / p95, first pass | ${median.toFixed(2)} ms / ${p95.toFixed(2)} ms (${timings.length} turns) | well under 10 ms |`,
    `| offline turn, median / p95, second pass in the same process | ${percentile(warmTimings, 0.5).toFixed(2)} ms / ${percentile(warmTimings, 0.95).toFixed(2)} ms | < 5 ms |`,
    '',
    '| client | voice | open q | turns reflecting | refl:q | reflection turns (moves / classifier) | needs | constraints | learning | repeats | statement complete | traceable | final step |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    ...(safetyNotes.length > 0 ? ['', ...safetyNotes.map((note) => `- Safety: ${note}`)] : []),
    ...(warnings.length > 0 ? ['', ...warnings.map((warning) => `- Warning: ${warning}`)] : []),
  ];
  return { name, section: lines.join('\n') };
}

const HEADER = [
  '## Offline coach',
  '',
  'Reproduce with `npm run eval:coach` (all sets) or `npm run eval:coach -- <folder> ...` (only those sets; the other tables below are kept as they were). Each scripted client is labelled with the needs, constraints and learning preference it voices; the clients do not adapt to the coach, so answers often do not match the question just asked.',
  '',
  'Move-based figures come from the coach\'s own planned moves: reflections count simple and complex reflections and summaries; questions count open, closed and needs-check moves (a needs check counts as open only when worded "what/how…"). A turn "reflects the client\'s content" when one of its reflective moves shares a content word with the client message it answers. Per-turn figures give each partnership-step coach turn ONE label, as an MI coder would (a turn holding a question is a question turn, open or closed by that question; a turn with reflections and no question is a reflection turn); the classifier rows label the turn\'s text independently with the project\'s offline classifier (`content/models/utterance-classifier.json`), given the client message it answers.',
  '',
  'Caveat: `eval/clients` was written by the engineer who wrote the lexicons, together with them, so its figures are optimistic; `eval/clients-dev2` was written independently by another person, but the needs lexicon and the experiment/confirmation patterns were then extended after reading its misses, so its capture figures are optimistic too; `eval/clients-holdout` was written by a third person who saw none of the coach, but it is not fully unseen: the lead scored it several times and read the transcripts of three of its clients (chef-on-the-pass, junior-doctor-nights, warehouse-night-supervisor); a few of their sentences then reached the instructions of engineers who wrote wording rules, tests and training data. The training data was scrubbed of every sentence close to a scored client\'s (`npm run check:training`), but some wording and plan-parsing rules were written from those lines, so figures for those three clients are optimistic; the other five are unseen. The scoring clients written by others are the fairer test. Since then: `eval/clients-dev3` (10 clients) was written by a fourth person who saw none of the coach; the lead read its transcripts and fixed what they showed (goals taken from the time on hand or a story\'s first line, a "the statement\'s fine" not heard as a yes, headings like "Learning?" not understood), so it is now a development set too, though no training sentence came from it; and a few `eval/clients-dev2` sentences were paraphrased as examples in the briefs of the engineers who wrote the newest training files (near-copies were then scrubbed), so dev2\'s capture figures are optimistic.',
].join('\n');

function setMarkers(name: string): [string, string] {
  return [`<!-- coach-set:${name}:start -->`, `<!-- coach-set:${name}:end -->`];
}

function writeDocs(sections: { name: string; section: string }[]): void {
  const qualityPath = join(root, 'docs/quality.md');
  const start = '<!-- coach:start -->';
  const end = '<!-- coach:end -->';
  let document = existsSync(qualityPath) ? readFileSync(qualityPath, 'utf8') : '# Quality\n\n';
  const previous = document.includes(start) && document.includes(end) ? document.slice(document.indexOf(start) + start.length, document.indexOf(end)) : '';
  // Keep the tables of sets not run this time.
  const kept = new Map<string, string>();
  for (const match of previous.matchAll(/<!-- coach-set:(.+?):start -->\n([\s\S]*?)\n<!-- coach-set:\1:end -->/g)) kept.set(match[1]!, match[2]!);
  for (const { name, section } of sections) kept.set(name, section);
  const order = CLIENT_SETS;
  const names = [...kept.keys()].sort((first, second) => (order.indexOf(first) + 1 || 99) - (order.indexOf(second) + 1 || 99) || first.localeCompare(second));
  const body = names.map((name) => {
    const [open, close] = setMarkers(name);
    return `${open}\n${kept.get(name)}\n${close}`;
  });
  const block = `${start}\n${HEADER}\n\n${body.join('\n\n')}\n${end}`;
  if (document.includes(start) && document.includes(end)) {
    document = document.slice(0, document.indexOf(start)) + block + document.slice(document.indexOf(end) + end.length);
  } else {
    document = `${document.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(qualityPath, document);
}

const WARM_UP = [
  'Hello, I want to talk about my team.',
  'About 30 minutes. Yes, happy to go on.',
  "I keep doing everything myself because handing work over feels risky, and I'm exhausted.",
  'We have no budget for extra people this year.',
  "I'd know it's working when I leave by six twice a week.",
  'I learn best by trying things and getting feedback.',
  "I'm good at explaining things. I could try handing the weekly report to Sam for the next two weeks.",
  "Yes, that's it.",
  "I'll hand the report to Sam by next Friday. I'll count how many evenings I leave by six.",
  "I'm committed. Confidence 7 out of 10.",
  'The risk is I take it back when it gets busy. Check in every two weeks on Mondays.',
  'Thanks, that was helpful.',
];

async function main() {
  const given = process.argv.slice(2).filter((argument) => !argument.startsWith('-'));
  const folders = (given.length > 0 ? given : CLIENT_SETS.filter((folder, index) => index === 0 || existsSync(join(root, folder))))
    .map((folder) => resolve(process.cwd(), folder))
    .filter((folder) => {
      if (existsSync(folder)) return true;
      process.stderr.write(`skipping ${folder}: no such folder\n`);
      return false;
    });
  // Warm-up: the first run pays for module loading, model loading and regex/JIT compilation, which
  // a serving process pays once. One synthetic conversation through every step (not from any set).
  await runConversation(WARM_UP);
  const sections: { name: string; section: string }[] = [];
  for (const folder of folders) {
    const result = await evaluateFolder(folder);
    sections.push(result);
    process.stdout.write(`${result.section}\n\n`);
  }
  writeDocs(sections);
}

await main();
