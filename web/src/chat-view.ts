/**
 * The transcript and the composer. Streaming text (`assistant.delta`) is drawn into a bubble that
 * is not a live region; only the final `assistant.message` is announced, once, through the page's
 * polite announcer, so screen readers are not flooded with fragments.
 */
import { announce, element, replaceChildren } from './dom.js';
import { helpLinks, linkedText } from './help-links.js';
import { authorLabel, moveLabel, personRole, STEP_LONG_TITLES, utteranceLabel } from './labels.js';
import type { AssistantMessageFrame, HistoryItem, Mode, Move, StepId } from './protocol.js';

export interface ChatViewOptions {
  /** Who the person is: the client (`coach`), the coach (`rehearse`), or a watcher (`demo`: no composer). */
  mode: Mode;
  onSend(text: string): void;
  onRetry(id: string): void;
  /** Shown in place of the composer (the demonstration's controls). */
  footer?: HTMLElement;
}

/** What the listening report says about one of the person's turns (rehearse). */
export interface TurnFeedback {
  label: string;
  note?: string;
  suggestion?: { said: string; tryInstead: string; why: string };
}

const WORDS: Record<Mode, { region: string; typing: string; placeholder: string }> = {
  coach: { region: 'Conversation with the coach', typing: 'Coach is replying…', placeholder: 'Write your answer…' },
  rehearse: { region: 'Rehearsal with the client', typing: 'Client is replying…', placeholder: 'Ask, reflect, summarise…' },
  demo: { region: 'Demonstration conversation', typing: 'Playing the next exchange…', placeholder: '' },
};

type DeliveryState = 'sending' | 'waiting' | 'delivered' | 'failed';

/** Protocol v1's limit, until the server says its own (setMessageLimit). */
const DEFAULT_MESSAGE_LIMIT = 4000;
/** The counter appears once a message reaches this share of the limit. */
const COUNTER_FROM = 0.8;

export class ChatView {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly typing: HTMLLIElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly hint: HTMLParagraphElement;
  private readonly counter: HTMLParagraphElement;
  private messageLimit = DEFAULT_MESSAGE_LIMIT;
  private readonly renderedSeqs = new Set<number>();
  private readonly pendingBubbles = new Map<string, HTMLLIElement>();
  private readonly streamingBubbles = new Map<string, HTMLLIElement>();
  private busy = false;
  private readonly mode: Mode;
  /** The role whose turns the person types here, or null in a demonstration. */
  private readonly mine: 'coach' | 'client' | null;
  /** The role the bot plays in replies that stream (demo replies are not streamed on screen). */
  private readonly botRole: 'coach' | 'client';

  constructor(private readonly options: ChatViewOptions) {
    this.mode = options.mode;
    this.mine = personRole(this.mode);
    this.botRole = this.mine === 'coach' ? 'client' : 'coach';
    const words = WORDS[this.mode] ?? WORDS.coach;
    this.list = element('ol', { className: 'messages', attributes: { 'aria-label': 'Conversation' } });
    this.typing = element('li', { className: `message ${this.botRole} typing`, attributes: { hidden: true } }, [
      element('span', { className: 'dots', attributes: { 'aria-hidden': 'true' } }, [
        element('span'),
        element('span'),
        element('span'),
      ]),
      element('span', { className: 'typing-text', text: words.typing }),
    ]);
    this.input = element('textarea', {
      className: 'composer-input',
      attributes: {
        id: 'composer-input',
        rows: '2',
        // No maxlength: the browser would cut a long paste without a word. The counter says it instead.
        placeholder: words.placeholder,
        'aria-describedby': 'composer-hint composer-counter',
        autocomplete: 'off',
      },
      on: {
        keydown: (event) => this.onKeyDown(event),
        input: () => {
          this.autoGrow();
          this.updateCounter();
        },
      },
    });
    this.sendButton = element('button', {
      className: 'button primary send',
      text: 'Send',
      attributes: { type: 'submit' },
    });
    this.hint = element('p', {
      className: 'composer-hint',
      text: 'Enter sends · Shift+Enter starts a new line',
      attributes: { id: 'composer-hint' },
    });
    this.counter = element('p', { className: 'composer-counter', attributes: { id: 'composer-counter', hidden: true } });
    const form = element(
      'form',
      {
        className: 'composer',
        on: {
          submit: (event) => {
            event.preventDefault();
            this.submit();
          },
        },
      },
      [
        element('label', { className: 'visually-hidden', text: 'Your message', attributes: { for: 'composer-input' } }),
        element('div', { className: 'composer-row' }, [this.input, this.sendButton]),
        this.hint,
        this.counter,
      ],
    );
    this.root = element('section', { className: 'chat', attributes: { 'aria-label': words.region } }, [
      // Focusable so keyboard users can scroll the transcript with the arrow keys.
      element('div', { className: 'messages-scroll', attributes: { tabindex: '0', role: 'region', 'aria-label': 'Messages' } }, [this.list]),
      this.mine ? form : (options.footer ?? null),
    ]);
    this.list.append(this.typing);
  }

