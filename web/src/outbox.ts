import type { HistoryItem } from './protocol.js';

const KEY_PREFIX = 'rapport.outbox.';

/** One kept message: its id, its text, and its seq once the server accepted it. */
interface KeptMessage {
  id: string;
  text: string;
  seq: number | null;
}

/**
 * The messages typed here until they are answered: every text by id (a retry or a resend after a
 * dropped connection goes with the same id and text), the ids the server has not accepted yet, and
 * the ids still waiting for the other side's reply.
 *
 * Once bound to a session ({@link Outbox.restore}) the unsent and unanswered ones are also kept in
 * `localStorage` under that session, so a reload (or a browser restart) sends them again on
 * return; their ids keep the resend from being stored twice. Answered messages are dropped from
 * storage at once: the conversation itself lives on the server.
 */
export class Outbox {
  /** The localStorage key of the bound session; null until bound (nothing is kept before). */
  private key: string | null = null;

  /** Every message typed here, by id, so a retry resends the same id and text. */
  private readonly messages = new Map<string, string>();
  /** Ids typed here that the server has not accepted yet, in order. */
  private readonly outbox = new Set<string>();
  /** Ids accepted (or sent) that still wait for the coach's answer, with their seq when known. */
  private readonly awaitingReplies = new Map<string, number | null>();

  /** A message just typed: not accepted yet, waiting for its reply. */
  add(id: string, text: string): void {
    this.messages.set(id, text);
    this.outbox.add(id);
    this.awaitingReplies.set(id, null);
    this.save();
  }

  /** The text typed with this id, if it was typed here. */
  text(id: string): string | undefined {
    return this.messages.get(id);
  }

  has(id: string): boolean {
    return this.messages.has(id);
  }

  /** A message sent again (a retry): not accepted yet, waiting for its reply. */
  queueAgain(id: string): void {
    this.outbox.add(id);
    this.awaitingReplies.set(id, null);
    this.save();
  }

  /** The server stored the message as `seq`: it now waits only for its reply. */
  accepted(id: string, seq: number): void {
    this.outbox.delete(id);
    if (this.awaitingReplies.has(id)) this.awaitingReplies.set(id, seq);
    this.save();
  }

  /** Sent again, its acceptance not known yet. */
  awaitReply(id: string): void {
    this.awaitingReplies.set(id, null);
    this.save();
  }

  /** Answered, or failed: no reply is waited for any more. */
  stopAwaiting(id: string): void {
    this.awaitingReplies.delete(id);
    this.save();
  }

  stopAwaitingAll(): void {
    this.awaitingReplies.clear();
    this.save();
  }

  /** Whether any message still waits for its reply. */
  get awaiting(): boolean {
    return this.awaitingReplies.size > 0;
  }

  /** Any coach message after an accepted client message answers it (replyTo is optional in v1). */
  settleRepliesBefore(seq: number): void {
    for (const [id, acceptedSeq] of this.awaitingReplies) {
      if (acceptedSeq !== null && acceptedSeq < seq) this.awaitingReplies.delete(id);
    }
    this.save();
  }

  lastUnacceptedSent(): string | undefined {
    const waiting = [...this.awaitingReplies].filter(([, seq]) => seq === null);
    return waiting.at(-1)?.[0];
  }

  /** Messages typed here the server has not accepted yet, in order. */
  *unaccepted(): Generator<{ id: string; text: string }> {
    for (const id of this.outbox) {
      const text = this.messages.get(id);
      if (text === undefined) continue;
      yield { id, text };
    }
  }

  /** Messages the server accepted whose reply has not come. */
  *acceptedUnanswered(): Generator<{ id: string; text: string }> {
    for (const [id, acceptedSeq] of this.awaitingReplies) {
      const text = this.messages.get(id);
      if (acceptedSeq === null || this.outbox.has(id) || text === undefined) continue;
      yield { id, text };
    }
  }

  /**
   * Binds the outbox to a session and takes back what an earlier page kept for it. A kept message
   * the history already holds (matched by id) is known as accepted and waits for its reply; the
   * others were never accepted and are returned, in order, for the page to show and send again.
   * What other sessions kept is dropped: the page holds one conversation at a time.
   */
  restore(sessionId: string, history: readonly HistoryItem[]): { id: string; text: string }[] {
    this.key = KEY_PREFIX + sessionId;
    dropOtherSessions(this.key);
    const inHistory = new Map(history.filter((item) => item.id !== undefined).map((item) => [item.id!, item.seq]));
    const unsent: { id: string; text: string }[] = [];
    for (const kept of readKept(this.key)) {
      if (this.messages.has(kept.id)) continue;
      this.messages.set(kept.id, kept.text);
      const seq = inHistory.get(kept.id) ?? kept.seq;
      if (seq !== null && seq !== undefined) {
        this.awaitingReplies.set(kept.id, seq);
      } else {
        this.outbox.add(kept.id);
        this.awaitingReplies.set(kept.id, null);
        unsent.push({ id: kept.id, text: kept.text });
      }
    }
    this.save();
    return unsent;
  }

  /** The conversation was deleted or left: nothing of it stays in the browser. */
  forget(): void {
    if (this.key === null) return;
    try {
      localStorage.removeItem(this.key);
    } catch {
      /* nothing was kept */
    }
    this.key = null;
  }

  /** Writes the unsent and unanswered messages of the bound session (or removes the key when none). */
  private save(): void {
    if (this.key === null) return;
    const kept: KeptMessage[] = [];
    for (const [id, text] of this.messages) {
      if (!this.outbox.has(id) && !this.awaitingReplies.has(id)) continue;
      kept.push({ id, text, seq: this.outbox.has(id) ? null : (this.awaitingReplies.get(id) ?? null) });
    }
    try {
      if (kept.length === 0) localStorage.removeItem(this.key);
      else localStorage.setItem(this.key, JSON.stringify(kept));
    } catch {
      // Storage can be full or unavailable (private windows): the messages stay in memory only.
    }
  }
}

/** What a page kept under `key`; anything unreadable counts as nothing (it came from storage, not from us). */
function readKept(key: string): KeptMessage[] {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (item): item is KeptMessage =>
        typeof item === 'object' && item !== null && typeof item.id === 'string' && typeof item.text === 'string' && (item.seq === null || typeof item.seq === 'number'),
    );
  } catch {
    return [];
  }
}

function dropOtherSessions(key: string): void {
  try {
    for (let index = localStorage.length - 1; index >= 0; index -= 1) {
      const other = localStorage.key(index);
      if (other !== null && other.startsWith(KEY_PREFIX) && other !== key) localStorage.removeItem(other);
    }
  } catch {
    /* storage unavailable */
  }
}
