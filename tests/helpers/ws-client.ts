import WebSocket from 'ws';

export type Frame = { type: string; [key: string]: unknown };

/**
 * A protocol client for tests: records every frame and waits for the next one matching a
 * predicate, failing with the frames seen so far when it does not come.
 */
export class TestClient {
  readonly frames: Frame[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async connect(url: string): Promise<TestClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestClient(socket);
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame after the last one taken that matches; frames before it are passed over. */
  async next(match: string | ((frame: Frame) => boolean), timeoutMs = 5000): Promise<Frame> {
    const predicate = typeof match === 'string' ? (frame: Frame) => frame.type === match : match;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const frame = this.frames[this.cursor++]!;
        if (predicate(frame)) return frame;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`no matching frame within ${timeoutMs} ms; seen: ${this.frames.map((frame) => frame.type).join(', ')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a user.message and waits for its reply (the assistant.message answering it) and the state after it. */
  async say(id: string, text: string): Promise<{ accepted: Frame; reply: Frame; state: Frame }> {
    this.send({ type: 'user.message', id, text });
    const accepted = await this.next((frame) => frame.type === 'message.accepted' && frame.id === id);
    const reply = await this.next((frame) => frame.type === 'assistant.message' && frame.replyTo === id);
    const state = await this.next('state');
    return { accepted, reply, state };
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