  focusComposer(): void {
    this.input.focus();
  }

  /** Puts words in the composer to rework (a turn being tried again), ready to edit and send. */
  setDraft(text: string): void {
    this.input.value = text;
    this.autoGrow();
    this.input.focus();
    this.input.select();
  }

  /** Clear everything (a new session replaces the old one). */
  reset(): void {
    this.renderedSeqs.clear();
    this.pendingBubbles.clear();
    this.streamingBubbles.clear();
    replaceChildren(this.list, [this.typing]);
  }

  /** Add a persisted turn once; a seq already on screen is ignored, so resume never doubles. */
  addHistoryItem(item: HistoryItem): void {
    if (this.renderedSeqs.has(item.seq)) return;
    this.renderedSeqs.add(item.seq);
    const bubble = this.buildBubble(item.role, item.text, item.moves ?? []);
    bubble.dataset.seq = String(item.seq);
    this.insertBeforeTyping(bubble);
  }

  /** A client message typed here, before the server has accepted it. */
  addPendingClientMessage(id: string, text: string, state: DeliveryState): void {
    const bubble = this.buildBubble(this.mine ?? 'client', text, []);
    bubble.dataset.messageId = id;
    this.pendingBubbles.set(id, bubble);
    this.insertBeforeTyping(bubble);
    this.setDelivery(id, state);
    this.scrollToEnd();
  }

  /**
   * After a resume the history may hold a message typed here whose acceptance was lost with the
   * connection. History items carry no message id, so the pending bubble is matched by its text.
   * Returns the matched message id.
   */
  claimPendingByText(text: string, seq: number): string | null {
    for (const [id, bubble] of this.pendingBubbles) {
      if (bubble.dataset.seq === undefined && bubble.dataset.text === text) {
        this.markAccepted(id, seq);
        return id;
      }
    }
    return null;
  }

  markAccepted(id: string, seq: number): void {
    const bubble = this.pendingBubbles.get(id);
    if (!bubble) return;
    bubble.dataset.seq = String(seq);
    this.renderedSeqs.add(seq);
    this.setDelivery(id, 'delivered');
  }

  setDelivery(id: string, state: DeliveryState, problem?: string): void {
    const bubble = this.pendingBubbles.get(id);
    if (!bubble) return;
    bubble.dataset.delivery = state;
    const status = bubble.querySelector<HTMLElement>('.delivery');
    if (!status) return;
    if (state === 'failed') {
      replaceChildren(status, [
        element('span', { className: 'delivery-problem', text: problem ?? 'Not sent.', attributes: { role: 'alert' } }),
        element('button', {
          className: 'button small',
          text: 'Retry',
          attributes: { type: 'button' },
          on: { click: () => this.options.onRetry(id) },
        }),
      ]);
      return;
    }
    const words: Record<Exclude<DeliveryState, 'failed'>, string> = {
      sending: 'Sending…',
      waiting: 'Waiting for the connection…',
      delivered: 'Delivered',
    };
    replaceChildren(status, [element('span', { text: words[state] })]);
  }

