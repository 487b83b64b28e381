/**
 * The page around a conversation's views: the header (techniques switch, delete button), the view
 * toggles for narrow screens, the chat and side columns, the connection line, the banner, the
 * persona card, the engine note and the print-only statement.
 */
import { element, replaceChildren } from './dom.js';
import type { Mode } from './protocol.js';
import { loadShowTechniques, saveShowTechniques } from './storage.js';

type Child = HTMLElement | null | undefined;

export interface ConversationLayoutOptions {
  mode: Mode;
  /** The chat view's root, under the connection line, the banner and the persona card. */
  chat: HTMLElement;
  /** The side column's panels for this mode (the engine note follows them). */
  side: Child[];
  onDelete(): void;
  /** Back to the welcome screen and its list of conversations (this one stays kept). */
  onHome?(): void;
}

const PAGE_TITLES: Record<Mode, string> = {
  coach: 'Your coaching conversation',
  rehearse: 'Your rehearsal as a coach',
  demo: 'A demonstrated coaching conversation',
};

const SIDE_WORDS: Record<Mode, { toggle: string; region: string }> = {
  coach: { toggle: 'Notes & statement', region: 'Notes and partnership statement' },
  rehearse: { toggle: 'Feedback', region: 'Listening feedback' },
  demo: { toggle: 'Notes', region: 'What the coach is hearing' },
};

export class ConversationLayout {
  readonly deleteButton: HTMLButtonElement;
  readonly printStatement: HTMLElement;
  private readonly banner: HTMLDivElement;
  private readonly connection: HTMLParagraphElement;
  private readonly sideToggle: HTMLButtonElement;
  private readonly chatToggle: HTMLButtonElement;
  private readonly layout: HTMLElement;
  private readonly engineNote: HTMLParagraphElement;
  private readonly mode: Mode;
  private readonly personaCard: HTMLElement;
  private readonly homeButton: HTMLButtonElement | null;
  private readonly views: HTMLElement;

  constructor(options: ConversationLayoutOptions) {
    this.mode = options.mode;
    this.personaCard = element('section', { className: 'persona-card', attributes: { hidden: true, 'aria-labelledby': 'persona-title' } });
    this.engineNote = element('p', { className: 'engine-note' });
    this.banner = element('div', { className: 'banner', attributes: { hidden: true, role: 'alert' } });
    this.connection = element('p', { className: 'connection', attributes: { role: 'status' } });
    this.printStatement = element('article', { className: 'print-statement', attributes: { 'aria-hidden': 'true' } });
    this.deleteButton = element(
      'button',
      { className: 'button quiet danger', attributes: { type: 'button', disabled: true }, on: { click: () => options.onDelete() } },
      responsiveLabel('Delete this conversation', 'Delete'),
    );
    const onHome = options.onHome;
    this.homeButton = onHome
      ? element('button', { className: 'button quiet', attributes: { type: 'button' }, on: { click: () => onHome() } }, responsiveLabel('Your conversations', 'All'))
      : null;
    this.chatToggle = element('button', {
      className: 'view-toggle',
      text: 'Conversation',
      attributes: { type: 'button', 'aria-pressed': 'true', 'aria-controls': 'chat-column' },
      on: { click: () => this.showSide(false) },
    });
    const side = SIDE_WORDS[this.mode] ?? SIDE_WORDS.coach;
    this.sideToggle = element('button', {
      className: 'view-toggle',
      text: side.toggle,
      attributes: { type: 'button', 'aria-pressed': 'false', 'aria-controls': 'side-column' },
      on: { click: () => this.showSide(true) },
    });
    // Inside <main>, so on a phone the switch between the views is part of the main landmark.
    this.views = element('div', { className: 'view-toggles', attributes: { role: 'group', 'aria-label': 'Show' } }, [this.chatToggle, this.sideToggle]);
    this.layout = element('main', { className: 'layout', attributes: { id: 'main', tabindex: '-1' } }, [
      // Every view has one top-level heading; the page's visible title is the stepper's.
      element('h1', { className: 'visually-hidden', text: PAGE_TITLES[this.mode] ?? PAGE_TITLES.coach }),
      this.views,
      element('div', { className: 'chat-column', attributes: { id: 'chat-column' } }, [this.connection, this.banner, this.personaCard, options.chat]),
      element('aside', { className: 'side-column', attributes: { id: 'side-column', 'aria-label': side.region } }, [...options.side, this.engineNote]),
    ]);
  }

