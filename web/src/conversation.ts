/**
 * One coaching conversation on screen: owns the socket, the session key, the outbox of messages
 * not yet accepted, and hands each frame to the view that draws it.
 *
 * The page around the views is in conversation-layout.ts, the messages waiting to be accepted or
 * answered in outbox.ts, rehearse's listening feedback in listening-feedback.ts and the delete
 * dialog in delete-dialog.ts.
 */
import { fetchPersonas, type Persona } from './api.js';
import { ChatView } from './chat-view.js';
import { ConversationLayout } from './conversation-layout.js';
import { openDeleteDialog } from './delete-dialog.js';
import { DemoControls } from './demo-controls.js';
import { offerTryDifferently } from './try-differently.js';
import { DEFAULT_WORDS_PER_MINUTE, ReadingPacer } from './reading-pace.js';
import { announce } from './dom.js';
import { copyText, downloadText, statementFilename, statementMarkdown } from './export.js';
import { newMessageId } from './ids.js';
import { errorInWords, personRole } from './labels.js';
import { ListeningFeedback } from './listening-feedback.js';
import { NeedsPanel } from './needs-panel.js';
import { Outbox } from './outbox.js';
import type { AssistantMessageFrame, ClientFrame, HistoryItem, Mode, ServerFrame, SessionReadyFrame, StateFrame, StatementEdit, StepId } from './protocol.js';
import { RapportSocket, socketUrl, type ConnectionStatus } from './socket.js';
import { StatementEditor } from './statement-editor.js';
import { renderPrintStatement } from './statement-print.js';
import { Stepper } from './stepper.js';
import { clearSession, saveSession, type StoredSession } from './storage.js';
import { forgetConversation, keepConversation } from './kept-conversations.js';
import { TakeawaysPanel } from './takeaways-panel.js';
import { fetchMessageLimit } from './takeaway-api.js';

export interface ConversationOptions {
  /** Resume this stored session, or start a new one in `mode`. */
  resume: StoredSession | null;
  mode: Mode;
  /** The persona chosen on the start screen (rehearse and demo). */
  persona?: Persona;
  /** Called when the conversation is gone (deleted here, or no longer on the server). */
  onLeave(notice: string): void;
  /** The resumed session turned out to be of another mode than expected: draw it again in that mode. */
  onModeChange?(mode: Mode): void;
  /** Rehearse: a branch was opened from one of the person's turns; open it, with those words to rework. */
  onBranch?(session: StoredSession, draft: string): void;
  /** Words to put in the composer once the conversation is ready (a turn being tried again). */
  draft?: string;
}

/** A reply that takes longer than this frees the composer and says so. */
const REPLY_PATIENCE_MS = 90_000;

