/**
 * "What the coach is hearing": needs with their category and the client's own words as evidence,
 * constraints, and the learning preference. Redrawn from every `state` frame.
 */
import { element, replaceChildren } from './dom.js';
import { categoryLabel, constraintLabel, learningLabel } from './labels.js';
import type { Constraint, LearningPreference, Need } from './protocol.js';

/** Below this confidence an unconfirmed need is shown as tentative (the coach checks a need aloud from 0.45). */
export const TENTATIVE_BELOW = 0.45;

export interface NeedsPanelOptions {
  onShowTurn(seq: number): void;
  /** Watching a demonstration: the needs are the client's, not the person's own. */
  watching?: boolean;
}

export class NeedsPanel {
  readonly root: HTMLElement;
  private readonly needsList: HTMLElement;
  private readonly constraintsList: HTMLElement;
  private readonly learning: HTMLElement;
  private lastRendered = '';

  constructor(private readonly options: NeedsPanelOptions) {
    this.needsList = element('div', { className: 'panel-body' });
    this.constraintsList = element('div', { className: 'panel-body' });
    this.learning = element('div', { className: 'panel-body' });
    this.root = element('section', { className: 'panel hearing', attributes: { 'aria-labelledby': 'hearing-title' } }, [
      element('h2', { className: 'panel-title', text: 'What the coach is hearing', attributes: { id: 'hearing-title' } }),
      element('h3', { className: 'panel-subtitle', text: 'Needs' }),
      this.needsList,
      element('h3', { className: 'panel-subtitle', text: 'Constraints' }),
      this.constraintsList,
      element('h3', { className: 'panel-subtitle', text: options.watching ? 'How the client likes to learn' : 'How you like to learn' }),
      this.learning,
    ]);
    this.update([], [], null);
  }

  update(needs: Need[], constraints: Constraint[], learningPreference: LearningPreference): void {
    // State frames repeat often; skip redrawing when nothing shown here has changed.
    const signature = JSON.stringify([needs, constraints, learningPreference]);
    if (signature === this.lastRendered) return;
    this.lastRendered = signature;

    replaceChildren(
      this.needsList,
      needs.length === 0
        ? [
            element('p', {
              className: 'empty',
              text: this.options.watching
                ? 'Nothing yet. As the client talks, the needs the coach hears appear here, with the client’s words as evidence.'
                : 'Nothing yet. As you talk, the needs the coach hears appear here, with your own words as evidence.',
            }),
          ]
        : [element('ul', { className: 'cards' }, needs.map((need) => this.needCard(need)))],
    );
    replaceChildren(
      this.constraintsList,
      constraints.length === 0
        ? [element('p', { className: 'empty', text: 'None heard yet.' })]
        : [
            element(
              'ul',
              { className: 'cards' },
              constraints.map((constraint) =>
                element('li', { className: 'card' }, [
                  element('span', { className: 'tag', text: constraintLabel(constraint.kind) }),
                  element('p', { className: 'card-summary', text: constraint.summary }),
                  ...this.evidence(constraint.evidence, constraint.seq),
                ]),
              ),
            ),
          ],
    );
    replaceChildren(this.learning, [
      element('p', {
        className: learningPreference ? 'card-summary' : 'empty',
        text: learningPreference ? learningLabel(learningPreference) : 'Not known yet.',
      }),
    ]);
  }

  private needCard(need: Need): HTMLLIElement {
    const tentative = !need.confirmed && need.confidence < TENTATIVE_BELOW;
    return element('li', { className: tentative ? 'card tentative-card' : 'card' }, [
      element('div', { className: 'card-head' }, [
        element('span', { className: 'tag', text: categoryLabel(need.category) }),
        need.confirmed ? element('span', { className: 'confirmed', text: this.options.watching ? 'Confirmed by the client' : 'Confirmed by you' }) : null,
        // Heard only faintly: shown so it can be corrected, marked so it is not taken as settled.
        tentative ? element('span', { className: 'tentative', text: 'Tentative' }) : null,
      ]),
      element('p', { className: 'card-summary', text: need.summary }),
      ...this.evidence(need.evidence, need.seq),
    ]);
  }

  private evidence(quotes: string[], seq: number | undefined): HTMLElement[] {
    return quotes.slice(0, 3).map((quote) =>
      element('blockquote', { className: 'evidence' }, [
        element('p', { text: `“${quote}”` }),
        seq !== undefined
          ? element(
              'button',
              { className: 'link-button', attributes: { type: 'button' }, on: { click: () => this.options.onShowTurn(seq) } },
              // The hidden words tell the buttons apart for screen readers; the name still starts with what is seen.
              ['Show in conversation', element('span', { className: 'visually-hidden', text: `: “${quote.slice(0, 80)}”` })],
            )
          : null,
      ]),
    );
  }
}
