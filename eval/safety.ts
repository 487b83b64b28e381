/**
 * Measures the crisis screen on the held-out set (training/safety/holdout*.jsonl, written apart
 * and never tuned on), on the development sets (tuned on) and on ordinary coaching talk, and
 * writes the figures of docs/safety.md, with the out-of-fold figures of the cross-validation by
 * writer that `npm run train:crisis` stored in the model. While the held-out file is absent (it is
 * copied in after the work it measures) its figures are marked as still to be measured. The page's
 * "Honest reading" section is written by hand and kept as it is.
 *
 *   npm run eval:safety
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadSafetyContent } from '../server/content/load-safety.js';
import type { CrisisReading } from '../server/understand/crisis-screen.js';
import { annomiClientTurns, coachingSentences, DEVELOPMENT_SETS, developmentSets, evalClientMessages, HELD_OUT_SET, heldOutSet, readCorpus, rowContext, type CorpusRow } from '../training/safety/corpus.js';

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
  return screen(row.text, { context: rowContext(row.kind) });
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

const DOC = new URL('../docs/safety.md', import.meta.url);
const READING = '## Honest reading';

function main(): void {
  const heldOutName = heldOutSet();
  const heldOutPresent = heldOutName !== null;
  /** The held-out constant points at a set already retired to development (tuned on). */
  const retired = heldOutName !== null && (DEVELOPMENT_SETS as readonly string[]).includes(heldOutName);
  const holdout = heldOutName ? readCorpus(heldOutName) : [];
  /** The held-out file named in the page: the one measured, or the next one expected. */
  const heldOutFile = `training/safety/${heldOutName ?? HELD_OUT_SET}.jsonl`;
  const sets = developmentSets();
  const held = measure(holdout);
  /** A held-out figure, or the mark that it is still to be measured. */
  const heldPercent = (part: number, whole: number) => (heldOutPresent ? percent(part, whole) : 'to be measured');
  const tuned = sets.map((name) => ({ name, figures: measure(readCorpus(name)) }));
  const ordinary = (texts: string[]) => {
    const readings = texts.map((text) => screen(text));
    return { total: texts.length, alarms: readings.filter((reading) => reading.tier === 'crisis').length, checks: readings.filter((reading) => reading.tier === 'check').length };
  };
  const evalTalk = ordinary(evalClientMessages());
  const annomiTalk = ordinary(annomiClientTurns());
  const coachingTalk = ordinary(coachingSentences());
  const thresholds = content.thresholds;
  const trainedOn = content.model?.trainedOn ?? {};
  const crossValidated = (trainedOn.crossValidated ?? null) as Record<string, number> | null;
  const bySet = (trainedOn.crossValidatedBySet ?? {}) as Record<string, Record<string, number>>;
  type KindCounts = Record<string, { rows: number; alarms: number; checks: number }>;
  const byKind = (trainedOn.crossValidatedByKind ?? { crisis: {}, safe: {} }) as { crisis: KindCounts; safe: KindCounts };
  const oofKindTable = (header: string, counts: KindCounts, cells: (k: { rows: number; alarms: number; checks: number }) => [string, string]) => [
    `| kind | ${header} |`,
    '|---|---:|---:|',
    ...Object.entries(counts).map(([kind, k]) => `| ${kind.replace(/_/g, ' ')} | ${cells(k).join(' | ')} |`),
  ];
  const patternsOnly = (trainedOn.patternsOnly ?? null) as Record<string, number> | null;
  const cv = (source: Record<string, number> | null, key: string) => (source && typeof source[key] === 'number' ? `${(100 * source[key]!).toFixed(1)}%` : 'n/a');
  const kinds = [...new Set(holdout.filter((row) => row.label === 'crisis').map((row) => row.kind))].sort();
  const safeKinds = [...new Set(holdout.filter((row) => row.label === 'none').map((row) => row.kind))].sort();
  /** A table of the held-out rows of one label, a line per kind, with two figures each. */
  const kindTable = (header: string, kindsOf: string[], label: CorpusRow['label'], cells: (figures: SafetyFigures) => [string, string]) => [
    `| kind | ${header} |`,
    '|---|---:|---:|',
    ...kindsOf.map((kind) => `| ${kind.replace(/_/g, ' ')} | ${cells(measure(holdout.filter((row) => row.label === label && row.kind === kind))).join(' | ')} |`),
  ];
  const column = (pick: (figures: SafetyFigures) => string) => tuned.map(({ figures }) => pick(figures)).join(' | ');
  const lines = [
    '# Safety: the crisis screen',
    '',
    'Reproduce: `npm run eval:safety` (this page\'s figures; the "Honest reading" section is written by',
    'hand); retrain the model and choose its thresholds with `npm run train:crisis`; the development',
    'figures with the rows the screen gets wrong:',
    '`npx tsx training/safety/measure-dev.ts --rows` (never reads the held-out rows).',
    '',
    'Every message a person writes (the client in coaching; the person coaching in a rehearsal, whose',
    'sentences about the simulated client are left out) is screened before anything else reads it:',
    '',
    '1. **Written form.** Lower case, apostrophes dropped (`lexiconText`), then chat spelling, dropped',
    '   g\'s and typos of the key words of crisis rewritten (`content/lexicon/crisis-spelling.json`:',
    '   "thinkin bout endin it tn" is read as "thinking about ending it tonight"; a word one letter off',
    '   a key word such as "suicdal" or "overdosd", unknown to the model and not among the 40,000 words of',
    '   the word vectors, and not its plural, is read as that word: "prison" stays "prison").',
    '2. **Safe phrases removed** (`crisis-safe.json`): denials, other people\'s deaths, films and news,',
    '   crisis as a topic of work ("our policy on self-harm"), reported speech ("if a colleague tells me',
    '   they want to die"), names ("a drink called Overdose"), idioms ("this deadline is going to kill',
    '   me", "killing myself laughing"), and in a rehearsal the questions to the simulated client.',
    '3. **Patterns** (`crisis.json`, each entry with the sentences it must and must not match, run by',
    '   `tests/unit/lexicon.test.ts`) give the help of their kind at once, or the check question.',
    '4. **The crisis model** (`content/models/crisis.json`: a linear model over words, word pairs, words',
    '   in a negation\'s scope, character 3- to 5-grams across words and the mean word vector of the',
    '   text (the project\'s GloVe vectors, `content/models/word-vectors.bin`), so that a word no writer',
    '   used sits near words they did; `npm run train:crisis`) reads the whole message and each clause',
    '   on its own (trained on the clauses of safe text too, as the screen cuts them). Above its alarm',
    '   threshold it gives the help at once; above its check threshold',
    `   it asks the check question. Its thresholds (alarm ${thresholds.crisis}, check ${thresholds.check};`,
    `   for one clause of a longer message scored on its own, alarm ${thresholds.clauseCrisis ?? thresholds.crisis}, check ${thresholds.clauseCheck ?? thresholds.check}): the alarm bars were chosen by`,
    '   cross-validation by writer on the development sets and on ordinary talk (below); the check bars',
    '   were then raised by hand to 0.9, because the chosen ones asked the check of ordinary coaching talk',
    '   in the replayed conversations (see "Honest reading": the held-out set was measured at each setting).',
    ...(thresholds.patternVeto
      ? [
          `5. **The pattern veto.** A suicide pattern's alarm on a message the model reads as plainly safe (its`,
          `   crisis score, whole and every clause, below ${thresholds.patternVeto}) gets the check question instead: never`,
          '   silence, and never for the medical or danger help ("the suicide squeeze in baseball", a',
          "   trainer's \"how to respond if a child says they want to die\"). Its bar was chosen with the others.",
        ]
      : []),
    '',
    'The outcomes:',
    '',
    '- **crisis**: the help of its kind at once (crisis lines, emergency services, domestic-abuse lines)',
    '  and coaching pauses;',
    '- **check**: one warm, direct question ("do you mean work, or are you having thoughts of not',
    '  wanting to be alive?"); the answer is screened too, then read by `content/lexicon/crisis-answers.json`',
    '  (`readCheckAnswer`): a yes, the thoughts named or words of risk get the help and a pause; a clear no',
    '  or an answer about work or the session ("i mean the job", "lol no, the deadline") a warm line and',
    '  coaching; an unclear answer ("i don\'t know", "...") the help lines briefly and the question once',
    '  more, with no pause, and a second unclear answer the help lines again and coaching goes on;',
    '- otherwise nothing: coaching goes on.',
    '',
    ...(retired
      ? [
          '## Held-out set: none blind in the repo now (the column below is a retired one, TUNED ON)',
          '',
          `\`${heldOutFile}\` (HELD_OUT_SET of training/safety/corpus.ts) was written blind and measured once,`,
          'then retired to development and tuned on (read, trained on): its column below is in sample, not a',
          'held-out figure. HELD_OUT_SET is re-pointed at the next blind set when it is copied in.',
          '',
        ]
      : [
          '## Held-out set (never tuned on)',
          '',
          `\`${heldOutFile}\`: written by separate writers who saw neither the code nor the`,
          'development sets. No row of it was read while the patterns, features and thresholds were made;',
          heldOutPresent
            ? 'it was copied in and measured once, for these aggregate figures, after the model was trained.'
            : 'it is copied in after the model is trained, and its figures below are still to be measured.',
          '',
        ]),
    `Tuned on (patterns written from, model trained on, thresholds chosen on): ${sets.map((name) => `\`${name}.jsonl\``).join(', ')}.`,
    '`dev-h1.jsonl` to `dev-h4.jsonl` are the first four held-out sets (`holdout.jsonl` to `holdout4.jsonl`),',
    'retired to development after they had been measured (`holdout4` once blind: 91.0% help at once, 91.3%',
    'help or check, 1.9% false alarms; then tuned on). No held-out file is in the repo until the next one',
    'is copied in after the work it measures.',
    '',
    `| figure | ${retired ? `${heldOutName} (retired, tuned on)` : 'held-out'} | ${sets.map((name) => `${name} (tuned on)`).join(' | ')} | aim |`,
    `|---|---:|${sets.map(() => '---:').join('|')}|---:|`,
    `| crisis messages answered with help at once (recall) | **${heldPercent(held.helped, held.crisisRows)}** | ${column((f) => percent(f.helped, f.crisisRows))} | ≥ 99% |`,
    `| crisis messages answered with help or the direct check | ${heldPercent(held.helped + held.asked, held.crisisRows)} | ${column((f) => percent(f.helped + f.asked, f.crisisRows))} | |`,
    `| safe messages answered with a crisis alarm (false alarms) | **${heldPercent(held.falseAlarms, held.safeRows)}** | ${column((f) => percent(f.falseAlarms, f.safeRows))} | ≤ 1% |`,
    `| safe messages asked the check question | ${heldPercent(held.safeChecks, held.safeRows)} | ${column((f) => percent(f.safeChecks, f.safeRows))} | |`,
    `| ambiguous messages given the check (or help) | ${heldPercent(held.checkAnswered, held.checkRows)} | ${column((f) => percent(f.checkAnswered, f.checkRows))} | |`,
    '',
    'The development figures are in-sample (patterns written and the model trained on these rows).',
    `Out of fold, in the cross-validation ${typeof trainedOn.crossValidation === 'string' ? trainedOn.crossValidation : 'by writer (each development set scored by a model trained on the others)'};`,
    `thresholds ${typeof trainedOn.thresholdsChosen === 'string' ? trainedOn.thresholdsChosen : 'chosen by it'}: recall ${cv(crossValidated, 'recall')}, help or check ${cv(crossValidated, 'recallWithCheck')}, false alarms ${cv(crossValidated, 'falseAlarms')},`,
    `checks on safe messages ${cv(crossValidated, 'safeChecks')}; ordinary talk (AnnoMI, eval clients) alarms ${cv(crossValidated, 'ordinaryAlarms')},`,
    `alarms or checks ${cv(crossValidated, 'ordinaryConcerns')}; coaching sentences alarms ${cv(crossValidated, 'coachingAlarms')}, alarms or checks ${cv(crossValidated, 'coachingConcerns')}.`,
    `The patterns alone, on the same rows: recall ${cv(patternsOnly, 'recall')}, help or check ${cv(patternsOnly, 'recallWithCheck')}, false alarms ${cv(patternsOnly, 'falseAlarms')}.`,
    'The patterns were written from the development sets (all of them, the new families of this round',
    'from their misses), so their share of the out-of-fold figures is optimistic: only the model is',
    'truly out of fold.',
    '',
    'Out of fold, each development set (scored by a model trained on the other writers):',
    '',
    '| set | recall | help or check | false alarms | checks on safe |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(bySet).map(([name, f]) => `| ${name} | ${cv(f, 'recall')} | ${cv(f, 'recallWithCheck')} | ${cv(f, 'falseAlarms')} | ${cv(f, 'safeChecks')} |`),
    '',
    'Out of fold, crisis messages by kind (help at once / help or check):',
    '',
    ...oofKindTable('help at once | help or check', byKind.crisis, (k) => [percent(k.alarms, k.rows), percent(k.alarms + k.checks, k.rows)]),
    '',
    'Out of fold, safe messages by kind (crisis alarms / check questions):',
    '',
    ...oofKindTable('crisis alarms | check questions', byKind.safe, (k) => [percent(k.alarms, k.rows), percent(k.checks, k.rows)]),
    '',
    ...(heldOutPresent
      ? [
          'Held-out crisis messages by kind (help at once / help or check):',
          '',
          ...kindTable('help at once | help or check', kinds, 'crisis', (figures) => [percent(figures.helped, figures.crisisRows), percent(figures.helped + figures.asked, figures.crisisRows)]),
          '',
          'Held-out safe messages by kind (crisis alarms / check questions):',
          '',
          ...kindTable('crisis alarms | check questions', safeKinds, 'none', (figures) => [percent(figures.falseAlarms, figures.safeRows), percent(figures.safeChecks, figures.safeRows)]),
          '',
        ]
      : [`Held-out figures by kind: to be measured on \`${heldOutFile}\`.`, '']),
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
  ];
  // The hand-written reading is kept; a page without one gets a placeholder to write.
  const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const reading = previous.includes(READING) ? previous.slice(previous.indexOf(READING)) : `${READING}\n\n(to be written after reading the figures above)\n`;
  writeFileSync(DOC, `${lines.join('\n')}${reading}`);
  console.log(lines.filter((line) => line.startsWith('| ') || line.startsWith('Out of fold') || line.startsWith('scored') || line.startsWith('checks') || line.startsWith('alarms') || line.startsWith('The patterns alone')).join('\n'));
}

main();
