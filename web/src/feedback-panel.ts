/**
 * Rehearse mode: "How you are listening". Draws a `FeedbackReport` — the person's turns by kind,
 * three listening measures against the report's own thresholds (met / not yet, in words), and the
 * client's needs discovered so far. The needs the person missed are in the report but are not put
 * into the page at all until the person asks for them ("Show what I missed").
 */
import { branchComparisonView } from './branch-comparison-view.js';
import { element, replaceChildren } from './dom.js';
import { categoryLabel, utteranceLabel } from './labels.js';
import type { FeedbackReport } from './protocol.js';

export interface FeedbackPanelOptions {
  onRequest(): void;
  onShowTurn(seq: number): void;
}

const COUNT_ORDER = ['question_open', 'question_closed', 'reflection_simple', 'reflection_complex', 'input', 'other'];

interface Measure {
  key: 'percentOpenQuestions' | 'reflectionToQuestionRatio' | 'percentComplexReflections';
  title: string;
  /** Words that find the threshold when the server names it a little differently. */
  hint: RegExp;
  percent: boolean;
}

const MEASURES: Measure[] = [
  { key: 'percentOpenQuestions', title: 'Open questions', hint: /open/i, percent: true },
  { key: 'reflectionToQuestionRatio', title: 'Reflections per question', hint: /ratio|reflection.*question/i, percent: false },
  { key: 'percentComplexReflections', title: 'Complex reflections', hint: /complex/i, percent: true },
];

export class FeedbackPanel {
  readonly root: HTMLElement;
  readonly requestButton: HTMLButtonElement;
  private readonly body: HTMLDivElement;
  private readonly status: HTMLParagraphElement;
  private report: FeedbackReport | null = null;
  private showMissed = false;

  constructor(private readonly options: FeedbackPanelOptions) {
    this.requestButton = element('button', {
      className: 'button primary',
      text: 'How am I listening?',
      attributes: { type: 'button' },
      on: { click: () => this.options.onRequest() },
    });
    this.status = element('p', { className: 'feedback-status' });
    this.body = element('div', { className: 'feedback-body' }, [
      element('p', {
        className: 'empty',
        text: 'Nothing yet. After a few turns, ask how you are listening: you will see your questions and reflections counted, and a note under each of your turns.',
      }),
    ]);
    this.root = element('section', { className: 'panel feedback', attributes: { id: 'feedback', 'aria-labelledby': 'feedback-title' } }, [
      element('h2', { className: 'panel-title', text: 'How you are listening', attributes: { id: 'feedback-title' } }),
      element('p', { className: 'panel-intro', text: 'It updates by itself every three of your turns, or whenever you ask.' }),
      element('div', { className: 'feedback-actions' }, [this.requestButton, this.status]),
      this.body,
    ]);
  }

  setBusy(busy: boolean): void {
    this.requestButton.disabled = busy;
  }

  tell(text: string): void {
    this.status.textContent = text;
  }

  update(report: FeedbackReport): void {
    this.report = report;
    this.render();
  }

