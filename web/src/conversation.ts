/**
 * One coaching conversation on screen: owns the socket, the session key, the outbox of messages
 * not yet accepted, and hands each frame to the view that draws it.
 */
import { deleteSession, fetchFeedback, fetchPersonas, type Persona } from './api.js';
import { ChatView } from './chat-view.js';
import { DemoControls } from './demo-controls.js';
import { announce, element, replaceChildren } from './dom.js';
import { copyText, downloadText, statementFilename, statementMarkdown } from './export.js';
import { newMessageId } from './ids.js';
import { FeedbackPanel } from './feedback-panel.js';
import { errorInWords, personRole } from './labels.js';
import { NeedsPanel } from './needs-panel.js';
import type { AssistantMessageFrame, ClientFrame, FeedbackReport, HistoryItem, Mode, ServerFrame, SessionReadyFrame, StateFrame, StatementEdit, StepId } from './protocol.js';
import { RapportSocket, socketUrl, type ConnectionStatus } from './socket.js';
import { StatementEditor } from './statement-editor.js';
import { renderPrintStatement } from './statement-print.js';
import { Stepper } from './stepper.js';
import { clearSession, loadShowTechniques, saveSession, saveShowTechniques, type StoredSession } from './storage.js';

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
}

/** A rehearsal asks for listening feedback by itself after this many of the person's turns. */
const FEEDBACK_EVERY_TURNS = 3;