  /** Append a streamed chunk of a coach reply. */
  appendDelta(turn: string | number, text: string): void {
    // A demonstration's deltas carry no role; its turns appear whole, each with its techniques.
    if (!this.mine) return;
    const key = String(turn);
    let bubble = this.streamingBubbles.get(key);
    if (!bubble) {
      bubble = this.buildBubble(this.botRole, '', []);
      bubble.classList.add('streaming');
      // The text is still changing; assistive technology gets the whole reply once it is final.
      bubble.setAttribute('aria-busy', 'true');
      this.streamingBubbles.set(key, bubble);
      this.insertBeforeTyping(bubble);
    }
    // Append to the one text node (still text, never markup) instead of rewriting the whole reply.
    const body = bubble.querySelector('.message-text');
    if (body?.firstChild instanceof Text) body.firstChild.appendData(text);
    else body?.append(text);
    this.typing.hidden = true;
    this.scrollToEnd();
  }

  /** The final form of a reply replaces its streamed draft (or is added when nothing streamed). */
  finishAssistantMessage(frame: AssistantMessageFrame): void {
    const key = String(frame.turn);
    const streamed = this.streamingBubbles.get(key);
    this.streamingBubbles.delete(key);
    if (this.renderedSeqs.has(frame.seq)) {
      streamed?.remove();
      return;
    }
    this.renderedSeqs.add(frame.seq);
    const bubble = this.buildBubble(frame.role, frame.text, frame.moves ?? []);
    bubble.dataset.seq = String(frame.seq);
    if (streamed) streamed.replaceWith(bubble);
    else this.insertBeforeTyping(bubble);
    announce(`${authorLabel(this.mode, frame.role)}: ${frame.text}`);
    this.scrollToEnd();
  }

  /** Drop half-streamed replies (the connection went away; the final text comes with history). */
  discardStreaming(): void {
    for (const bubble of this.streamingBubbles.values()) bubble.remove();
    this.streamingBubbles.clear();
  }