export class Conversation {
  private readonly socket: RapportSocket;
  private readonly chat: ChatView;
  private readonly stepper: Stepper;
  private readonly needsPanel: NeedsPanel;
  private readonly statementEditor: StatementEditor;
  private readonly layout: ConversationLayout;
  private readonly mode: Mode;
  private readonly mine: 'coach' | 'client' | null;
  private readonly feedback: ListeningFeedback | null = null;
  private readonly demo: DemoControls | null = null;
  /** Calendar and share-with-my-coach panels (the client's own coaching only). */
  private readonly takeaways: TakeawaysPanel | null = null;
  /** A demonstration exchange was asked for and has not finished yet. */
  private demoPending = false;
  private readonly demoRolesHeard = new Set<'coach' | 'client'>();
  /** A demonstration's turns appear one at a time, each after the one before has had its reading time. */
  private readonly pacer = new ReadingPacer(() => this.demo?.wordsPerMinute ?? DEFAULT_WORDS_PER_MINUTE);
  private session: StoredSession | null;
  private phase: 'connecting' | 'starting' | 'resuming' | 'ready' = 'connecting';
  private lastSeq = 0;
  private state: StateFrame | null = null;
  private readonly outbox = new Outbox();
  private awaitingCoach = false;
  private patienceTimer: number | undefined;
  private everOpened = false;
  /** Words waiting to go into the composer once ready (only the first time, not after a reconnect). */
  private draft: string | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: ConversationOptions,
  ) {
    this.session = options.resume;
    this.draft = options.draft;
    this.mode = options.mode;
    this.mine = personRole(this.mode);
    if (this.mode === 'demo') {
      this.demo = new DemoControls({
        onNext: () => {
          // Asking for the next exchange says the last turn has been read.
          this.pacer.readNow();
          this.demoNext();
        },
        onAuto: (on) => this.demoAuto(on),
      });
    }
    this.chat = new ChatView({ mode: this.mode, onSend: (text) => this.sendMessage(text), onRetry: (id) => this.retry(id), footer: this.demo?.root });
    if (this.mode === 'rehearse') {
      this.feedback = new ListeningFeedback({
        chat: this.chat,
        onShowTurn: (seq) => this.showTurn(seq),
        send: (frame, offlineWords) => this.send(frame, offlineWords),
        canAsk: () => this.phase === 'ready' && this.socket.isOpen,
        onNews: () => this.layout.flagSideNews(),
      });
      offerTryDifferently(this.chat.root, {
        session: () => (this.phase === 'ready' ? this.session : null),
        onBranched: (session, draft) => {
          this.socket.close();
          window.clearTimeout(this.patienceTimer);
          this.options.onBranch?.(session, draft);
        },
      });
    }
    this.stepper = new Stepper({ onGoto: (step) => this.gotoStep(step) });
    this.needsPanel = new NeedsPanel({ onShowTurn: (seq) => this.showTurn(seq), watching: this.mode === 'demo' });
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
    if (this.mode === 'coach') this.takeaways = new TakeawaysPanel();
    this.layout = new ConversationLayout({
      mode: this.mode,
      chat: this.chat.root,
      // Rehearse shows how the person listens (the needs heard would give the answers away);
      // demo shows what the coach hears; only the person's own coaching has a statement to edit.
      side:
        this.mode === 'rehearse'
          ? [this.feedback?.panel.root]
          : this.mode === 'demo'
            ? [this.needsPanel.root]
            : [this.needsPanel.root, this.statementEditor.root, this.takeaways?.calendarRoot, this.takeaways?.shareRoot],
      onDelete: () => this.confirmDelete(),
      onHome: () => this.leave(''),
    });
    this.socket = new RapportSocket(socketUrl(), {
      onOpen: () => this.onOpen(),
      onFrame: (frame) => this.onFrame(frame),
      onStatus: (status, retryInMs) => this.onConnectionStatus(status, retryInMs),
    });
  }

  mount(): void {
    this.layout.mount(this.container, this.stepper.root);
    this.chat.setBusy(true);
    this.stepper.setBusy(true);
    this.socket.connect();
    // The server's limit is the page's limit: the composer counts against what the server accepts.
    void fetchMessageLimit().then((limit) => this.chat.setMessageLimit(limit));
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
      const persona = this.options.persona?.id;
      this.socket.send({ type: 'session.start', mode: this.mode, ...(persona ? { persona } : {}) });
    }
  }

  private onConnectionStatus(status: ConnectionStatus, retryInMs?: number): void {
    if (status === 'reconnecting') {
      this.chat.discardStreaming();
      this.layout.showReconnecting(this.everOpened, retryInMs);
    } else if (status === 'open') {
      this.layout.hideConnection();
    }
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'session.ready':
        this.onReady(frame);
        break;
      case 'message.accepted':
        this.outbox.accepted(frame.id, frame.seq);
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
      case 'demo.status':
        // The server's own word on the demonstration: the exchange finished, playing or not, over or not.
        if (this.demo) {
          // The page plays on by itself (not the server's timer), so each exchange waits until the last one was read.
          const demo = this.demo;
          this.pacer.whenShown(() => {
            this.setDemoPending(false);
            if (frame.done) demo.setComplete(true);
          });
          if (!frame.done) this.pacer.whenRead(() => this.playOn());
        }
        break;
      case 'feedback':
        this.noteSeq(frame.seq);
        this.feedback?.show(frame.report);
        break;
      case 'error':
        this.onError(frame.code, frame.message, frame.id, frame.retryAfter);
        break;
      default:
        break;
    }
  }

  private onReady(frame: SessionReadyFrame): void {
    const token = frame.token ?? this.session?.token;
    if (!token) return;
    const fresh = this.phase === 'starting';
    this.session = { sessionId: frame.sessionId, token, mode: frame.mode ?? this.mode };
    saveSession(this.session);
    const firstWords = frame.history.find((item) => item.role === this.mine)?.text;
    keepConversation({ ...this.session, ...(firstWords ? { purpose: firstWords } : {}) });
    this.takeaways?.setSession(this.session);
    if (this.session.mode !== this.mode && this.options.onModeChange) {
      // The page was drawn for another mode (an older stored key): draw it again for this one.
      this.socket.close();
      window.clearTimeout(this.patienceTimer);
      this.options.onModeChange(this.session.mode);
      return;
    }
    void this.showPersona(frame.persona);
    this.phase = 'ready';
    this.socket.markHealthy();
    this.layout.deleteButton.disabled = false;
    this.layout.hideBanner();
    // The server lists its own step ids (typed as plain strings in its frame).
    this.stepper.setSteps(frame.steps);
    this.layout.showEngine(frame.engine);

    const history = [...frame.history].sort((first, second) => first.seq - second.seq);
    for (const item of history) this.addHistoryItem(item);
    // Messages an earlier page kept (outbox.ts) that the server never got: shown and sent again below.
    for (const { id, text } of this.outbox.restore(this.session.sessionId, history)) this.chat.addPendingClientMessage(id, text, 'waiting');
    if (history.length > 0) this.chat.scrollToEnd();
    this.applyState({ ...frame.state, step: frame.state?.step ?? frame.step });

    // A reply may have come while the connection was down: it is in the history now.
    const lastReply = [...history].reverse().find((item) => item.role !== this.mine);
    if (lastReply) this.outbox.settleRepliesBefore(lastReply.seq);

    if (this.draft && this.mine) {
      this.chat.setDraft(this.draft);
      this.draft = undefined;
      announce('This is a new try from just before your turn; the first try is kept. Your words are in the message box to rework.');
    }
    if (this.feedback) {
      this.feedback.setBusy(false);
      // After a reload the last report is not in the history: ask the server for a fresh one.
      if (!this.feedback.hasReport && history.some((item) => item.role === this.mine)) void this.feedback.load(this.session);
    }
    if (this.demo) {
      this.demo.setReady(true);
      this.demo.setComplete(this.state?.step === 'complete');
      // Back after a dropped connection while playing: play on.
      if (this.demo.isPlaying) this.pacer.whenRead(() => this.playOn());
      if (fresh && document.activeElement === document.body) document.getElementById('demo-next')?.focus();
    }

    for (const item of history) if (item.replyTo) this.outbox.stopAwaiting(item.replyTo);
    // Messages typed while offline, or whose acceptance was lost, go (again) with the same id.
    for (const { id, text } of this.outbox.unaccepted()) {
      this.chat.setDelivery(id, 'sending');
      this.outbox.awaitReply(id);
      this.socket.send({ type: 'user.message', id, text });
    }
    // Accepted but still unanswered (the reply went to a connection that dropped, or the server
    // restarted mid-turn): asking again with the same id stores nothing twice and brings the reply.
    for (const { id, text } of this.outbox.acceptedUnanswered()) {
      this.socket.send({ type: 'user.message', id, text });
    }
    this.updateBusy();
  }

  private addHistoryItem(item: HistoryItem): void {
    if (item.role === this.mine) {
      const claimed = this.chat.claimPendingByText(item.text, item.seq);
      if (claimed) this.outbox.accepted(claimed, item.seq);
      else this.chat.addHistoryItem(item);
    } else this.chat.addHistoryItem(item);
    this.noteSeq(item.seq);
  }

  private onAssistantMessage(frame: AssistantMessageFrame): void {
    if (this.demo) this.pacer.show(frame.text, () => this.drawAssistantMessage(frame));
    else this.drawAssistantMessage(frame);
  }

  private drawAssistantMessage(frame: AssistantMessageFrame): void {
    this.chat.finishAssistantMessage(frame);
    this.noteSeq(frame.seq);
    if (frame.replyTo) this.outbox.stopAwaiting(frame.replyTo);
    this.outbox.settleRepliesBefore(frame.seq);
    this.awaitingCoach = false;
    // A demonstration exchange is one turn of each side (in whichever order the server plays them).
    if (this.demoPending) {
      this.demoRolesHeard.add(frame.role);
      if (this.demoRolesHeard.size === 2) this.setDemoPending(false);
    }
    // Rehearse: every few of the person's turns, listening feedback is asked for by itself.
    if (this.feedback && frame.replyTo) this.feedback.replied();
    this.updateBusy();
  }

  // ---- demo ----

  private demoNext(): void {
    if (this.send({ type: 'demo.next' }, 'The demonstration cannot go on while offline; reconnecting…')) this.setDemoPending(true);
  }

  private demoAuto(on: boolean): void {
    this.demo?.setPlaying(on);
    announce(on ? 'Playing.' : 'Paused.');
    if (on) this.pacer.whenRead(() => this.playOn());
  }

  /** While playing, the next exchange once the last one has been read (and none is under way). */
  private playOn(): void {
    if (!this.demo?.isPlaying || this.demoPending || !this.socket.isOpen || this.phase !== 'ready') return;
    this.demoNext();
  }

  private setDemoPending(pending: boolean): void {
    if (!this.demo) return;
    this.demoPending = pending;
    this.demoRolesHeard.clear();
    this.demo.setPending(pending);
    this.updateBusy();
  }

  private async showPersona(id: string | undefined): Promise<void> {
    if (this.mode === 'coach' || !id) return;
    const persona = this.options.persona?.id === id ? this.options.persona : (await fetchPersonas()).find((item) => item.id === id);
    const name = persona?.name ?? id;
    this.layout.showPersona(name, persona?.brief);
  }

  private onError(code: string, message: string, id: string | undefined, retryAfter?: number): void {
    const words = errorInWords(code, message);
    if (this.phase === 'starting' && code === 'rate_limited') {
      // Too many new conversations from this address (a shared network): start when the server says.
      this.layout.showBanner(words);
      window.setTimeout(() => {
        if (this.phase === 'starting' && this.socket.isOpen) this.onOpen();
      }, Math.min(60, Math.max(1, retryAfter ?? 5)) * 1000);
      return;
    }
    if (this.phase === 'resuming' && code === 'not_found') {
      if (this.session) forgetConversation(this.session.sessionId);
      this.leave('That conversation is no longer on this server — it may have been deleted. You can start a new one.');
      return;
    }
    if (this.phase === 'starting' && code === 'bad_request') {
      // The server does not offer this mode (or persona): say so, back on the start screen.
      this.leave(`That could not be started: ${message || 'the server refused it.'}`);
      return;
    }
    if (this.demo) {
      this.setDemoPending(false);
      this.demo.setPlaying(false);
      // Asked for more after the end (`conflict`): the demonstration is over.
      if (code === 'conflict') {
        this.demo.setComplete(true);
        return;
      }
    }
    this.feedback?.cancel();
    const messageId = id ?? this.outbox.lastUnacceptedSent();
    if (messageId && this.outbox.has(messageId)) {
      this.outbox.stopAwaiting(messageId);
      this.chat.setDelivery(messageId, 'failed', words);
    } else {
      this.layout.showBanner(words);
    }
    this.awaitingCoach = false;
    this.updateBusy();
  }

  // ---- actions ----

  private send(frame: ClientFrame, offlineWords: string): boolean {
    if (this.phase !== 'ready' || !this.socket.send(frame)) {
      this.layout.showBanner(offlineWords);
      return false;
    }
    return true;
  }

  private sendMessage(text: string): void {
    const id = newMessageId();
    this.outbox.add(id, text);
    if (this.session) keepConversation({ ...this.session, purpose: text });
    const sent = this.phase === 'ready' && this.socket.send({ type: 'user.message', id, text });
    this.chat.addPendingClientMessage(id, text, sent ? 'sending' : 'waiting');
    this.feedback?.countTurn();
    this.layout.hideBanner();
    this.updateBusy();
  }

  private retry(id: string): void {
    const text = this.outbox.text(id);
    if (text === undefined) return;
    this.outbox.queueAgain(id);
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
    if (this.demo && state.step === 'complete') {
      this.demo.setComplete(true);
      this.setDemoPending(false);
    }
    this.needsPanel.update(state.needs ?? [], state.constraints ?? [], state.learningPreference ?? null);
    this.statementEditor.update(state.statement ?? null);
    this.takeaways?.update(state.statement ?? null);
    if (this.session) keepConversation({ ...this.session, step: state.step, statement: state.statement?.status ?? 'none' });
    renderPrintStatement(this.layout.printStatement, state.statement ?? null);
    // News only when the statement changes during the conversation, not when a page (re)loads it.
    if (this.mode === 'coach' && hadState && JSON.stringify(state.statement ?? null) !== previousStatement && state.statement) {
      this.layout.flagSideNews();
      if (previousStatement === 'null') announce('A draft partnership statement is ready in the notes.');
    }
  }

  private showTurn(seq: number): void {
    this.layout.showSide(false);
    if (!this.chat.highlightSeq(seq)) this.statementEditor.tell(`That turn (${seq}) is not on screen.`);
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
    openDeleteDialog(session, () => {
      forgetConversation(session.sessionId);
      this.leave('The conversation was deleted from the server.');
    });
  }

  private leave(notice: string): void {
    this.socket.close();
    window.clearTimeout(this.patienceTimer);
    clearSession();
    this.outbox.forget();
    document.body.classList.remove('show-techniques');
    this.options.onLeave(notice);
  }

  // ---- busy state ----

  private updateBusy(): void {
    const busy = this.phase !== 'ready' || this.outbox.awaiting || this.awaitingCoach || this.demoPending;
    this.chat.setBusy(busy);
    this.stepper.setBusy(busy);
    this.statementEditor.setBusy(this.phase !== 'ready');
    this.feedback?.setBusy(this.phase !== 'ready');
    if (busy && this.phase === 'ready') this.restartPatience();
    else window.clearTimeout(this.patienceTimer);
  }

  private restartPatience(): void {
    window.clearTimeout(this.patienceTimer);
    this.patienceTimer = window.setTimeout(() => {
      this.outbox.stopAwaitingAll();
      this.awaitingCoach = false;
      this.demoPending = false;
      this.demo?.setPending(false);
      this.layout.showBanner(
        this.mode === 'demo'
          ? 'The demonstration is taking unusually long. Try Next exchange again, or reload the page.'
          : `The ${this.mine === 'coach' ? 'client' : 'coach'} is taking unusually long to answer. You can write again, or reload the page.`,
      );
      this.updateBusy();
    }, REPLY_PATIENCE_MS);
  }

  private noteSeq(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }
}
