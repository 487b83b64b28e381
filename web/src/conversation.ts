/**
 * One coaching conversation on screen: owns the socket, the session key, the outbox of messages
 * not yet accepted, and hands each frame to the view that draws it.
 */
import { deleteSession } from './api.js';
import { ChatView } from './chat-view.js';
import { announce, element } from './dom.js';
import { copyText, downloadText, statementFilename, statementMarkdown } from './export.js';
import { newMessageId } from './ids.js';
import { errorInWords } from './labels.js';
import { NeedsPanel } from './needs-panel.js';
import type { AssistantMessageFrame, ClientFrame, HistoryItem, Mode, ServerFrame, SessionReadyFrame, StateFrame, StatementEdit, StepId } from './protocol.js';
import { RapportSocket, socketUrl, type ConnectionStatus } from './socket.js';
import { StatementEditor } from './statement-editor.js';
import { renderPrintStatement } from './statement-print.js';
import { Stepper } from './stepper.js';
import { clearSession, loadShowTechniques, saveSession, saveShowTechniques, type StoredSession } from './storage.js';

export interface ConversationOptions {
  /** Resume this stored session, or start a new one in `mode`. */
  resume: StoredSession | null;
  mode: Mode;
  /** Called when the conversation is gone (deleted here, or no longer on the server). */
  onLeave(notice: string): void;
}

/** A reply that takes longer than this frees the composer and says so. */
const REPLY_PATIENCE_MS = 90_000;

