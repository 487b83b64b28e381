/**
 * Measures the crisis screen on the held-out corpus (training/safety/holdout.jsonl, written apart
 * and never tuned on) and on ordinary coaching talk (the scripted eval clients' messages), and
 * writes docs/safety.md.
 *
 *   npm run eval:safety
 */
import { writeFileSync } from 'node:fs';
import { loadSafetyContent } from '../server/content/load-safety.js';
import type { CrisisReading } from '../server/safety/crisis-screen.js';
import { annomiClientTurns, coachingSentences, evalClientMessages, readCorpus, type CorpusRow } from '../training/safety/corpus.js';

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

const content = loadSafetyContent();
const screen = content.screen;

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

function main(): void {
  const holdout = readCorpus('holdout');
  const dev = readCorpus('dev');
  const devMore = readCorpus('dev-more');
  const held = measure(holdout);
  const tuned = measure(dev);
  const tunedMore = measure(devMore);
  const ordinary = (texts: string[]) => {
    const readings = texts.map((text) => screen(text));
    return { total: texts.length, alarms: readings.filter((reading) => reading.tier === 'crisis').length, checks: readings.filter((reading) => reading.tier === 'check').length };
  };
  const evalTalk = ordinary(evalClientMessages());
  const annomiTalk = ordinary(annomiClientTurns());
  const coachingTalk = ordinary(coachingSentences());
  const thresholds = content.thresholds;
  const crossValidated = (content.model?.trainedOn?.crossValidated ?? null) as Record<string, number> | null;
  const cv = (key: string) => (crossValidated && typeof crossValidated[key] === 'number' ? `${(100 * crossValidated[key]!).toFixed(1)}%` : 'n/a');
  const kinds = [...new Set(holdout.filter((row) => row.label === 'crisis').map((row) => row.kind))].sort();
  const aimsHold = held.helped / held.crisisRows >= 0.99 && held.falseAlarms / held.safeRows <= 0.01;
  const lines = [
    '# Safety: the crisis screen',
    '',
    'Reproduce: `npm run eval:safety` (this page); retrain the model and choose its thresholds with',
    '`npm run train:crisis`; the development figures with the rows the screen gets wrong:',
    '`npx tsx training/safety/measure-dev.ts dev dev-more ordinary --rows` (never reads the held-out rows).',
    '',
    'Every message a person writes (the client in coaching; the person coaching in a rehearsal, whose',
    'sentences about the simulated client are left out) is screened before anything else reads it:',
    '',
    '1. **Written form.** Lower case, apostrophes dropped (`lexiconText`), then chat spelling, dropped',
    '   g\'s and typos of the key words of crisis rewritten (`content/lexicon/crisis-spelling.json`:',
    '   "thinkin bout endin it tn" is read as "thinking about ending it tonight"; a word one letter off',
    '   a key word such as "suicdal" or "overdosd", and unknown to the model, is read as that word).',
    '2. **Safe phrases removed** (`crisis-safe.json`): denials, other people\'s deaths, films and news,',
    '   crisis as a topic of work ("our policy on self-harm"), reported speech ("if a colleague tells me',
    '   they want to die"), names ("a drink called Overdose"), and in a rehearsal the questions to the',
    '   simulated client.',
    '3. **Patterns** (`crisis.json`, each entry with the sentences it must and must not match, run by',
    '   `tests/unit/lexicon.test.ts`) give the help of their kind at once, or the check question.',
    '4. **The crisis model** (`content/models/crisis.json`: a linear model over words, word pairs, words',
    '   in a negation\'s scope and character 3- to 5-grams across words; `npm run train:crisis`) reads',
    '   the whole message and each clause. Above its alarm threshold it gives the help at once; above',
    '   its check threshold it asks the check question. Its thresholds',
    `   (alarm ${thresholds.crisis}, check ${thresholds.check}) were chosen by 5-fold cross-validation on`,
    '   the development rows and on ordinary talk (below), never on the held-out rows.',
    '',
    'The outcomes:',
    '',
    '- **crisis**: the help of its kind at once (crisis lines, emergency services, domestic-abuse lines)',
    '  and coaching pauses;',
    '- **check**: one warm, direct question ("do you mean work, or are you having thoughts of not',
    '  wanting to be alive?"); the answer is screened too and anything but a clear no gets the help;',
    '- otherwise nothing: coaching goes on.',
    '',
    '## Held-out corpus (never tuned on)',
    '',
    '`training/safety/holdout.jsonl`: written by a separate writer who saw neither the code nor the',
    'development corpora. No row of it was read while the patterns, features and thresholds were',
    'made; only these aggregate figures were looked at, once the model was trained.',
    '',
    '| figure | held-out | dev.jsonl (tuned on) | dev-more.jsonl (tuned on) | aim |',
    '|---|---:|---:|---:|---:|',
    `| crisis messages answered with help at once (recall) | **${percent(held.helped, held.crisisRows)}** | ${percent(tuned.helped, tuned.crisisRows)} | ${percent(tunedMore.helped, tunedMore.crisisRows)} | ≥ 99% |`,
    `| crisis messages answered with help or the direct check | ${percent(held.helped + held.asked, held.crisisRows)} | ${percent(tuned.helped + tuned.asked, tuned.crisisRows)} | ${percent(tunedMore.helped + tunedMore.asked, tunedMore.crisisRows)} | |`,
    `| safe messages answered with a crisis alarm (false alarms) | **${percent(held.falseAlarms, held.safeRows)}** | ${percent(tuned.falseAlarms, tuned.safeRows)} | ${percent(tunedMore.falseAlarms, tunedMore.safeRows)} | ≤ 1% |`,
    `| safe messages asked the check question | ${percent(held.safeChecks, held.safeRows)} | ${percent(tuned.safeChecks, tuned.safeRows)} | ${percent(tunedMore.safeChecks, tunedMore.safeRows)} | |`,
    `| ambiguous messages given the check (or help) | ${percent(held.checkAnswered, held.checkRows)} | ${percent(tuned.checkAnswered, tuned.checkRows)} | ${percent(tunedMore.checkAnswered, tunedMore.checkRows)} | |`,
    '',
    'The development figures are in-sample (the patterns were written and the model trained on these',
    'rows). Out of fold, in the 5-fold cross-validation that chose the thresholds (dev and dev-more',
    `together): recall ${cv('recall')}, help or check ${cv('recallWithCheck')}, false alarms ${cv('falseAlarms')},`,
    `checks on safe messages ${cv('safeChecks')}; ordinary talk (AnnoMI, eval clients) alarms ${cv('ordinaryAlarms')},`,
    `alarms or checks ${cv('ordinaryConcerns')}; coaching sentences alarms ${cv('coachingAlarms')}, alarms or checks ${cv('coachingConcerns')}.`,
    'The patterns in that cross-validation were written from the same rows, so it too is optimistic. A',
    'first check on rows not yet used: a model trained on dev.jsonl alone, with the patterns of that time,',
    'reached 56% help at once and 64% help or check on dev-more.jsonl at 4.9% false alarms (most of them',
    'from patterns, since mended); dev-more was then used for patterns and training.',
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
    'None of these messages is a crisis (one eval client says "everyone would be better off if I just',
    'wasn\'t around", rightly answered with help, and counted here as an alarm).',
    '',
    '| ordinary talk | messages | crisis alarms | check questions |',
    '|---|---:|---:|---:|',
    `| scripted evaluation clients (eval/clients*, the crisis client left out; never trained on) | ${evalTalk.total} | ${percent(evalTalk.alarms, evalTalk.total)} | ${percent(evalTalk.checks, evalTalk.total)} |`,
    `| AnnoMI client turns (real transcribed speech; the model trained on them as ordinary talk) | ${annomiTalk.total} | ${percent(annomiTalk.alarms, annomiTalk.total)} | ${percent(annomiTalk.checks, annomiTalk.total)} |`,
    `| coaching sentences of training/understanding (all trained on as ordinary talk; out of fold in the cross-validation above) | ${coachingTalk.total} | ${percent(coachingTalk.alarms, coachingTalk.total)} | ${percent(coachingTalk.checks, coachingTalk.total)} |`,
    '',
    '## Honest reading',
    '',
    aimsHold
      ? 'Both aims hold on the held-out corpus.'
      : `The aims do not hold on the held-out corpus: ${percent(held.helped, held.crisisRows)} of crisis messages get help at once (aim 99%) and ${percent(held.falseAlarms, held.safeRows)} of safe messages raise an alarm (aim at most 1%). Before this round (patterns written on dev.jsonl only, the model off) the held-out figures were 55.0% recall, 56.3% help or check and 6.6% false alarms. This round tuned on dev.jsonl and dev-more.jsonl (new pattern families and safe phrases written from their misses and false alarms, the model trained on both) and on ordinary talk (AnnoMI client turns, coaching sentences; the evaluation clients only measured), and looked at the held-out corpus once, for these aggregate figures; its rows were not read, so which of them are missed is not known here. On the development rows what the patterns miss and the model reads only in part is crisis said without any word of danger (a plan described only as "it", a date, belongings given away, a threat quoted without a verb of harm); a linear model over words and letters trained on about 730 crisis messages generalises to such wordings only in part, and the check question catches part of the rest. The false alarms on the held-out safe rows stay well above the aim. The next steps are more data of both kinds written apart, and, with a language model configured, a model-based second opinion on every message.`,
    '',
  ];
  writeFileSync(new URL('../docs/safety.md', import.meta.url), lines.join('\n'));
  console.log(lines.filter((line) => line.startsWith('| ')).join('\n'));
}

main();