const SIDE_WORDS: Record<Mode, { toggle: string; region: string }> = {
  coach: { toggle: 'Notes & statement', region: 'Notes and partnership statement' },
  rehearse: { toggle: 'Feedback', region: 'Listening feedback' },
  demo: { toggle: 'Notes', region: 'What the coach is hearing' },
};

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
  private readonly mode: Mode;
  private readonly mine: 'coach' | 'client' | null;
  private readonly personaCard: HTMLElement;
  private readonly feedbackPanel: FeedbackPanel | null = null;
  private readonly demo: DemoControls | null = null;
  /** The person's turns since the last listening report (rehearse). */
  private turnsSinceFeedback = 0;
  private feedbackAsked: 'person' | 'auto' | null = null;
  private lastReport: FeedbackReport | null = null;
  /** A demonstration exchange was asked for and has not finished yet. */
  private demoPending = false;
  private readonly demoRolesHeard = new Set<'coach' | 'client'>();
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
    this.mode = options.mode;
    this.mine = personRole(this.mode);
    if (this.mode === 'rehearse') {
      this.feedbackPanel = new FeedbackPanel({ onRequest: () => this.requestFeedback('person'), onShowTurn: (seq) => this.showTurn(seq) });
    }
    if (this.mode === 'demo') {
      this.demo = new DemoControls({ onNext: () => this.demoNext(), onAuto: (on, delayMs) => this.demoAuto(on, delayMs) });
    }
    this.personaCard = element('section', { className: 'persona-card', attributes: { hidden: true, 'aria-labelledby': 'persona-title' } });
    this.chat = new ChatView({ mode: this.mode, onSend: (text) => this.sendMessage(text), onRetry: (id) => this.retry(id), footer: this.demo?.root });
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
    const side = SIDE_WORDS[this.mode] ?? SIDE_WORDS.coach;
    this.sideToggle = element('button', {
      className: 'view-toggle',
      text: side.toggle,
      attributes: { type: 'button', 'aria-pressed': 'false', 'aria-controls': 'side-column' },
      on: { click: () => this.showSide(true) },
    });
    this.layout = element('main', { className: 'layout', attributes: { id: 'main', tabindex: '-1' } }, [
      element('div', { className: 'chat-column', attributes: { id: 'chat-column' } }, [this.connection, this.banner, this.personaCard, this.chat.root]),
      element(
        'aside',
        { className: 'side-column', attributes: { id: 'side-column', 'aria-label': side.region } },
        // Rehearse shows how the person listens (the needs heard would give the answers away);
        // demo shows what the coach hears; only the person's own coaching has a statement to edit.
        this.mode === 'rehearse'
          ? [this.feedbackPanel?.root, this.engineNote]
          : this.mode === 'demo'
            ? [this.needsPanel.root, this.engineNote]
            : [this.needsPanel.root, this.statementEditor.root, this.engineNote],
      ),
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
    // Techniques are always shown in a demonstration and belong to the feedback in a rehearsal.
    document.body.classList.toggle('show-techniques', showTechniques && this.mode === 'coach');
    const modeWords = this.mode === 'rehearse' ? 'Rehearsal' : this.mode === 'demo' ? 'Demonstration' : null;
    const header = element('header', { className: 'app-header' }, [
      element('p', { className: 'brand' }, ['Rapport', modeWords ? element('span', { className: 'mode-badge', text: modeWords }) : null]),
      element('div', { className: 'header-actions' }, [this.mode === 'coach' ? techniquesToggle : null, this.deleteButton]),
    ]);
    const views = element('div', { className: 'view-toggles', attributes: { role: 'group', 'aria-label': 'Show' } }, [this.chatToggle, this.sideToggle]);
    this.container.replaceChildren(
      element('div', { className: `app mode-${this.mode}` }, [header, this.stepper.root, views, this.layout]),
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
      const persona = this.options.persona?.id;
      this.socket.send({ type: 'session.start', mode: this.mode, ...(persona ? { persona } : {}) });
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
      case 'demo.status':
        // The server's own word on the demonstration: the exchange finished, playing or not, over or not.
        if (this.demo) {
          this.setDemoPending(false);
          if (frame.done) this.demo.setComplete(true);
          if (typeof frame.auto === 'boolean') this.demo.setPlaying(frame.auto);
        }
        break;
      case 'feedback':
        this.noteSeq(frame.seq);
        this.onFeedback(frame.report);
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
    const fresh = this.phase === 'starting';
    this.session = { sessionId: frame.sessionId, token, mode: frame.mode ?? this.mode };
    saveSession(this.session);
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
    this.deleteButton.disabled = false;
    this.hideBanner();
    this.stepper.setSteps(frame.steps);
    this.engineNote.textContent = engineInWords(frame.engine);

    const history = [...frame.history].sort((first, second) => first.seq - second.seq);
    for (const item of history) this.addHistoryItem(item);
    if (history.length > 0) this.chat.scrollToEnd();
    this.applyState({ ...frame.state, step: frame.state?.step ?? frame.step });

    // A reply may have come while the connection was down: it is in the history now.
    const lastReply = [...history].reverse().find((item) => item.role !== this.mine);
    if (lastReply) this.settleRepliesBefore(lastReply.seq);

    if (this.feedbackPanel) {
      this.feedbackPanel.setBusy(false);
      // After a reload the last report is not in the history: ask the server for a fresh one.
      if (!this.lastReport && history.some((item) => item.role === this.mine)) void this.loadFeedback();
    }
    if (this.demo) {
      this.demo.setReady(true);
      this.demo.setComplete(this.state?.step === 'complete');
      // Back after a dropped connection while playing: play on.
      if (this.demo.isPlaying) this.socket.send({ type: 'demo.auto', on: true, delayMs: this.demo.delayMs });
      if (fresh && document.activeElement === document.body) document.getElementById('demo-next')?.focus();
    }

    for (const item of history) if (item.replyTo) this.awaitingReplies.delete(item.replyTo);
    // Messages typed while offline, or whose acceptance was lost, go (again) with the same id.
    for (const id of this.outbox) {
      const text = this.messages.get(id);
      if (text === undefined) continue;
      this.chat.setDelivery(id, 'sending');
      this.awaitingReplies.set(id, null);
      this.socket.send({ type: 'user.message', id, text });
    }
    // Accepted but still unanswered (the reply went to a connection that dropped, or the server
    // restarted mid-turn): asking again with the same id stores nothing twice and brings the reply.
    for (const [id, acceptedSeq] of this.awaitingReplies) {
      const text = this.messages.get(id);
      if (acceptedSeq === null || this.outbox.has(id) || text === undefined) continue;
      this.socket.send({ type: 'user.message', id, text });
    }
    this.updateBusy();
  }

  private addHistoryItem(item: HistoryItem): void {
    if (item.role === this.mine) {
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
    // A demonstration exchange is one turn of each side (in whichever order the server plays them).
    if (this.demoPending) {
      this.demoRolesHeard.add(frame.role);
      if (this.demoRolesHeard.size === 2) this.setDemoPending(false);
    }
    if (this.feedbackPanel && frame.replyTo && this.turnsSinceFeedback >= FEEDBACK_EVERY_TURNS) this.requestFeedback('auto');
    this.updateBusy();
  }

  // ---- rehearse: listening feedback ----

  private requestFeedback(by: 'person' | 'auto'): void {
    if (by === 'auto' && (this.phase !== 'ready' || !this.socket.isOpen)) return;
    if (this.send({ type: 'feedback.request' }, 'Feedback cannot be asked for while offline; reconnecting…')) {
      this.feedbackAsked = by === 'person' ? 'person' : (this.feedbackAsked ?? 'auto');
      this.turnsSinceFeedback = 0;
      if (by === 'person') this.feedbackPanel?.tell('Looking at your turns…');
    }
  }

  private async loadFeedback(): Promise<void> {
    if (!this.session) return;
    const report = await fetchFeedback(this.session.sessionId, this.session.token);
    if (report && !this.lastReport) this.onFeedback(report);
  }

  private onFeedback(report: FeedbackReport): void {
    if (!this.feedbackPanel) return;
    this.lastReport = report;
    this.feedbackPanel.update(report);
    this.applyTurnFeedback(report);
    const turns = report.turns?.length ?? 0;
    const counted = `${turns} ${turns === 1 ? 'turn' : 'turns'} of yours looked at`;
    if (this.feedbackAsked === 'person') {
      this.feedbackPanel.tell(`Updated just now — ${counted}.`);
      announce(`Listening feedback is ready: ${counted}. Notes are under your turns.`);
    } else {
      this.feedbackPanel.tell(`Updated — ${counted}.`);
      if (!this.layout.classList.contains('showing-side')) this.sideToggle.classList.add('has-news');
    }
    this.feedbackAsked = null;
  }

  private applyTurnFeedback(report: FeedbackReport): void {
    const suggestions = new Map((report.suggestions ?? []).map((suggestion) => [suggestion.seq, suggestion]));
    for (const turn of report.turns ?? []) {
      const suggestion = suggestions.get(turn.seq);
      this.chat.showTurnFeedback(turn.seq, { label: turn.label, note: turn.note, suggestion });
    }
  }

  // ---- demo ----

  private demoNext(): void {
    if (this.send({ type: 'demo.next' }, 'The demonstration cannot go on while offline; reconnecting…')) this.setDemoPending(true);
  }

  private demoAuto(on: boolean, delayMs: number): void {
    if (this.send({ type: 'demo.auto', on, delayMs }, 'The demonstration cannot play while offline; reconnecting…')) {
      this.demo?.setPlaying(on);
      announce(on ? 'Playing.' : 'Paused.');
    }
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
    replaceChildren(this.personaCard, [
      element('h2', { className: 'persona-title', text: this.mode === 'rehearse' ? `You are coaching ${name}` : `A coaching conversation with ${name}`, attributes: { id: 'persona-title' } }),
      persona?.brief ? element('p', { className: 'persona-card-brief', text: persona.brief }) : null,
    ]);
    this.personaCard.hidden = false;
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
    if (this.feedbackAsked) {
      this.feedbackAsked = null;
      this.feedbackPanel?.tell('');
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
    this.turnsSinceFeedback += 1;
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
    if (this.demo && state.step === 'complete') {
      this.demo.setComplete(true);
      this.setDemoPending(false);
    }
    this.needsPanel.update(state.needs ?? [], state.constraints ?? [], state.learningPreference ?? null);
    this.statementEditor.update(state.statement ?? null);
    renderPrintStatement(this.printStatement, state.statement ?? null);
    // News only when the statement changes during the conversation, not when a page (re)loads it.
    if (this.mode === 'coach' && hadState && JSON.stringify(state.statement ?? null) !== previousStatement && state.statement) {
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
    const busy = this.phase !== 'ready' || this.awaitingReplies.size > 0 || this.awaitingCoach || this.demoPending;
    this.chat.setBusy(busy);
    this.stepper.setBusy(busy);
    this.statementEditor.setBusy(this.phase !== 'ready');
    this.feedbackPanel?.setBusy(this.phase !== 'ready');
    if (busy && this.phase === 'ready') this.restartPatience();
    else window.clearTimeout(this.patienceTimer);
  }

  private restartPatience(): void {
    window.clearTimeout(this.patienceTimer);
    this.patienceTimer = window.setTimeout(() => {
      this.awaitingReplies.clear();
      this.awaitingCoach = false;
      this.demoPending = false;
      this.demo?.setPending(false);
      this.showBanner(
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
