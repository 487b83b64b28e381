/**
 * The Markdown and SVG of `npm run eval:model` (eval/model.ts): figures in, files' text out, so
 * the layout can change without touching the run.
 */
export interface ModelEvalFigures {
  engine: string;
  model: string | null;
  sets: string[];
  clients: number;
  coachTurns: number;
  modelTurns: number;
  /** Turns of crisis help or the safety check: the reviewed text as written, never the model's. */
  safetyTurns: number;
  fallbacks: number;
  guardRejections: Record<string, number>;
  fallbackReasons: Record<string, number>;
  classifier: { questionsOpen: number; questionsClosed: number; reflectionsSimple: number; reflectionsComplex: number; other: number };
  needs: { captured: number; truth: number; extra: number };
  constraints: { captured: number; truth: number };
  statements: { complete: number; traceable: number; coached: number };
  surfaceDefects: Record<string, number>;
  /** The simulated persona clients: hidden needs, those the coach drew out, those in the coach's state. */
  personas: { clients: number; hidden: number; revealed: number; surfaced: number };
  promptTokens: { median: number; p95: number; measured: 'server' | 'estimated (characters / 4)' } | null;
  latencyMs: { firstDelta: { p50: number; p95: number }; final: { p50: number; p95: number } };
}

const percent = (part: number, whole: number): string => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(0)}%`);

export function renderModelReport(figures: ModelEvalFigures, chartFile: string, command: string): string {
  const c = figures.classifier;
  const questions = c.questionsOpen + c.questionsClosed;
  const reflections = c.reflectionsSimple + c.reflectionsComplex;
  const rejections = Object.entries(figures.guardRejections).sort((a, b) => b[1] - a[1]);
  const defects = Object.entries(figures.surfaceDefects).filter(([, count]) => count > 0);
  return [
    `# Model evaluation: ${figures.model ?? 'offline engine'}`,
    '',
    `Reproduce with \`${command}\`. Client sets: ${figures.sets.map((set) => `\`${set}\``).join(', ')} (${figures.clients} coaching clients) and ${figures.personas.clients} simulated persona clients (\`content/personas\`); ${figures.coachTurns} coach turns, through the whole server: plan, model, guard, fallback, extraction.`,
    '',
    `![figures](${chartFile})`,
    '',
    '| figure | value |',
    '|---|---|',
    `| engine | ${figures.engine}${figures.model ? ` (\`${figures.model}\`)` : ''} |`,
    `| coach turns written by the model / answered offline instead | ${figures.modelTurns} / ${figures.fallbacks} (${percent(figures.fallbacks, figures.coachTurns)} fallbacks) |`,
    `| crisis help or safety check (reviewed text, never sent to the model) | ${figures.safetyTurns} |`,
    `| questions that are open (classifier, per coach sentence labelled a question) | ${percent(c.questionsOpen, questions)} (${c.questionsOpen}/${questions}) |`,
    `| reflections : questions (classifier) | ${questions === 0 ? 'n/a' : (reflections / questions).toFixed(2)} (${reflections}:${questions}) |`,
    `| reflections that are complex (classifier) | ${percent(c.reflectionsComplex, reflections)} (${c.reflectionsComplex}/${reflections}) |`,
    `| labelled needs surfaced with the client's quote | ${percent(figures.needs.captured, figures.needs.truth)} (${figures.needs.captured}/${figures.needs.truth}; +${figures.needs.extra} in unlabelled categories) |`,
    `| labelled constraints surfaced with the client's quote | ${percent(figures.constraints.captured, figures.constraints.truth)} (${figures.constraints.captured}/${figures.constraints.truth}) |`,
    `| persona clients: hidden needs the coach drew out / heard (category in its state) | ${figures.personas.clients === 0 ? 'not run' : `${percent(figures.personas.revealed, figures.personas.hidden)} / ${percent(figures.personas.surfaced, figures.personas.hidden)} (${figures.personas.revealed}, ${figures.personas.surfaced} of ${figures.personas.hidden}; ${figures.personas.clients} personas)`} |`,
    `| statements complete (goals, needs, signs, first experiment) / traceable to quotes | ${figures.statements.complete}/${figures.statements.coached} / ${figures.statements.traceable}/${figures.statements.coached} |`,
    `| surface defects in the replies the client saw | ${defects.length === 0 ? 'none' : defects.map(([rule, count]) => `${rule}: ${count}`).join(', ')} |`,
    `| guard rejections (before the client saw them) | ${rejections.length === 0 ? 'none' : rejections.map(([rule, count]) => `${rule}: ${count}`).join(', ')} |`,
    `| fallbacks by reason | ${Object.keys(figures.fallbackReasons).length === 0 ? 'none' : Object.entries(figures.fallbackReasons).map(([reason, count]) => `${reason}: ${count}`).join(', ')} |`,
    `| prompt tokens per reply, median / p95 | ${figures.promptTokens ? `${figures.promptTokens.median} / ${figures.promptTokens.p95} (${figures.promptTokens.measured})` : 'n/a (offline)'} |`,
    `| first words shown, p50 / p95 | ${figures.latencyMs.firstDelta.p50.toFixed(0)} ms / ${figures.latencyMs.firstDelta.p95.toFixed(0)} ms |`,
    `| final message, p50 / p95 | ${figures.latencyMs.final.p50.toFixed(0)} ms / ${figures.latencyMs.final.p95.toFixed(0)} ms |`,
    '',
    'The classifier is the offline active-listening classifier (`content/models/utterance-classifier.json`), labelling each coach sentence given the client message it answers. Surface defects are the guard\'s own patterns (`content/llm/guard.json`) run over the final text of every coach turn: with the guard on, anything there came from the offline engine.',
    '',
  ].join('\n');
}

/** A horizontal bar chart of the percentages, plain SVG with no dependency. */
export function renderModelChart(figures: ModelEvalFigures): string {
  const c = figures.classifier;
  const questions = c.questionsOpen + c.questionsClosed;
  const reflections = c.reflectionsSimple + c.reflectionsComplex;
  const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
  const bars: [string, number][] = [
    ['open questions', share(c.questionsOpen, questions)],
    ['complex reflections', share(c.reflectionsComplex, reflections)],
    ['needs surfaced', share(figures.needs.captured, figures.needs.truth)],
    ['constraints surfaced', share(figures.constraints.captured, figures.constraints.truth)],
    ['statements complete', share(figures.statements.complete, figures.statements.coached)],
    ['persona needs drawn out', share(figures.personas.revealed, figures.personas.hidden)],
    ['turns by the model', share(figures.modelTurns, figures.coachTurns)],
    ['fallbacks', share(figures.fallbacks, figures.coachTurns)],
  ];
  const rowHeight = 28;
  const width = 560;
  const labelWidth = 170;
  const barWidth = width - labelWidth - 60;
  const rows = bars.map(([label, value], index) => {
    const y = 30 + index * rowHeight;
    const length = Math.round(barWidth * Math.max(0, Math.min(1, value)));
    return [
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${label}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="18" fill="#eee"/>`,
      `<rect x="${labelWidth}" y="${y}" width="${length}" height="18" fill="#3b6ea5"/>`,
      `<text x="${labelWidth + barWidth + 6}" y="${y + 14}">${(100 * value).toFixed(0)}%</text>`,
    ].join('');
  });
  const height = 40 + bars.length * rowHeight;
  const title = escapeXml(`Rapport with ${figures.model ?? 'the offline engine'}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${title}"><text x="10" y="18" font-weight="bold">${title}</text>${rows.join('')}</svg>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (character) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[character]!);
}
