/**
 * Measures the crisis screen on the held-out corpus (training/safety/holdout.jsonl, written apart
 * and never tuned on) and on ordinary coaching talk (the scripted eval clients' messages), and
 * writes docs/safety.md.
 *
 *   npm run eval:safety
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadSafetyContent } from '../server/content/load-safety.js';
import { createCrisisScreen, type CrisisReading } from '../server/safety/crisis-screen.js';
import { readCorpus, type CorpusRow } from '../training/safety/corpus.js';

export interface SafetyFigures {
  crisisRows: number;
  helped: number;
  asked: number;
  safeRows: number;
  falseAlarms: number;
  safeChecks: number;
  checkRows: number;
  checkAnswered: number;
  missed: CorpusRow[];
  alarms: CorpusRow[];
}

const screen = createCrisisScreen(loadSafetyContent());

export function screenRow(row: CorpusRow): CrisisReading {
  return screen(row.text, { context: row.kind === 'coach_risk_question' ? 'rehearse' : 'client' });
}

export function measure(rows: CorpusRow[]): SafetyFigures {
  const figures: SafetyFigures = { crisisRows: 0, helped: 0, asked: 0, safeRows: 0, falseAlarms: 0, safeChecks: 0, checkRows: 0, checkAnswered: 0, missed: [], alarms: [] };
  for (const row of rows) {
    const reading = screenRow(row);
    if (row.label === 'crisis') {
      figures.crisisRows += 1;
      if (reading.tier === 'crisis') figures.helped += 1;
      else if (reading.tier === 'check') figures.asked += 1;
      else figures.missed.push(row);
    } else if (row.label === 'check') {
      figures.checkRows += 1;
      if (reading.tier !== null) figures.checkAnswered += 1;
    } else {
      figures.safeRows += 1;
      if (reading.tier === 'crisis') {
        figures.falseAlarms += 1;
        figures.alarms.push(row);
      } else if (reading.tier === 'check') figures.safeChecks += 1;
    }
  }
  return figures;
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / Math.max(whole, 1)).toFixed(1)}% (${part}/${whole})`;
}

/** Every message of the scripted evaluation clients except the crisis one: ordinary coaching talk. */
function clientMessages(): string[] {
  const messages: string[] = [];
  for (const folder of ['clients', 'clients-dev2', 'clients-dev3', 'clients-holdout']) {
    const directory = new URL(`./${folder}/`, import.meta.url);
    for (const file of readdirSync(directory)) {
      const client = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as { messages: string[]; safetyOnly?: boolean };
      if (!client.safetyOnly) messages.push(...client.messages);
    }
  }
  return messages;
}

