/**
 * Demo mode: the bot plays coach and client; the person steps through it ("Next exchange",
 * `demo.next`) or lets it play on by itself ("Play" / "Pause") at a chosen reading speed: each
 * turn stays on its own for as long as it takes to read (see reading-pace.ts).
 */
import { element } from './dom.js';
import { DEFAULT_WORDS_PER_MINUTE, READING_PACES } from './reading-pace.js';

export interface DemoControlsOptions {
  onNext(): void;
  onAuto(on: boolean): void;
}

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
      on: { click: () => this.options.onAuto(!this.playing) },
    });
    this.pace = element(
      'select',
      {
        className: 'field-input demo-pace',
        attributes: { id: 'demo-pace' },
      },
      READING_PACES.map((pace) => element('option', { text: pace.words, attributes: { value: String(pace.wordsPerMinute), selected: pace.wordsPerMinute === DEFAULT_WORDS_PER_MINUTE } })),
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

  /** The chosen reading speed; read at each turn, so a change applies to the next one. */
  get wordsPerMinute(): number {
    return Number(this.pace.value) || DEFAULT_WORDS_PER_MINUTE;
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