  private render(): void {
    const report = this.report;
    if (!report) return;
    const counts = report.counts as Record<string, number>;
    const total = COUNT_ORDER.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
    const most = Math.max(1, ...COUNT_ORDER.map((key) => counts[key] ?? 0));
    const discovered = report.needsDiscovered ?? [];

    replaceChildren(this.body, [
      element('h3', { className: 'panel-subtitle', text: 'Your turns', attributes: { id: 'counts-title' } }),
      element('table', { className: 'counts', attributes: { 'aria-labelledby': 'counts-title' } }, [
        element('thead', { className: 'visually-hidden' }, [
          element('tr', {}, [element('th', { text: 'Kind', attributes: { scope: 'col' } }), element('th', { text: 'Count', attributes: { scope: 'col' } })]),
        ]),
        element(
          'tbody',
          {},
          COUNT_ORDER.map((key) => {
            const count = counts[key] ?? 0;
            const bar = element('span', { className: `bar bar-${key}` });
            // Width through the CSSOM: the page's CSP allows no inline style attributes.
            bar.style.width = `${Math.round((count / most) * 100)}%`;
            return element('tr', {}, [
              element('th', { text: utteranceLabel(key), attributes: { scope: 'row' } }),
              element('td', { className: 'count' }, [
                element('span', { className: 'count-number', text: String(count) }),
                element('span', { className: 'bar-track', attributes: { 'aria-hidden': 'true' } }, [bar]),
              ]),
            ]);
          }),
        ),
      ]),
      element('p', { className: 'counts-total', text: `${total} ${total === 1 ? 'turn' : 'turns'} so far.` }),

      element('h3', { className: 'panel-subtitle', text: 'Against the usual standards' }),
      element('ul', { className: 'measures' }, MEASURES.map((measure) => this.measureItem(measure, report))),

      report.comparison ? branchComparisonView(report.comparison) : null,

      element('h3', { className: 'panel-subtitle', text: 'The client’s needs' }),
      element('p', { className: 'needs-score', text: `You discovered ${discovered.length} of ${report.needsTotal} needs.` }),
      discovered.length > 0
        ? element(
            'ul',
            { className: 'cards' },
            discovered.map((need) =>
              element('li', { className: 'card' }, [
                element('span', { className: 'tag', text: categoryLabel(need.category) }),
                element('p', { className: 'card-summary', text: need.summary }),
                element(
                  'button',
                  { className: 'link-button', attributes: { type: 'button' }, on: { click: () => this.options.onShowTurn(need.seq) } },
                  ['Show in conversation', element('span', { className: 'visually-hidden', text: `: ${need.summary.slice(0, 80)}` })],
                ),
              ]),
            ),
          )
        : null,
      this.missedPart(report),
      element('p', {
        className: 'co-created',
        text: report.statementCoCreated ? '✓ You drafted a partnership statement together.' : 'No partnership statement drafted together yet.',
      }),
      report.suggestions.length > 0
        ? element('p', {
            className: 'muted',
            text: `${report.suggestions.length} ${report.suggestions.length === 1 ? 'suggestion is' : 'suggestions are'} shown under your turns in the conversation.`,
          })
        : null,
    ]);
  }

  private measureItem(measure: Measure, report: FeedbackReport): HTMLLIElement {
    const value = report[measure.key];
    const thresholds = (report.thresholds ?? {}) as Record<string, number>;
    const thresholdKey = measure.key in thresholds ? measure.key : Object.keys(thresholds).find((key) => measure.hint.test(key));
    const threshold = thresholdKey !== undefined ? thresholds[thresholdKey] : undefined;
    const known = typeof value === 'number' && Number.isFinite(value);
    // Percentages may come as 0–100 or as fractions; a threshold of at most 1 means fractions.
    const asFraction = measure.percent && threshold !== undefined && threshold <= 1 && (!known || value <= 1);
    const show = (number: number): string =>
      measure.percent ? `${Math.round(asFraction ? number * 100 : number)}%` : String(Math.round(number * 10) / 10);
    const met = known && threshold !== undefined ? value >= threshold : null;
    return element('li', { className: `measure${met === true ? ' is-met' : met === false ? ' is-not-yet' : ''}` }, [
      element('span', { className: 'measure-title', text: measure.title }),
      element('span', { className: 'measure-value', text: known ? show(value) : 'not measurable yet' }),
      threshold !== undefined ? element('span', { className: 'measure-target', text: `aim: ${show(threshold)} or more` }) : null,
      met === null ? null : element('span', { className: 'measure-state', text: met ? '✓ Met' : '○ Not yet' }),
    ]);
  }

  private missedPart(report: FeedbackReport): HTMLElement {
    const missed = report.needsMissed ?? [];
    const list = element('div', { className: 'missed', attributes: { id: 'missed-needs', hidden: !this.showMissed } });
    // The summaries go into the page only once asked for: not hidden by CSS, simply not there.
    if (this.showMissed) {
      replaceChildren(list, [
        missed.length === 0
          ? element('p', { className: 'empty', text: 'Nothing so far — you have heard every need the client brought.' })
          : element(
              'ul',
              { className: 'cards' },
              missed.map((need) =>
                element('li', { className: 'card missed-card' }, [
                  element('span', { className: 'tag', text: categoryLabel(need.category) }),
                  element('p', { className: 'card-summary', text: need.summary }),
                ]),
              ),
            ),
      ]);
    }
    const button = element('button', {
      className: 'button small quiet',
      text: this.showMissed ? 'Hide what I missed' : 'Show what I missed',
      attributes: { type: 'button', 'aria-expanded': String(this.showMissed), 'aria-controls': 'missed-needs' },
      on: {
        click: () => {
          this.showMissed = !this.showMissed;
          this.render();
          this.body.querySelector<HTMLButtonElement>('[aria-controls="missed-needs"]')?.focus();
        },
      },
    });
    return element('div', { className: 'missed-part' }, [button, list]);
  }
}
