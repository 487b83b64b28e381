/**
 * Demo mode: the bot plays coach and client; the person steps through it ("Next exchange",
 * `demo.next`) or lets it play on by itself ("Play" / "Pause", `demo.auto`) at a chosen pace.
 */
import { element } from './dom.js';

export interface DemoControlsOptions {
  onNext(): void;
  onAuto(on: boolean, delayMs: number): void;
}

const PACES: { delayMs: number; words: string }[] = [
  { delayMs: 6000, words: 'Slow (6 s between exchanges)' },
  { delayMs: 3000, words: 'Calm (3 s)' },
  { delayMs: 1500, words: 'Quick (1.5 s)' },
];

export class DemoControls {
  readonly root: HTMLElement;
  private readonly nextButton: HTMLButtonElement;
  private readonly playButton: HTMLButtonElement;
  private readonly pace: HTMLSelectElement;
  private readonly status: HTMLParagraphElement;
  private playing = false;
  private pending = false;
  private ready = false;
  private complete = false;

  constructor(private readonly options: DemoControlsOptions) {
    this.nextButton = element('button', {
      className: 'button primary',
      text: 'Next exchange',
      attributes: { type: 'button', id: 'demo-next' },
      on: {
        click: () => {
          // While an exchange plays the button stays focusable (aria-disabled), so focus is not lost.
          if (!this.pending) this.options.onNext();
        },
      },
    });
    this.playButton = element('button', {
      className: 'button',
      text: 'Play',
      attributes: { type: 'button', id: 'demo-play' },
      on: { click: () => this.options.onAuto(!this.playing, this.delayMs) },
    });
    this.pace = element(
      'select',
      {
        className: 'field-input demo-pace',
        attributes: { id: 'demo-pace' },
        on: {
          change: () => {
            if (this.playing) this.options.onAuto(true, this.delayMs);
          },
        },
      },
      PACES.map((pace) => element('option', { text: pace.words, attributes: { value: String(pace.delayMs), selected: pace.delayMs === 3000 } })),
    );
    this.status = element('p', { className: 'demo-status', text: 'Paused. Step through it, or press Play.' });
    this.root = element('div', { className: 'demo-controls', attributes: { role: 'group', 'aria-label': 'Demonstration controls' } }, [
      element('div', { className: 'demo-buttons' }, [
        this.nextButton,
        this.playButton,
        element('label', { className: 'demo-pace-label', attributes: { for: 'demo-pace' } }, [element('span', { text: 'Pace' }), this.pace]),
      ]),
      this.status,
    ]);
    this.apply();
  }

  get delayMs(): number {
    return Number(this.pace.value) || 3000;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  setReady(ready: boolean): void {
    this.ready = ready;
    this.apply();
  }

  setPlaying(playing: boolean): void {
    this.playing = playing && !this.complete;
    this.apply();
  }

  setPending(pending: boolean): void {
    this.pending = pending;
    this.apply();
  }

  setComplete(complete: boolean): void {
    this.complete = complete;
    if (complete) this.playing = false;
    this.apply();
  }

  private apply(): void {
    const hadFocus = document.activeElement === this.nextButton || document.activeElement === this.playButton;
    this.nextButton.disabled = !this.ready || this.complete || this.playing;
    this.nextButton.setAttribute('aria-disabled', String(this.pending));
    this.playButton.disabled = !this.ready || this.complete;
    this.playButton.textContent = this.playing ? 'Pause' : 'Play';
    this.status.textContent = this.complete
      ? 'The demonstration is complete.'
      : this.playing
        ? 'Playing on by itself — press Pause to stop after this exchange.'
        : this.pending
          ? 'Playing the next exchange…'
          : 'Paused. Step through it, or press Play.';
    // Keep keyboard focus on a control that can still be used, rather than losing it to the body.
    if (hadFocus && (document.activeElement === document.body || (document.activeElement as HTMLButtonElement | null)?.disabled)) {
      (this.playButton.disabled ? this.pace : this.playButton).focus();
    }
  }
}