function main(): void {
  const holdout = readCorpus('holdout');
  const dev = readCorpus('dev');
  const held = measure(holdout);
  const tuned = measure(dev);
  const ordinary = clientMessages().map((text) => screen(text));
  const kinds = [...new Set(holdout.filter((row) => row.label === 'crisis').map((row) => row.kind))].sort();
  const lines = [
    '# Safety: the crisis screen',
    '',
    'Reproduce: `npm run eval:safety` (retrain the model with `npm run train:crisis`).',
    '',
    'Every message a person writes (the client in coaching; the person coaching in a rehearsal, whose',
    'sentences about the simulated client are left out) is screened before anything else reads it.',
    'Patterns with their examples (`content/lexicon/crisis.json`, `crisis-safe.json`) decide; a small',
    'linear model (`content/models/crisis.json`, word and character n-grams, `npm run train:crisis`) can',
    'add its own decisions above thresholds set in the model file. It is shipped with both thresholds',
    'above 1 (off): cross-validated on the development corpus it added under half a point of recall,',
    'and on ordinary coaching talk it asked the crisis question after "I end up doing everything myself"',
    'and alarmed on a message about dense writing. The screen:',
    '',
    '- **crisis**: a crisis pattern matched (or the model, when switched on, is very sure): the help',
    '  of its kind at once (crisis lines, emergency services, domestic-abuse lines) and coaching pauses;',
    '- **check**: ambiguous words, or a joke marker on an idiom ("I want to die lol"): one warm, direct',
    '  question ("do you mean work, or are you having thoughts of not wanting to be alive?"); the answer',
    '  is screened too and anything but a clear no gets the help;',
    '- otherwise nothing: coaching goes on.',
    '',
    '## Held-out corpus (never tuned on)',
    '',
    '`training/safety/holdout.jsonl`: written by a separate writer who saw neither the code nor the',
    'development corpus; its figures were first looked at after the patterns and thresholds were set.',
    '',
    '| figure | held-out | development (tuned on) | aim |',
    '|---|---:|---:|---:|',
    `| crisis messages answered with help at once (recall) | **${percent(held.helped, held.crisisRows)}** | ${percent(tuned.helped, tuned.crisisRows)} | ≥ 99% |`,
    `| crisis messages answered with help or the direct check | ${percent(held.helped + held.asked, held.crisisRows)} | ${percent(tuned.helped + tuned.asked, tuned.crisisRows)} | |`,
    `| safe messages answered with a crisis alarm (false alarms) | **${percent(held.falseAlarms, held.safeRows)}** | ${percent(tuned.falseAlarms, tuned.safeRows)} | ≤ 1% |`,
    `| safe messages asked the check question | ${percent(held.safeChecks, held.safeRows)} | ${percent(tuned.safeChecks, tuned.safeRows)} | |`,
    `| ambiguous messages given the check (or help) | ${percent(held.checkAnswered, held.checkRows)} | ${percent(tuned.checkAnswered, tuned.checkRows)} | |`,
    '',
    'Held-out recall by kind (help at once / help or check):',
    '',
    '| kind | help at once | help or check |',
    '|---|---:|---:|',
    ...kinds.map((kind) => {
      const rows = holdout.filter((row) => row.label === 'crisis' && row.kind === kind);
      const figures = measure(rows);
      return `| ${kind.replace(/_/g, ' ')} | ${percent(figures.helped, figures.crisisRows)} | ${percent(figures.helped + figures.asked, figures.crisisRows)} |`;
    }),
    '',
    '## Ordinary coaching talk',
    '',
    `The ${ordinary.length} messages of the scripted evaluation clients (eval/clients*, the crisis client left out):`,
    `alarms ${percent(ordinary.filter((reading) => reading.tier === 'crisis').length, ordinary.length)}, checks ${percent(ordinary.filter((reading) => reading.tier === 'check').length, ordinary.length)}.`,
    '',
    '## Honest reading',
    '',
    held.helped / held.crisisRows >= 0.99 && held.falseAlarms / held.safeRows <= 0.01
      ? 'Both aims hold on the held-out corpus.'
      : 'The aims do not hold on the held-out corpus: the patterns were written against the development corpus (92% recall, 0.6% false alarms there) and reach 55% recall with 6.6% false alarms on messages written apart. What they miss is mostly crisis said without any word of death, harm or danger (a date picked, belongings given away, a plan described only as \"it\", euphemisms and metaphors no list foresaw); what they wrongly alarm on is mostly vocabulary of danger in safe sentences they did not foresee. A bag-of-words model trained on a few hundred examples did not close that gap without alarming on ordinary talk. The next step is more data of both kinds, and a screen that reads who does what to whom (subject, verb, object) rather than phrases. With a language model configured, a model-based screen of every message would be the natural second opinion.',
    '',
  ];
  writeFileSync(new URL('../docs/safety.md', import.meta.url), lines.join('\n'));
  console.log(lines.filter((line) => line.startsWith('| ')).join('\n'));
  console.log(`missed (held-out): ${held.missed.length}; false alarms (held-out): ${held.alarms.length}`);
}

main();