export class Conversation {
  private readonly socket: RapportSocket;
  private readonly chat: ChatView;
  private readonly stepper: Stepper;
  private readonly needsPanel: NeedsPanel;
  private readonly statementEditor: StatementEditor;
  private readonly banner: HTMLDivElement;
  private readonly connection: HTMLParagraphElement;
  private readonly printStatement: HTMLElement;
  private readonly sideToggle: HTMLButtonElement;
  private readonly chatToggle: HTMLButtonElement;
  private readonly layout: HTMLElement;
  private readonly deleteButton: HTMLButtonElement;
  private readonly engineNote: HTMLParagraphElement;
  private session: StoredSession | null;
  private phase: 'connecting' | 'starting' | 'resuming' | 'ready' = 'connecting';
  private lastSeq = 0;
  private state: StateFrame | null = null;
  /** Every message typed here, by id, so a retry resends the same id and text. */
  private readonly messages = new Map<string, string>();
  /** Ids typed here that the server has not accepted yet, in order. */
  private readonly outbox = new Set<string>();
  /** Ids accepted (or sent) that still wait for the coach's answer, with their seq when known. */
  private readonly awaitingReplies = new Map<string, number | null>();
  private awaitingCoach = false;
  private patienceTimer: number | undefined;
  private everOpened = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: ConversationOptions,
  ) {
    this.session = options.resume;
    this.chat = new ChatView({ onSend: (text) => this.sendMessage(text), onRetry: (id) => this.retry(id) });
    this.stepper = new Stepper({ onGoto: (step) => this.gotoStep(step) });
    this.needsPanel = new NeedsPanel({ onShowTurn: (seq) => this.showTurn(seq) });
    this.statementEditor = new StatementEditor({
      onRequestDraft: () => this.send({ type: 'statement.request' }, 'The statement could not be drafted while offline.'),
      onEdit: (edit) => this.editStatement(edit),
      onConfirm: () => this.send({ type: 'statement.confirm' }, 'The statement could not be confirmed while offline.'),
      onShowTurn: (seq) => this.showTurn(seq),
      onDownloadMarkdown: () => void this.downloadMarkdown(),
      onCopyMarkdown: () => void this.copyMarkdown(),
      onDownloadJson: () => this.downloadJson(),
      onPrint: () => window.print(),
    });
    this.engineNote = element('p', { className: 'engine-note' });
    this.banner = element('div', { className: 'banner', attributes: { hidden: true, role: 'alert' } });
    this.connection = element('p', { className: 'connection', attributes: { role: 'status' } });
    this.printStatement = element('article', { className: 'print-statement', attributes: { 'aria-hidden': 'true' } });
    this.deleteButton = element(
      'button',
      { className: 'button quiet danger', attributes: { type: 'button', disabled: true }, on: { click: () => this.confirmDelete() } },
      responsiveLabel('Delete this conversation', 'Delete'),
    );
    this.chatToggle = element('button', {
      className: 'view-toggle',
      text: 'Conversation',
      attributes: { type: 'button', 'aria-pressed': 'true', 'aria-controls': 'chat-column' },
      on: { click: () => this.showSide(false) },
    });
    this.sideToggle = element('button', {
      className: 'view-toggle',
      text: 'Notes & statement',
      attributes: { type: 'button', 'aria-pressed': 'false', 'aria-controls': 'side-column' },
      on: { click: () => this.showSide(true) },
    });
    this.layout = element('main', { className: 'layout', attributes: { id: 'main', tabindex: '-1' } }, [
      element('div', { className: 'chat-column', attributes: { id: 'chat-column' } }, [this.connection, this.banner, this.chat.root]),
      element('aside', { className: 'side-column', attributes: { id: 'side-column', 'aria-label': 'Notes and partnership statement' } }, [
        this.needsPanel.root,
        this.statementEditor.root,
        this.engineNote,
      ]),
    ]);
    this.socket = new RapportSocket(socketUrl(), {
      onOpen: () => this.onOpen(),
      onFrame: (frame) => this.onFrame(frame),
      onStatus: (status, retryInMs) => this.onConnectionStatus(status, retryInMs),
    });
  }

  mount(): void {
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
    document.body.classList.toggle('show-techniques', showTechniques);
    const header = element('header', { className: 'app-header' }, [
      element('p', { className: 'brand', text: 'Rapport' }),
      element('div', { className: 'header-actions' }, [techniquesToggle, this.deleteButton]),
    ]);
    const views = element('div', { className: 'view-toggles', attributes: { role: 'group', 'aria-label': 'Show' } }, [this.chatToggle, this.sideToggle]);
    this.container.replaceChildren(
      element('div', { className: 'app' }, [header, this.stepper.root, views, this.layout]),
      this.printStatement,
    );
    this.chat.setBusy(true);
    this.stepper.setBusy(true);
    this.socket.connect();
  }

  // ---- socket lifecycle ----

  private onOpen(): void {
    this.everOpened = true;
    if (this.session) {
      this.phase = 'resuming';
      // After a reload nothing is on screen, so `after` is 0 and the whole history comes back.
      this.socket.send({ type: 'session.resume', sessionId: this.session.sessionId, token: this.session.token, after: this.lastSeq });
    } else {
      this.phase = 'starting';
      this.socket.send({ type: 'session.start', mode: this.options.mode });
    }
  }

  private onConnectionStatus(status: ConnectionStatus, retryInMs?: number): void {
    if (status === 'reconnecting') {
      this.chat.discardStreaming();
      const seconds = retryInMs ? Math.max(1, Math.round(retryInMs / 1000)) : null;
      this.connection.textContent = this.everOpened
        ? `Connection lost — reconnecting${seconds ? ` in ${seconds} s` : ''}. Your words are kept.`
        : `Cannot reach the Rapport server — trying again${seconds ? ` in ${seconds} s` : ''}.`;
      this.connection.classList.add('visible');
    } else if (status === 'open') {
      this.connection.textContent = '';
      this.connection.classList.remove('visible');
    }
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'session.ready':
        this.onReady(frame);
        break;
      case 'message.accepted':
        this.outbox.delete(frame.id);
        if (this.awaitingReplies.has(frame.id)) this.awaitingReplies.set(frame.id, frame.seq);
        this.chat.markAccepted(frame.id, frame.seq);
        this.noteSeq(frame.seq);
        break;
      case 'assistant.delta':
        this.chat.appendDelta(frame.turn, frame.text);
        this.restartPatience();
        break;
      case 'assistant.message':
        this.onAssistantMessage(frame);
        break;
      case 'state':
        if (frame.seq !== undefined) this.noteSeq(frame.seq);
        this.applyState(frame);
        break;
      case 'error':
        this.onError(frame.code, frame.message, frame.id);
        break;
      default:
        break;
    }
  }

  private onReady(frame: SessionReadyFrame): void {
    const token = frame.token ?? this.session?.token;
    if (!token) return;
    this.session = { sessionId: frame.sessionId, token, mode: frame.mode };
    saveSession(this.session);
    this.phase = 'ready';
    this.socket.markHealthy();
    this.deleteButton.disabled = false;
    this.hideBanner();
    this.stepper.setSteps(frame.steps);
    this.engineNote.textContent = engineInWords(frame.engine);

    const history = [...frame.history].sort((first, second) => first.seq - second.seq);
    for (const item of history) this.addHistoryItem(item);
    if (history.length > 0) this.chat.scrollToEnd();
    this.applyState({ ...frame.state, step: frame.state?.step ?? frame.step });

    // A reply may have come while the connection was down: it is in the history now.
    const lastCoach = [...history].reverse().find((item) => item.role === 'coach');
    if (lastCoach) this.settleRepliesBefore(lastCoach.seq);

    // Messages typed while offline, or whose acceptance was lost, go (again) with the same id.
    for (const id of this.outbox) {
      const text = this.messages.get(id);
      if (text === undefined) continue;
      this.chat.setDelivery(id, 'sending');
      this.awaitingReplies.set(id, null);
      this.socket.send({ type: 'user.message', id, text });
    }
    this.updateBusy();
  }

  private addHistoryItem(item: HistoryItem): void {
    if (item.role === 'client') {
      const claimed = this.chat.claimPendingByText(item.text, item.seq);
      if (claimed) {
        this.outbox.delete(claimed);
        if (this.awaitingReplies.has(claimed)) this.awaitingReplies.set(claimed, item.seq);
      } else this.chat.addHistoryItem(item);
    } else this.chat.addHistoryItem(item);
    this.noteSeq(item.seq);
  }

  private onAssistantMessage(frame: AssistantMessageFrame): void {
    this.chat.finishAssistantMessage(frame);
    this.noteSeq(frame.seq);
    if (frame.replyTo) this.awaitingReplies.delete(frame.replyTo);
    this.settleRepliesBefore(frame.seq);
    this.awaitingCoach = false;
    this.updateBusy();
  }

  /** Any coach message after an accepted client message answers it (replyTo is optional in v1). */
  private settleRepliesBefore(seq: number): void {
    for (const [id, acceptedSeq] of this.awaitingReplies) {
      if (acceptedSeq !== null && acceptedSeq < seq) this.awaitingReplies.delete(id);
    }
  }

  private onError(code: string, message: string, id: string | undefined): void {
    const words = errorInWords(code, message);
    if (this.phase === 'resuming' && code === 'not_found') {
      this.leave('That conversation is no longer on this server — it may have been deleted. You can start a new one.');
      return;
    }
    const messageId = id ?? this.lastUnacceptedSent();
    if (messageId && this.messages.has(messageId)) {
      this.awaitingReplies.delete(messageId);
      this.chat.setDelivery(messageId, 'failed', words);
    } else {
      this.showBanner(words);
    }
    this.awaitingCoach = false;
    this.updateBusy();
  }

  private lastUnacceptedSent(): string | undefined {
    const waiting = [...this.awaitingReplies].filter(([, seq]) => seq === null);
    return waiting.at(-1)?.[0];
  }

  // ---- actions ----

  private send(frame: ClientFrame, offlineWords: string): boolean {
    if (this.phase !== 'ready' || !this.socket.send(frame)) {
      this.showBanner(offlineWords);
      return false;
    }
    return true;
  }

  private sendMessage(text: string): void {
    const id = newMessageId();
    this.messages.set(id, text);
    this.outbox.add(id);
    this.awaitingReplies.set(id, null);
    const sent = this.phase === 'ready' && this.socket.send({ type: 'user.message', id, text });
    this.chat.addPendingClientMessage(id, text, sent ? 'sending' : 'waiting');
    this.hideBanner();
    this.updateBusy();
  }

  private retry(id: string): void {
    const text = this.messages.get(id);
    if (text === undefined) return;
    this.outbox.add(id);
    this.awaitingReplies.set(id, null);
    // The same id again: the server stores it at most once.
    const sent = this.phase === 'ready' && this.socket.send({ type: 'user.message', id, text });
    this.chat.setDelivery(id, sent ? 'sending' : 'waiting');
    this.updateBusy();
  }

  private gotoStep(step: StepId): void {
    if (this.send({ type: 'step.goto', step }, 'Cannot change step while offline; reconnecting…')) {
      this.awaitingCoach = true;
      this.updateBusy();
    }
  }

  private editStatement(edit: StatementEdit): void {
    if (this.send({ type: 'statement.edit', statement: edit }, 'Your change could not be saved while offline. It will need to be made again.')) {
      this.statementEditor.tell('Saved.');
    }
  }

  private applyState(state: StateFrame): void {
    const previousStatement = JSON.stringify(this.state?.statement ?? null);
    const hadState = this.state !== null;
    this.state = state;
    this.stepper.update(state.step, state.missing);
    this.needsPanel.update(state.needs ?? [], state.constraints ?? [], state.learningPreference ?? null);
    this.statementEditor.update(state.statement ?? null);
    renderPrintStatement(this.printStatement, state.statement ?? null);
    // News only when the statement changes during the conversation, not when a page (re)loads it.
    if (hadState && JSON.stringify(state.statement ?? null) !== previousStatement && state.statement) {
      if (this.layout.classList.contains('showing-side') === false) this.sideToggle.classList.add('has-news');
      if (previousStatement === 'null') announce('A draft partnership statement is ready in the notes.');
    }
  }

  private showTurn(seq: number): void {
    this.showSide(false);
    if (!this.chat.highlightSeq(seq)) this.statementEditor.tell(`That turn (${seq}) is not on screen.`);
  }

  /** On narrow screens the notes and the conversation take turns; on wide screens both show. */
  private showSide(show: boolean): void {
    this.layout.classList.toggle('showing-side', show);
    this.chatToggle.setAttribute('aria-pressed', String(!show));
    this.sideToggle.setAttribute('aria-pressed', String(show));
    if (show) this.sideToggle.classList.remove('has-news');
  }

  private async downloadMarkdown(): Promise<void> {
    const statement = this.state?.statement;
    if (!statement || !this.session) return;
    const { markdown, from } = await statementMarkdown(this.session.sessionId, this.session.token, statement);
    downloadText(statementFilename('md'), markdown, 'text/markdown;charset=utf-8');
    this.statementEditor.tell(from === 'server' ? 'Markdown downloaded.' : 'Markdown downloaded (built in this page; the server did not answer).');
  }

  private async copyMarkdown(): Promise<void> {
    const statement = this.state?.statement;
    if (!statement || !this.session) return;
    const { markdown } = await statementMarkdown(this.session.sessionId, this.session.token, statement);
    this.statementEditor.tell((await copyText(markdown)) ? 'Copied to the clipboard.' : 'Copying was refused by the browser; use Download Markdown instead.');
  }

  private downloadJson(): void {
    const statement = this.state?.statement;
    if (!statement) return;
    downloadText(statementFilename('json'), `${JSON.stringify(statement, null, 2)}\n`, 'application/json');
    this.statementEditor.tell('JSON downloaded.');
  }

  private confirmDelete(): void {
    const session = this.session;
    if (!session) return;
    const problem = element('p', { className: 'dialog-problem', attributes: { role: 'alert' } });
    const cancel = element('button', { className: 'button quiet', text: 'Keep it', attributes: { type: 'button', autofocus: true } });
    const confirm = element('button', { className: 'button danger-solid', text: 'Delete', attributes: { type: 'button' } });
    const dialog = element('dialog', { className: 'dialog', attributes: { 'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-description' } }, [
      element('h2', { text: 'Delete this conversation?', attributes: { id: 'delete-title' } }),
      element('p', {
        text: 'The messages, what the coach heard and the partnership statement are removed from the server. This cannot be undone. Download the statement first if you want to keep it.',
        attributes: { id: 'delete-description' },
      }),
      problem,
      element('div', { className: 'dialog-actions' }, [cancel, confirm]),
    ]);
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => dialog.remove());
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      confirm.textContent = 'Deleting…';
      try {
        await deleteSession(session.sessionId, session.token);
        dialog.close();
        this.leave('The conversation was deleted from the server.');
      } catch (error) {
        problem.textContent = error instanceof Error ? error.message : 'The conversation could not be deleted. Try again.';
        confirm.disabled = false;
        confirm.textContent = 'Delete';
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  }

  private leave(notice: string): void {
    this.socket.close();
    window.clearTimeout(this.patienceTimer);
    clearSession();
    document.body.classList.remove('show-techniques');
    this.options.onLeave(notice);
  }

  // ---- busy state ----

  private updateBusy(): void {
    const busy = this.phase !== 'ready' || this.awaitingReplies.size > 0 || this.awaitingCoach;
    this.chat.setBusy(busy);
    this.stepper.setBusy(busy);
    this.statementEditor.setBusy(this.phase !== 'ready');
    if (busy && this.phase === 'ready') this.restartPatience();
    else window.clearTimeout(this.patienceTimer);
  }

  private restartPatience(): void {
    window.clearTimeout(this.patienceTimer);
    this.patienceTimer = window.setTimeout(() => {
      this.awaitingReplies.clear();
      this.awaitingCoach = false;
      this.showBanner('The coach is taking unusually long to answer. You can write again, or reload the page.');
      this.updateBusy();
    }, REPLY_PATIENCE_MS);
  }

  private noteSeq(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  private showBanner(words: string): void {
    this.banner.replaceChildren(
      element('span', { text: words }),
      element('button', { className: 'button small quiet', text: 'Dismiss', attributes: { type: 'button' }, on: { click: () => this.hideBanner() } }),
    );
    this.banner.hidden = false;
  }

  private hideBanner(): void {
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
