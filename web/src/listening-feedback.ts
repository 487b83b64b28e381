/**
 * Rehearse mode's listening feedback: asked for by the person or, every few of their turns, by
 * itself; drawn in the feedback panel and as a note under each of the person's turns.
 */
import { fetchFeedback } from './api.js';
import type { ChatView } from './chat-view.js';
import { announce } from './dom.js';
import { FeedbackPanel } from './feedback-panel.js';
import type { ClientFrame, FeedbackReport } from './protocol.js';
import type { StoredSession } from './storage.js';

/** A rehearsal asks for listening feedback by itself after this many of the person's turns. */
const FEEDBACK_EVERY_TURNS = 3;

export interface ListeningFeedbackOptions {
  chat: ChatView;
  onShowTurn(seq: number): void;
  /** Sends the frame; false (the conversation has said why) when it cannot go. */
  send(frame: ClientFrame, offlineWords: string): boolean;
  /** Whether a request may go by itself now: the conversation is ready and the socket open. */
  canAsk(): boolean;
  /** A report the person did not ask for has come: the side toggle says so. */
  onNews(): void;
}

export class ListeningFeedback {
  readonly panel: FeedbackPanel;
  /** The person's turns since the last listening report (rehearse). */
  private turnsSinceFeedback = 0;
  private feedbackAsked: 'person' | 'auto' | null = null;
  private lastReport: FeedbackReport | null = null;

  constructor(private readonly options: ListeningFeedbackOptions) {
    this.panel = new FeedbackPanel({ onRequest: () => this.request('person'), onShowTurn: (seq) => this.options.onShowTurn(seq) });
  }

  get hasReport(): boolean {
    return this.lastReport !== null;
  }

  /** One more of the person's turns. */
  countTurn(): void {
    this.turnsSinceFeedback += 1;
  }

  /** One of the person's turns was answered: every few turns a report is asked for by itself. */
  replied(): void {
    if (this.turnsSinceFeedback >= FEEDBACK_EVERY_TURNS) this.request('auto');
  }

  request(by: 'person' | 'auto'): void {
    if (by === 'auto' && !this.options.canAsk()) return;
    if (this.options.send({ type: 'feedback.request' }, 'Feedback cannot be asked for while offline; reconnecting…')) {
      this.feedbackAsked = by === 'person' ? 'person' : (this.feedbackAsked ?? 'auto');
      this.turnsSinceFeedback = 0;
      if (by === 'person') this.panel.tell('Looking at your turns…');
    }
  }

  /** After a reload the last report is not in the history: the server's latest one. */
  async load(session: StoredSession | null): Promise<void> {
    if (!session) return;
    const report = await fetchFeedback(session.sessionId, session.token);
    if (report && !this.lastReport) this.show(report);
  }

  show(report: FeedbackReport): void {
    this.lastReport = report;
    this.panel.update(report);
    this.applyTurnFeedback(report);
    const turns = report.turns?.length ?? 0;
    const counted = `${turns} ${turns === 1 ? 'turn' : 'turns'} of yours looked at`;
    if (this.feedbackAsked === 'person') {
      this.panel.tell(`Updated just now — ${counted}.`);
      announce(`Listening feedback is ready: ${counted}. Notes are under your turns.`);
    } else {
      this.panel.tell(`Updated — ${counted}.`);
      this.options.onNews();
    }
    this.feedbackAsked = null;
  }

  /** The request failed: nothing is being looked at any more. */
  cancel(): void {
    if (this.feedbackAsked) {
      this.feedbackAsked = null;
      this.panel.tell('');
    }
  }

  setBusy(busy: boolean): void {
    this.panel.setBusy(busy);
  }

  private applyTurnFeedback(report: FeedbackReport): void {
    const suggestions = new Map((report.suggestions ?? []).map((suggestion) => [suggestion.seq, suggestion]));
    for (const turn of report.turns ?? []) {
      const suggestion = suggestions.get(turn.seq);
      this.options.chat.showTurnFeedback(turn.seq, { label: turn.label, note: turn.note, suggestion });
    }
  }
}
