/**
 * The coaching steps as a stepper, what is still missing before moving on, and the two buttons
 * that ask the server to move (`step.goto`). The server decides; the page only asks.
 */
import { element, replaceChildren } from './dom.js';
import { STEP_LABELS, STEP_LONG_TITLES } from './labels.js';
import type { StepId } from './protocol.js';

export interface StepperOptions {
  onGoto(step: StepId): void;
}

export class Stepper {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly missing: HTMLDivElement;
  private readonly backButton: HTMLButtonElement;
  private readonly onButton: HTMLButtonElement;
  private steps: StepId[] = [];
  private current: StepId | null = null;
  private busy = false;

  constructor(private readonly options: StepperOptions) {
    this.list = element('ol', { className: 'stepper-steps' });
    this.missing = element('div', { className: 'stepper-missing' });
    this.backButton = element('button', {
      className: 'button quiet',
      text: 'Go back',
      attributes: { type: 'button' },
      on: { click: () => this.goRelative(-1) },
    });
    this.onButton = element('button', {
      className: 'button',
      text: 'Move on',
      attributes: { type: 'button' },
      on: { click: () => this.goRelative(1) },
    });
    this.root = element('nav', { className: 'stepper', attributes: { 'aria-label': 'Coaching steps' } }, [
      this.list,
      element('div', { className: 'stepper-footer' }, [
        this.missing,
        element('div', { className: 'stepper-actions' }, [this.backButton, this.onButton]),
      ]),
    ]);
  }

  setSteps(steps: StepId[]): void {
    this.steps = steps.length > 0 ? steps : this.steps;
    this.render();
  }

  update(step: StepId, missing: string[] | undefined): void {
    this.current = step;
    this.render();
    this.renderMissing(missing);
  }

  /** While the coach is replying the buttons wait, so requests do not cross. */
  setBusy(busy: boolean): void {
    this.busy = busy;
    this.applyButtons();
  }

  private applyButtons(): void {
    const index = this.currentIndex();
    this.backButton.disabled = this.busy || index <= 0;
    this.onButton.disabled = this.busy || index < 0 || index >= this.steps.length - 1;
  }

  private currentIndex(): number {
    return this.current ? this.steps.indexOf(this.current) : -1;
  }

  private goRelative(offset: number): void {
    const target = this.steps[this.currentIndex() + offset];
    if (target) this.options.onGoto(target);
  }

  private render(): void {
    const index = this.currentIndex();
    replaceChildren(
      this.list,
      this.steps.map((step, position) => {
        const label = STEP_LABELS[step] ?? { title: step, hint: '' };
        const state = position < index ? 'done' : position === index ? 'current' : 'upcoming';
        const stateWords = state === 'done' ? 'done' : state === 'current' ? 'current step' : 'not yet';
        return element(
          'li',
          {
            className: `step ${state}`,
            attributes: { 'aria-current': state === 'current' ? 'step' : undefined, title: STEP_LONG_TITLES[step], 'data-step': step },
          },
          [
            element('span', { className: 'step-marker', text: state === 'done' ? '✓' : String(position + 1), attributes: { 'aria-hidden': 'true' } }),
            element('span', { className: 'step-text' }, [
              element('span', { className: 'step-title', text: label.title }),
              element('span', { className: 'step-hint', text: label.hint }),
              element('span', { className: 'visually-hidden', text: `, ${stateWords}` }),
            ]),
          ],
        );
      }),
    );
    this.applyButtons();
  }

  private renderMissing(missing: string[] | undefined): void {
    if (!missing || missing.length === 0) {
      const done = this.current === 'complete';
      replaceChildren(this.missing, [
        element('p', {
          className: 'missing-none',
          text: done ? 'The conversation is complete.' : missing ? 'Everything this step needs is here — you can move on when ready.' : '',
        }),
      ]);
      return;
    }
    replaceChildren(this.missing, [
      element('p', { className: 'missing-title', text: 'Before moving on:' }),
      element('ul', { className: 'missing-list' }, missing.map((item) => element('li', { text: item }))),
    ]);
  }
}