  /** The coach is replying: show the indicator and hold the send button (typing stays possible). */
  setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.disabled = busy;
    this.typing.hidden = !busy || this.streamingBubbles.size > 0;
    this.root.setAttribute('aria-busy', String(busy));
    if (busy) this.scrollToEnd();
  }

  /** Bring a client turn into view and mark it for a moment (from a statement's source link). */
  highlightSeq(seq: number): boolean {
    const bubble = this.list.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
    if (!bubble) return false;
    // Scroll only the transcript (scrollIntoView would also move the page around it).
    const scroller = this.list.parentElement;
    if (scroller) {
      const top = bubble.offsetTop - scroller.offsetTop - (scroller.clientHeight - bubble.offsetHeight) / 2;
      scroller.scrollTo({ top: Math.max(0, top), behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    }
    bubble.classList.remove('highlight');
    // Restart the highlight animation when the same turn is asked for twice.
    void bubble.offsetWidth;
    bubble.classList.add('highlight');
    bubble.tabIndex = -1;
    bubble.focus({ preventScroll: true });
    return true;
  }

  /** The server's own limit (from GET /api/schema), so the page never lets through what it refuses. */
  setMessageLimit(limit: number): void {
    this.messageLimit = limit;
    this.updateCounter();
  }

  /** Near the limit, how many characters are left; over it, by how much to shorten, and why. */
  private updateCounter(): void {
    const length = this.input.value.trim().length;
    const over = length - this.messageLimit;
    const near = length >= this.messageLimit * COUNTER_FROM;
    this.counter.hidden = !near;
    this.counter.classList.toggle('over', over > 0);
    this.input.setAttribute('aria-invalid', String(over > 0));
    const limit = this.messageLimit.toLocaleString('en');
    this.counter.textContent = !near
      ? ''
      : over > 0
        ? `Too long to send: ${length.toLocaleString('en')} characters, and a message can hold ${limit}. Shorten it by ${over.toLocaleString('en')} — nothing is cut or sent until you do.`
        : `${length.toLocaleString('en')} of ${limit} characters`;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text || this.busy) return;
    if (text.length > this.messageLimit) {
      // Not sent: the counter says why and by how much; the words stay in the box.
      this.updateCounter();
      announce(this.counter.textContent ?? '');
      this.input.focus();
      return;
    }
    this.options.onSend(text);
    this.input.value = '';
    this.autoGrow();
    this.updateCounter();
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Enter sends; Shift+Enter is a line break; an IME composition's Enter is left alone.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private autoGrow(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 240)}px`;
  }

  private insertBeforeTyping(bubble: HTMLLIElement): void {
    this.list.insertBefore(bubble, this.typing);
  }

  scrollToEnd(): void {
    const scroller = this.list.parentElement;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }

  /**
   * Under one of the person's turns (matched by seq): what kind of turn it was, and a suggestion.
   * Returns false when that turn is not on screen.
   */
  showTurnFeedback(seq: number, feedback: TurnFeedback): boolean {
    const bubble = this.list.querySelector<HTMLElement>(`.message.mine[data-seq="${seq}"]`);
    if (!bubble) return false;
    const { suggestion } = feedback;
    const box = element('div', { className: 'turn-feedback' }, [
      element('p', { className: 'turn-label' }, [
        element('span', { className: 'visually-hidden', text: 'Listening feedback: ' }),
        element('span', { className: `tag label-${feedback.label}`, text: utteranceLabel(feedback.label) }),
        feedback.note ? element('span', { className: 'turn-note', text: ` ${withoutPrefix([utteranceLabel(feedback.label)], feedback.note)}` }) : null,
      ]),
      suggestion
        ? element('p', { className: 'turn-suggestion' }, [
            `You said “${suggestion.said}” — try `,
            element('q', { className: 'try-instead', text: suggestion.tryInstead }),
            ` — because ${suggestion.why}`,
          ])
        : null,
    ]);
    const previous = bubble.querySelector('.turn-feedback');
    if (previous) previous.replaceWith(box);
    else bubble.append(box);
    return true;
  }

  private buildBubble(role: 'coach' | 'client', text: string, moves: Move[]): HTMLLIElement {
    const isMine = role === this.mine;
    const detailed = this.mode === 'demo';
    const bubble = element('li', { className: `message ${role}${isMine ? ' mine' : ''}` }, [
      element('span', { className: 'message-author', text: authorLabel(this.mode, role) }),
      // A safety message's helpline numbers and sites are real links; every other text stays plain.
      element('p', { className: 'message-text' }, linkedText(text, helpLinks(moves))),
      moves.length > 0
        ? element(
            'ul',
            { className: `moves${detailed ? ' detailed' : ''}`, attributes: { 'aria-label': role === 'coach' ? 'Techniques in this turn' : 'What this turn shows' } },
            moves.map((move) =>
              detailed
                ? element('li', { className: `move move-${move.kind}` }, [
                    element('span', { className: 'move-kind', text: moveLabel(move.kind) }),
                    move.label ? element('span', { className: 'move-label', text: ` ${withStepTitles(move.label)}` }) : null,
                    move.note ? element('span', { className: 'move-note', text: ` — ${withStepTitles(withoutPrefix([moveLabel(move.kind), move.kind.replace(/_/g, ' ')], move.note))}` }) : null,
                  ])
                : element('li', { className: `move move-${move.kind}`, text: moveLabel(move.kind), attributes: move.label ? { title: move.label } : {} }),
            ),
          )
        : null,
      isMine ? element('div', { className: 'delivery' }) : null,
    ]);
    bubble.dataset.text = text;
    return bubble;
  }
}

/** A note that starts by naming its move again ("Open question: invites…") is shown without the repeat. */
function withoutPrefix(names: string[], note: string): string {
  const colon = note.indexOf(':');
  if (colon < 0 || colon > 40) return note;
  const prefix = note.slice(0, colon).trim().toLowerCase();
  if (!names.some((name) => name.toLowerCase() === prefix)) return note;
  const rest = note.slice(colon + 1).trim();
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** A step id inside a label ("moves to create_partnership") is shown as the step's name. */
function withStepTitles(text: string): string {
  return text.replace(/\b[a-z]+_[a-z_]+\b/g, (word) => (word in STEP_LONG_TITLES ? `“${STEP_LONG_TITLES[word as StepId]}”` : word));
}

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
