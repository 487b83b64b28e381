import type { HistoryItem, Statement } from '../domain/schemas.js';
import type { StepBook } from '../domain/steps.js';

const MOVE_NAMES: Record<string, string> = {
  open_question: 'open question',
  closed_question: 'closed question',
  simple_reflection: 'simple reflection',
  complex_reflection: 'complex reflection',
  summary: 'summary',
  affirmation: 'affirmation',
  needs_check: 'needs check',
  information: 'information',
  structuring: 'structuring',
};

function list(title: string, items: string[]): string {
  if (items.length === 0) return '';
  return `## ${title}\n\n${items.map((item) => `- ${item}`).join('\n')}\n\n`;
}

/** The partnership statement as a one-page Markdown document the client can take to their coach. */
export function statementMarkdown(statement: Statement | null): string {
  if (!statement) return '# Partnership statement\n\nNo statement has been drafted yet.\n';
  const status = statement.status === 'confirmed' ? 'Confirmed by the client' : 'Draft';
  return (
    `# Partnership statement\n\n_${status}_\n\n${statement.text}\n\n` +
    list('Goals', statement.goals) +
    list('Needs', statement.needs) +
    list('Signals of progress', statement.successIndicators) +
    (statement.firstExperiment ? `## First experiment\n\n${statement.firstExperiment}\n\n` : '') +
    list('Constraints', statement.constraints) +
    (statement.learningPreference ? `## How I like to learn\n\n${statement.learningPreference}\n\n` : '') +
    list(
      'In my own words',
      statement.sources.map((source) => `${source.field} — “${source.quote}” (turn ${source.seq})`),
    )
  ).trimEnd() + '\n';
}

/** The transcript with each coach turn's moves, for trainers and for the client's own records. */
export function transcriptMarkdown(history: HistoryItem[], steps: StepBook): string {
  const lines = ['# Coaching conversation', ''];
  let step = '';
  for (const item of history) {
    if (item.step !== step) {
      step = item.step;
      lines.push(`## ${steps[item.step].title}`, '');
    }
    const who = item.role === 'coach' ? 'Coach' : 'Client';
    lines.push(`**${who}** (${item.seq}): ${item.text}`);
    if (item.moves && item.moves.length > 0) {
      lines.push(`  _moves: ${item.moves.map((move) => MOVE_NAMES[move.kind] ?? move.kind).join(', ')}_`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
