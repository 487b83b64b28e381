/**
 * On a rehearsal branch: the listening figures of the first try beside this one, and what the
 * person said after the branch point each time, so a trainee sees what the other wording changed.
 */
import { element } from './dom.js';
import { utteranceLabel } from './labels.js';
import type { FeedbackReport } from './protocol.js';
import { earlierTries, loadSession, rememberEarlierTry, saveSession } from './storage.js';

type Comparison = NonNullable<FeedbackReport['comparison']>;

const ROWS: { title: string; value: (figures: Comparison['original']) => string }[] = [
  { title: 'Open questions', value: (figures) => `${figures.percentOpenQuestions}%` },
  { title: 'Reflections per question', value: (figures) => String(figures.reflectionToQuestionRatio) },
  { title: 'Complex reflections', value: (figures) => `${figures.percentComplexReflections}%` },
  { title: 'Needs discovered', value: (figures) => String(figures.needsDiscovered) },
  { title: 'Statement made together', value: (figures) => (figures.statementCoCreated ? 'yes' : 'not yet') },
];

export function branchComparisonView(comparison: Comparison): HTMLElement {
  const turns = (items: Comparison['originalTurns'], empty: string) =>
    items.length === 0
      ? element('p', { className: 'muted', text: empty })
      : element(
          'ol',
          { className: 'compared-turns' },
          items.map((turn) => element('li', {}, [element('q', { text: turn.text }), element('span', { className: 'tag', text: utteranceLabel(turn.label) })])),
        );
  return element('section', { className: 'branch-comparison', attributes: { 'aria-labelledby': 'comparison-title' } }, [
    element('h3', { className: 'panel-subtitle', text: 'This try beside your first', attributes: { id: 'comparison-title' } }),
    element('table', { className: 'comparison' }, [
      element('thead', {}, [
        element('tr', {}, [
          element('th', { text: 'Measure', attributes: { scope: 'col' } }),
          element('th', { text: 'First try', attributes: { scope: 'col' } }),
          element('th', { text: 'This try', attributes: { scope: 'col' } }),
        ]),
      ]),
      element(
        'tbody',
        {},
        ROWS.map((row) =>
          element('tr', {}, [
            element('th', { text: row.title, attributes: { scope: 'row' } }),
            element('td', { text: row.value(comparison.original) }),
            element('td', { text: row.value(comparison.branch) }),
          ]),
        ),
      ),
    ]),
    element('h4', { text: 'What you said from there, the first time' }),
    turns(comparison.originalTurns, 'Nothing: the first try ended there.'),
    element('h4', { text: 'What you said this time' }),
    turns(comparison.branchTurns, 'Nothing yet.'),
    backToFirstTry(comparison.originalSessionId),
  ]);
}

/** "Open your first try": swaps the conversation on screen back to the original (this try is kept to come back to). */
function backToFirstTry(originalSessionId: string): HTMLElement | null {
  const original = earlierTries().find((item) => item.sessionId === originalSessionId);
  if (!original) return null;
  return element('button', {
    className: 'button small',
    text: 'Open your first try',
    attributes: { type: 'button' },
    on: {
      click: () => {
        const current = loadSession();
        if (current) rememberEarlierTry(current);
        saveSession(original);
        window.location.reload();
      },
    },
  });
}