  /** Draws the page into `container`, with the stepper between the header and the view toggles. */
  mount(container: HTMLElement, stepper: HTMLElement): void {
    const showTechniques = loadShowTechniques();
    const techniquesToggle = element('button', {
      className: 'button quiet techniques-toggle',
      attributes: { type: 'button', 'aria-pressed': String(showTechniques) },
      on: {
        click: () => {
          const show = techniquesToggle.getAttribute('aria-pressed') !== 'true';
          techniquesToggle.setAttribute('aria-pressed', String(show));
          document.body.classList.toggle('show-techniques', show);
          saveShowTechniques(show);
        },
      },
    }, responsiveLabel('Show techniques', 'Techniques'));
    // Techniques are always shown in a demonstration and belong to the feedback in a rehearsal.
    document.body.classList.toggle('show-techniques', showTechniques && this.mode === 'coach');
    const modeWords = this.mode === 'rehearse' ? 'Rehearsal' : this.mode === 'demo' ? 'Demonstration' : null;
    const header = element('header', { className: 'app-header' }, [
      element('p', { className: 'brand' }, ['Rapport', modeWords ? element('span', { className: 'mode-badge', text: modeWords }) : null]),
      element('div', { className: 'header-actions' }, [this.homeButton, this.mode === 'coach' ? techniquesToggle : null, this.deleteButton]),
    ]);
    container.replaceChildren(
      element('div', { className: `app mode-${this.mode}` }, [header, stepper, this.layout]),
      this.printStatement,
    );
  }

  /** The connection dropped (or never opened): say so, and when the next try is. */
  showReconnecting(everOpened: boolean, retryInMs?: number): void {
    const seconds = retryInMs ? Math.max(1, Math.round(retryInMs / 1000)) : null;
    this.connection.textContent = everOpened
      ? `Connection lost — reconnecting${seconds ? ` in ${seconds} s` : ''}. Your words are kept.`
      : `Cannot reach the Rapport server — trying again${seconds ? ` in ${seconds} s` : ''}.`;
    this.connection.classList.add('visible');
  }

  hideConnection(): void {
    this.connection.textContent = '';
    this.connection.classList.remove('visible');
  }

  /** Who the person is talking to (rehearse) or listening to (demo), with the persona's brief. */
  showPersona(name: string, brief: string | undefined): void {
    replaceChildren(this.personaCard, [
      element('h2', { className: 'persona-title', text: this.mode === 'rehearse' ? `You are coaching ${name}` : `A coaching conversation with ${name}`, attributes: { id: 'persona-title' } }),
      brief ? element('p', { className: 'persona-card-brief', text: brief }) : null,
    ]);
    this.personaCard.hidden = false;
  }

  showEngine(engine: string | undefined): void {
    this.engineNote.textContent = engineInWords(engine);
  }

  /** On narrow screens the notes and the conversation take turns; on wide screens both show. */
  showSide(show: boolean): void {
    this.layout.classList.toggle('showing-side', show);
    this.chatToggle.setAttribute('aria-pressed', String(!show));
    this.sideToggle.setAttribute('aria-pressed', String(show));
    if (show) this.sideToggle.classList.remove('has-news');
  }

  /** Something new in the side column: the toggle says so while the conversation is showing. */
  flagSideNews(): void {
    if (!this.layout.classList.contains('showing-side')) this.sideToggle.classList.add('has-news');
  }

  showBanner(words: string): void {
    this.banner.replaceChildren(
      element('span', { text: words }),
      element('button', { className: 'button small quiet', text: 'Dismiss', attributes: { type: 'button' }, on: { click: () => this.hideBanner() } }),
    );
    this.banner.hidden = false;
  }

  hideBanner(): void {
    this.banner.hidden = true;
    this.banner.replaceChildren();
  }
}

/**
 * A button label with a shorter form for narrow screens. Only one is displayed at a time, so the
 * accessible name is always the visible words.
 */
function responsiveLabel(long: string, short: string): HTMLElement[] {
  return [element('span', { className: 'label-long', text: long }), element('span', { className: 'label-short', text: short })];
}

/** Where the replies come from, said plainly (`engine` is an addition the server sends in session.ready). */
function engineInWords(engine: string | undefined): string {
  if (!engine) return '';
  if (engine.includes('offline')) {
    return 'Replies come from Rapport’s offline coach, running on this server: your words are not sent anywhere else.';
  }
  return 'Replies are phrased by a language model this server’s operator has configured: your messages are sent to it.';
}
