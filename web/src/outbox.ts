/**
 * The messages typed here until they are answered: every text by id (a retry or a resend after a
 * dropped connection goes with the same id and text), the ids the server has not accepted yet, and
 * the ids still waiting for the other side's reply.
 */
export class Outbox {
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
  }

  /** The server stored the message as `seq`: it now waits only for its reply. */
  accepted(id: string, seq: number): void {
    this.outbox.delete(id);
    if (this.awaitingReplies.has(id)) this.awaitingReplies.set(id, seq);
  }

  /** Sent again, its acceptance not known yet. */
  awaitReply(id: string): void {
    this.awaitingReplies.set(id, null);
  }

  /** Answered, or failed: no reply is waited for any more. */
  stopAwaiting(id: string): void {
    this.awaitingReplies.delete(id);
  }

  stopAwaitingAll(): void {
    this.awaitingReplies.clear();
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
}
