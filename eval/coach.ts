import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { promptBank } from '../server/coach/prompt-bank.js';
import { runConversation } from './driver.js';
import { type Truth, captureFigures, partnershipFigures, percentile, repeatedQuestions, statementFigures } from './coach-metrics.js';

/**
 * `npm run eval:coach`: runs the scripted clients of eval/clients through the offline coach and
 * writes the figures to docs/quality.md between the coach's markers (other sections untouched).
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ClientSchema = z.object({
  id: z.string(),
  voice: z.string(),
  safetyOnly: z.boolean().optional(),
  messages: z.array(z.string().min(1)).min(1),
  truth: z.object({
    needs: z.array(z.object({ category: z.string(), quote: z.string() })),
    constraints: z.array(z.object({ kind: z.string(), quote: z.string() })),
    learningPreference: z.string().nullable(),
    safety: z.array(z.object({ message: z.number().int(), flag: z.string() })).optional(),
  }),
});
type Client = z.infer<typeof ClientSchema>;

function loadClients(): Client[] {
  const directory = join(root, 'eval/clients');
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = ClientSchema.safeParse(JSON.parse(readFileSync(join(directory, file), 'utf8')));
      if (!parsed.success) throw new Error(`eval/clients/${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      for (const need of parsed.data.truth.needs) if (!parsed.data.messages.some((message) => message.includes(need.quote))) throw new Error(`eval/clients/${file}: need quote not in any message: ${need.quote}`);
      for (const constraint of parsed.data.truth.constraints) if (!parsed.data.messages.some((message) => message.includes(constraint.quote))) throw new Error(`eval/clients/${file}: constraint quote not in any message: ${constraint.quote}`);
      return parsed.data;
    });
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(0)}%`);

async function main() {
  promptBank();
  const clients = loadClients();
  // Warm-up: the first run pays for module and regex compilation, which a serving process pays once.
  await runConversation(clients[0]!.messages);

  const rows: string[] = [];
  const timings: number[] = [];
  const totals = { coachTurns: 0, questions: 0, openQuestions: 0, reflections: 0, reflecting: 0, needsTruth: 0, needsCaptured: 0, needsExtra: 0, constraintsTruth: 0, constraintsCaptured: 0, learningTruth: 0, learningCorrect: 0, repeats: 0, statements: 0, complete: 0, traceable: 0, confirmed: 0, finished: 0, coached: 0 };
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
    totals.coachTurns += partnership.coachTurns;
    totals.questions += partnership.questions;
    totals.openQuestions += partnership.openQuestions;
    totals.reflections += partnership.reflections;
    totals.reflecting += partnership.turnsReflectingContent;
    totals.needsTruth += capture.needsTruth;
    totals.needsCaptured += capture.needsCaptured;
    totals.needsExtra += capture.needsExtra;
    totals.constraintsTruth += capture.constraintsTruth;
    totals.constraintsCaptured += capture.constraintsCaptured;
    totals.learningTruth += capture.learningTruth;
    totals.learningCorrect += capture.learningCorrect;
    totals.repeats += repeats.length;
    totals.statements += statement.drafted ? 1 : 0;
    totals.complete += statement.complete ? 1 : 0;
    totals.traceable += statement.traceable ? 1 : 0;
    totals.confirmed += statement.confirmed ? 1 : 0;
    totals.finished += result.state.step === 'complete' ? 1 : 0;
    rows.push(
      `| ${client.id} | ${client.voice} | ${percent(partnership.openQuestions, partnership.questions)} | ${percent(partnership.turnsReflectingContent, partnership.coachTurns)} | ${(partnership.reflections / Math.max(1, partnership.questions)).toFixed(2)} | ${capture.needsCaptured}/${capture.needsTruth} (+${capture.needsExtra}) | ${capture.constraintsCaptured}/${capture.constraintsTruth} | ${capture.learningCorrect}/${capture.learningTruth} | ${repeats.length} | ${statement.complete ? 'yes' : `no (${statement.missing.join(', ')})`} | ${statement.traceable ? 'yes' : 'no'} | ${result.state.step} |`,
    );
  }

  const median = percentile(timings, 0.5);
  const p95 = percentile(timings, 0.95);
  const lines = [
    '## Offline coach',
    '',
    'Reproduce with `npm run eval:coach` (scripted clients in `eval/clients/*.json`, each labelled with the needs, constraints and learning preference it voices; the clients do not adapt to the coach, so answers often do not match the question just asked).',
    '',
    `Run over ${totals.coached} coaching clients (plus ${clients.length - totals.coached} safety client).`,
    '',
    '| figure | value | target |',
    '|---|---|---|',
    `| open questions in the partnership step | ${percent(totals.openQuestions, totals.questions)} (${totals.openQuestions}/${totals.questions}) | ≥ 85% |`,
    `| partnership coach turns reflecting the client's content | ${percent(totals.reflecting, totals.coachTurns)} (${totals.reflecting}/${totals.coachTurns}) | ≥ 50% |`,
    `| reflections : questions in the partnership step | ${(totals.reflections / Math.max(1, totals.questions)).toFixed(2)} (${totals.reflections}:${totals.questions}) | ≥ 1, aim 2 |`,
    `| labelled needs captured with the right category and the quote as evidence | ${percent(totals.needsCaptured, totals.needsTruth)} (${totals.needsCaptured}/${totals.needsTruth}) | ≥ 80% |`,
    `| needs captured in categories not labelled (possible false positives) | ${totals.needsExtra} | — |`,
    `| labelled constraints captured with the right kind and quote | ${percent(totals.constraintsCaptured, totals.constraintsTruth)} (${totals.constraintsCaptured}/${totals.constraintsTruth}) | ≥ 80% |`,
    `| learning preference correct | ${percent(totals.learningCorrect, totals.learningTruth)} (${totals.learningCorrect}/${totals.learningTruth}) | ≥ 80% |`,
    `| questions repeated verbatim in a session | ${totals.repeats} | 0 |`,
    `| statements with goals, needs, success indicators and a first experiment | ${totals.complete}/${totals.coached} | all |`,
    `| statements whose parts all trace to a verbatim client quote | ${totals.traceable}/${totals.coached} | all |`,
    `| statements confirmed / sessions reaching \`complete\` | ${totals.confirmed}/${totals.coached} / ${totals.finished}/${totals.coached} | — |`,
    `| offline turn (understand + apply + plan + phrase), median / p95 | ${median.toFixed(2)} ms / ${p95.toFixed(2)} ms (${timings.length} turns, after one warm-up run) | well under 10 ms |`,
    '',
    'Reflections count simple and complex reflections and summaries; questions count open, closed and needs-check moves (a needs check counts as open only when worded "what/how…"). A turn "reflects the client\'s content" when one of its reflective moves shares a content word with the client message it answers.',
    '',
    '| client | voice | open q | turns reflecting | refl:q | needs | constraints | learning | repeats | statement complete | traceable | final step |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...safetyNotes.map((note) => `- Safety: ${note}`),
    '',
    'Caveat: the same engineer wrote the lexicons and these clients; the scoring clients written by others are the fairer test.',
  ];
  const section = lines.join('\n');
  process.stdout.write(`${section}\n`);

  const qualityPath = join(root, 'docs/quality.md');
  const start = '<!-- coach:start -->';
  const end = '<!-- coach:end -->';
  const block = `${start}\n${section}\n${end}`;
  let document = existsSync(qualityPath) ? readFileSync(qualityPath, 'utf8') : '# Quality\n\n';
  if (document.includes(start) && document.includes(end)) {
    document = document.slice(0, document.indexOf(start)) + block + document.slice(document.indexOf(end) + end.length);
  } else {
    document = `${document.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(qualityPath, document);
}

await main();
