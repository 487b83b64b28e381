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

/** How each learning preference reads in a document made for people. */
const LEARNING_WORDS: Record<string, string> = { action: 'by doing', reflection: 'by reflecting', feedback: 'from feedback', mix: 'a mix of doing, reflecting and feedback' };

/** Each part of the statement as a heading a person would write. */
const PART_NAMES: Record<string, string> = {
  goals: 'What I want',
  needs: 'What I need',
  successIndicators: "How I'll know it's working",
  firstExperiment: 'My first experiment',
  constraints: 'What I have to work within',
  learningPreference: 'How I like to learn',
  text: 'Also',
};

/** The partnership statement as a one-page Markdown document the client can take to their coach. */
export function statementMarkdown(statement: Statement | null): string {
  if (!statement) return '# Partnership statement\n\nNo statement has been drafted yet.\n';
  const status = statement.status === 'confirmed' ? 'Confirmed' : 'Draft, not yet confirmed';
  // Each quote once, under the part it supports, in the order the client said them.
  const quotes = [...new Map(statement.sources.filter((source) => source.quote.trim() !== '').map((source) => [`${source.field}|${source.quote}`, source])).values()].sort((a, b) => a.seq - b.seq);
  return (
    `# Partnership statement\n\n_${status}_\n\n${statement.text}\n\n` +
    list(PART_NAMES.goals!, statement.goals) +
    list(PART_NAMES.needs!, statement.needs) +
    list(PART_NAMES.successIndicators!, statement.successIndicators) +
    (statement.firstExperiment ? `## ${PART_NAMES.firstExperiment}\n\n${statement.firstExperiment}\n\n` : '') +
    list(PART_NAMES.constraints!, statement.constraints) +
    (statement.learningPreference ? `## ${PART_NAMES.learningPreference}\n\n${capitalise(LEARNING_WORDS[statement.learningPreference] ?? statement.learningPreference)}\n\n` : '') +
    list(
      'In my own words',
      quotes.map((source) => `“${source.quote}” (${(PART_NAMES[source.field] ?? 'Also').toLowerCase()})`),
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
    lines.push(`**${who}:** ${item.text}`);
    if (item.moves && item.moves.length > 0) {
      lines.push(`  _moves: ${item.moves.map((move) => MOVE_NAMES[move.kind] ?? move.kind).join(', ')}_`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
