import { randomUUID } from 'node:crypto';
import type { CoachEngine, PhraseInput } from '../phrase/engine.js';
import type { CoachPlan } from '../domain/coach-plan.js';
import type { FeedbackReport, HistoryItem, Mode, Move, StatementEdit } from '../domain/schemas.js';
import type { StepBook, StepId } from '../domain/steps.js';
import { AppError, sessionNotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { StateView } from '../domain/state-view.js';
import { storedTurnEvent, type EventSink, type SessionEvent } from './session-events.js';
import type { PersonaBank } from '../persona/persona-bank.js';
import type { CoachContent } from '../policy/coach-content.js';
import type { UtteranceClassifier } from '../classify/classifier.js';
import type { SessionRecord, Store, StoredEvent } from '../store/store.js';
import { DemoRunner, type DemoProgress } from './demo.js';
import { annotateForTrainers, type DemoAnnotations } from '../persona/demo-annotations.js';
import { feedbackFor } from './feedback-report.js';
import type { UtteranceLabeler } from '../classify/model-labeler.js';
import { KeyedMutex } from './keyed-mutex.js';
import { TurnQueue } from './turn-queue.js';
import { PersonaCatalog, sessionPersona } from './persona-catalog.js';
import { replayRehearsal } from './branch.js';
import { compareBranch } from './branch-comparison.js';
import { RehearseRunner } from './rehearse.js';
import { sentenceChunks } from '../phrase/sentence-chunks.js';
import type { OutgoingTurn, SessionIO, SpeakContext } from './session-io.js';
import type { MachineEvent } from '../process/machine.js';
import { initialState, type SessionState } from '../domain/session-state.js';
import { newSessionCredentials, tokenMatches } from './tokens.js';
import { clientTurn, commandTurn, openingTurn, recordPlan } from './turn.js';
import { mergeExtraction } from './merge-extraction.js';
import type { Understanding } from '../domain/understanding.js';
import { stateView, toHistory } from './view.js';

/**
 * How long a client turn waits for the model's extraction of the previous message, if it is still
 * running: the person typed in the meantime, so it has almost always arrived. The reply itself never
 * waits for the extraction of the message it answers.
 */
const EXTRACTION_GRACE_MS = 1_000;
/** Extractions kept for sessions awaiting their next message. */
const MAX_PENDING_EXTRACTIONS = 10_000;

/** The promise's value if it settles within `ms`, otherwise (or on failure) null. */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How many recent transcript turns an engine sees: prompts stay bounded however long the talk. */
const RECENT_TURNS = 8;

export interface SessionServiceOptions {
  store: Store;
  engine: CoachEngine;
  /** Answers a turn when the configured engine fails or the client has gone. */
  fallbackEngine: CoachEngine;
  logger: Logger;
  metrics?: { turnSeconds?: (engine: string, seconds: number) => void; fallback?: () => void };
  /** Labels the coach turns of rehearse and demo feedback with the configured model (offline otherwise). */
  labeler?: UtteranceLabeler;
  /** The coach's wording and models, loaded at start-up. */
  coach: CoachContent;
  personas: PersonaBank;
  /** What a demonstration says about each coach move, in plain words. */
  demoAnnotations: DemoAnnotations;
  /** The offline active-listening classifier (rehearse labels, demo, feedback). */
  classifier: UtteranceClassifier;
}

export interface SessionSnapshot {
  sessionId: string;
  mode: Mode;
  persona?: string;
  step: StepId;
  history: HistoryItem[];
  state: StateView;
}

/**
 * Runs the coaching process for every session: stores the person's words before anything else,
 * runs the pure turn logic, has an engine phrase the reply, and persists the result. All I/O of a
 * session goes through here; turns of one session run one at a time.
 */
export class SessionService {
  private readonly mutex = new KeyedMutex();
  /** The understanding, plan and model request of one client turn per run of the event loop (see TurnQueue). */
  private readonly turns = new TurnQueue();
  /**
   * The model's extraction of each session's last client message, still running or done: merged
   * at the start of the session's next client turn (merge-extraction.ts), never as a turn of its
   * own. Held in this process only: if the next message lands on another instance it is dropped.
   */
  private readonly extractions = new Map<string, Promise<Partial<Understanding> | null>>();

  /**
   * One turn of a session at a time: in this process (the mutex queues them without touching the
   * database) and across processes sharing the database (the store's lease), so two instances
   * behind a load balancer never interleave a session's state writes.
   */
  private exclusive<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(sessionId, () => this.options.store.withSessionLock(sessionId, work));
  }
  /** The rehearse and demo modes, which store and emit through the same paths as coach mode. */
  private readonly rehearse: RehearseRunner;
  private readonly demo: DemoRunner;
  private readonly catalog: PersonaCatalog;

  constructor(private readonly options: SessionServiceOptions) {
    const io: SessionIO = {
      store: options.store,
      sayText: (sessionId, turn, sink) => this.sayText(sessionId, turn, sink),
      speak: (sessionId, state, plan, context) => this.speak(sessionId, state, plan, context),
      saveAndEmitState: (sessionId, state, sink) => this.saveAndEmitState(sessionId, state, sink),
      recent: (sessionId) => this.recent(sessionId),
    };
    this.rehearse = new RehearseRunner(io, options.personas, options.classifier, options.coach.safety);
    this.demo = new DemoRunner(io, options.coach, options.personas, options.classifier, options.demoAnnotations);
    this.catalog = new PersonaCatalog(options.personas, options.store);
  }

  /**
   * Waits, at most `timeoutMs`, for the turns running in this process to finish (a shutdown lets
   * them store their reply; their sockets are closed, so the offline engine finishes them fast).
   */
  async drain(timeoutMs: number): Promise<void> {
    await settleWithin(this.mutex.settled(), timeoutMs);
  }

  /** Each step's title, intro and exit criteria, as loaded at start-up. */
  get steps(): StepBook {
    return this.options.coach.steps;
  }

  get engineName(): string {
    return this.options.engine.name;
  }

  /** Built-in personas and the ones trainers wrote. */
  get personaCatalog(): PersonaCatalog {
    return this.catalog;
  }

  /** A new session; rehearse and demo play the named persona (bad_request naming the ids if unknown) or the first. */
  async create(mode: Mode, requestedPersona: string | null): Promise<{ sessionId: string; token: string }> {
    const resolved = mode === 'coach' ? null : await this.catalog.resolve(requestedPersona);
    const persona = resolved ? resolved.persona.id : requestedPersona;
    const { sessionId, token, tokenHash } = newSessionCredentials();
    const state = initialState(mode, persona);
    // A trainer's persona travels with the session, so editing or deleting it later changes no session under way.
    if (resolved?.source === 'trainer') state.personaDocument = resolved.persona;
    await this.options.store.createSession({ id: sessionId, mode, persona, tokenHash, state });
    this.options.logger.info({ sessionId, mode }, 'session created');
    return { sessionId, token };
  }

  /**
   * A new rehearse session holding the transcript of `sessionId` up to `atSeq` (same seqs), to try
   * another wording from there; the original is only read. The simulated client is where it was at
   * that point (see replayRehearsal). A safety pause is not carried over: the branch starts in role.
   */
  async branch(sessionId: string, atSeq: number, known?: SessionRecord): Promise<{ sessionId: string; token: string }> {
    return this.mutex.run(sessionId, async () => {
      const record = known ?? (await this.record(sessionId));
      if (record.mode !== 'rehearse') throw new AppError('bad_request', `branching is for rehearse sessions; this one is a ${record.mode} session`);
      if (atSeq > record.lastSeq) throw new AppError('bad_request', `atSeq ${atSeq} is after the last event of the session (seq ${record.lastSeq})`);
      const messages = (await this.options.store.listEvents(sessionId, 0, ['message'])).filter((event) => event.seq <= atSeq);
      if (messages.length === 0) throw new AppError('bad_request', `atSeq ${atSeq} is before the first turn (seq ${(await this.options.store.listEvents(sessionId, 0, ['message'], 1))[0]?.seq ?? 1})`);
      const persona = sessionPersona(this.options.personas, record.state);
      const rehearsal = replayRehearsal(persona, messages, this.options.classifier);
      const { paused: _paused, safetyCheck: _check, branch: _branch, ...rest } = record.state;
      const state: SessionState = { ...rest, paused: false, rehearsal, branch: { from: sessionId, atSeq } };
      const credentials = newSessionCredentials();
      await this.options.store.branchSession({ from: sessionId, atSeq, id: credentials.sessionId, tokenHash: credentials.tokenHash, state });
      this.options.logger.info({ sessionId: credentials.sessionId, from: sessionId, atSeq }, 'session branched');
      return { sessionId: credentials.sessionId, token: credentials.token };
    });
  }

  /** The session if the token is right; otherwise the same not_found as for an unknown id. */
  async authenticate(sessionId: string, token: string): Promise<SessionRecord> {
    const record = await this.options.store.getSession(sessionId);
    if (!record || !tokenMatches(token, record.tokenHash)) throw sessionNotFound();
    return record;
  }

  /**
   * Opens a session on a connection. The snapshot goes to `onReady` at once, without the session's
   * lock: a turn still running (here, on a dead connection, or on a process killed mid-turn whose
   * lease has not lapsed yet) never delays it. Then, holding the lock: whatever that turn stored
   * after the snapshot is sent, and the session is answered where it stands — the opening turn
   * when it has no message yet, or the reply to a message of the person's that has none (lost in
   * a crash). Under the lock the reply is looked for again first, so it is produced exactly once
   * whichever process or connection gets there first.
   */
  async open(sessionId: string, after: number, onReady: (snapshot: SessionSnapshot) => void, sink: EventSink, signal?: AbortSignal): Promise<void> {
    const record = await this.record(sessionId);
    const snapshot = await this.snapshot(sessionId, after, record);
    onReady(snapshot);
    await this.options.store.touchSession(sessionId);
    await this.exclusive(sessionId, async () => {
      const known = record.lastSeq;
      for (const event of await this.options.store.listEvents(sessionId, known)) sink(catchUpEvent(event));
      const recent = await this.options.store.listEvents(sessionId, 0, ['message'], RECENT_TURNS);
      if (recent.length === 0) {
        await this.opening(sessionId, (await this.record(sessionId)).state, sink, signal);
        return;
      }
      for (const message of unanswered(recent)) {
        if (signal?.aborted) return;
        await this.userTurn(sessionId, message, sink, signal);
      }
    });
  }

  /** The snapshot; pass the record when the caller already read it (e.g. to check the token). */
  async snapshot(sessionId: string, after = 0, known?: SessionRecord): Promise<SessionSnapshot> {
    const record = known ?? (await this.record(sessionId));
    // Only what the record's lastSeq covers: anything newer is sent by open() as it catches up.
    const events = (await this.options.store.listEvents(sessionId, after, ['message'])).filter((event) => event.seq <= record.lastSeq);
    return {
      sessionId,
      mode: record.mode,
      ...(record.persona ? { persona: record.persona } : {}),
      step: record.state.step,
      history: toHistory(events),
      state: stateView(this.options.coach.steps, record.state),
    };
  }

  async history(sessionId: string): Promise<StoredEvent[]> {
    return this.options.store.listEvents(sessionId, 0, ['message']);
  }

  async state(sessionId: string): Promise<SessionState> {
    return (await this.record(sessionId)).state;
  }

  private async record(sessionId: string): Promise<SessionRecord> {
    const record = await this.options.store.getSession(sessionId);
    if (!record) throw sessionNotFound();
    return record;
  }

  async delete(sessionId: string): Promise<void> {
    // Not under the store's lease: delete is immediate, and a turn running elsewhere then finds the session gone.
    await this.mutex.run(sessionId, async () => {
      await this.options.store.deleteSession(sessionId);
    });
    this.extractions.delete(sessionId);
    this.options.logger.info({ sessionId }, 'session deleted');
  }

  /** The bot opens a new conversation (the coach; in rehearse, the client); does nothing when the session already has turns. */
  /** The first turn of a session with no message yet: the coach's opening, or the rehearsal client's. Callers hold the lock. */
  private async opening(sessionId: string, state: SessionState, sink: EventSink, signal?: AbortSignal): Promise<void> {
    if (state.mode === 'rehearse') return this.rehearse.opening(sessionId, state, sink);
    // In a demonstration every coach turn, the opening too, carries its note for trainers.
    const plan = state.mode === 'demo' ? annotateForTrainers(openingTurn(this.options.coach, state), this.options.demoAnnotations) : openingTurn(this.options.coach, state);
    await this.speak(sessionId, state, plan, { message: null, recent: [], sink, signal });
  }

  /**
   * One client turn: durable first, then understood, then answered. Resending an id already
   * stored never stores it twice: the stored reply is sent again, or produced if it was lost.
   */
  async handleUserMessage(
    sessionId: string,
    message: { id: string; text: string },
    sink: EventSink,
    signal?: AbortSignal,
  ): Promise<void> {
    const text = message.text.trim();
    if (text.length === 0) throw new AppError('bad_request', 'text must not be empty');
    await this.exclusive(sessionId, () => this.userTurn(sessionId, { id: message.id, text }, sink, signal));
  }

  /** The body of {@link handleUserMessage}; callers hold the lock (open() answers a lost reply with it). */
  private async userTurn(sessionId: string, message: { id: string; text: string }, sink: EventSink, signal?: AbortSignal): Promise<void> {
    const text = message.text;
    const store = this.options.store;
    const before = await this.state(sessionId);
    if (before.mode === 'rehearse') return this.rehearse.userMessage(sessionId, before, { id: message.id, text }, sink);
    if (before.mode === 'demo') throw new AppError('bad_request', 'user.message belongs to coach and rehearse sessions; a demo plays with demo.next and demo.auto');
    const appended = await store.appendMessage(sessionId, {
      role: 'client',
      text,
      step: before.step,
      clientMessageId: message.id,
    });
    sink({ type: 'message.accepted', id: message.id, seq: appended.seq });
    if (appended.duplicate) {
      const reply = await store.findReply(sessionId, message.id);
      if (reply) {
        sink(storedTurnEvent(reply, randomUUID()));
        return;
      }
    }
    const storedText = appended.duplicate ? await this.storedText(sessionId, appended.seq, text) : text;
    const recent = await this.recent(sessionId);
    const known = await this.withLastExtraction(sessionId, before);
    // From here to the model request nothing waits on I/O: other sessions' first words are read first.
    await this.turns.next();
    const turn = clientTurn(this.options.coach, known, { text: storedText, seq: appended.seq });
    // A safety turn (crisis, the check question and its answer, a pause and its end) is never read by a model.
    const safetyTurn = before.paused || Boolean(before.safetyCheck) || turn.plan.moves.some((move) => move.label?.startsWith('safety'));
    // One extraction per message, never awaited by the reply. It is built and sent only once the
    // reply's first words are on their way to the client: until then the reply has the upstream
    // and this process to itself (the extraction's prompt, its request and the model's work on it
    // would otherwise compete with the reply's first token). Its result is only read at the
    // session's next message.
    const refine = safetyTurn ? undefined : this.options.engine.refine?.bind(this.options.engine);
    let startExtraction: (() => void) | undefined;
    if (refine) {
      const input = { state: turn.state, recent, message: { text: storedText, seq: appended.seq } };
      const firstWords = new Promise<void>((resolve) => {
        // setImmediate: after the socket write of the first words (frames are uncorked on nextTick).
        startExtraction = once(() => setImmediate(resolve));
      });
      // A client gone before any words reached it (the request was aborted) gets no extraction either.
      this.rememberExtraction(sessionId, firstWords.then(() => (signal?.aborted ? null : refine(input, signal))));
    }
    try {
      await this.speak(sessionId, turn.state, turn.plan, {
        message: { text: storedText, seq: appended.seq },
        replyTo: message.id,
        recent,
        sink,
        signal,
        ...(startExtraction ? { onFirstWords: startExtraction } : {}),
      });
    } finally {
      // A reply that streamed nothing (the offline fallback sent whole, a failure) still gets its extraction.
      startExtraction?.();
    }
  }

  /** statement.request / edit / confirm and step.goto: the machine decides, the coach says what happened. */
  async handleCommand(sessionId: string, command: Command, sink: EventSink, signal?: AbortSignal): Promise<void> {
    await this.exclusive(sessionId, async () => {
      const record = await this.record(sessionId);
      const state = record.state;
      if (state.mode !== 'coach') throw new AppError('bad_request', `${command.type} belongs to coach sessions`);
      const result = commandTurn(this.options.coach, state, toMachineEvent(command, record.lastSeq));
      if (result.error) throw new AppError('conflict', result.error);
      if (result.plan) {
        await this.speak(sessionId, result.state, result.plan, { message: null, recent: await this.recent(sessionId), sink, signal });
      } else {
        await this.saveAndEmitState(sessionId, result.state, sink);
      }
    });
  }

  /** The feedback report of a rehearse or demo session; `conflict` for a coach session. Pass the state when already read. */
  async feedbackReport(sessionId: string, known?: SessionState): Promise<FeedbackReport> {
    const state = known ?? (await this.state(sessionId));
    if (state.mode === 'coach') throw new AppError('conflict', 'feedback is for rehearse and demo sessions');
    const report = await feedbackFor(state, await this.options.store.listEvents(sessionId, 0, ['message']), this.options.personas, this.options.classifier, this.options.labeler);
    if (!state.branch) return report;
    // A branch is compared with its original while that still exists (deleting it is always allowed).
    const original = await this.options.store.getSession(state.branch.from);
    if (!original) return report;
    const originalReport = await feedbackFor(original.state, await this.options.store.listEvents(original.id, 0, ['message']), this.options.personas, this.options.classifier, this.options.labeler);
    return { ...report, comparison: compareBranch(report, originalReport, { sessionId: original.id, atSeq: state.branch.atSeq }) };
  }

  /** feedback.request: the report, persisted as a 'feedback' event and sent as a `feedback` frame. */
  async requestFeedback(sessionId: string, sink: EventSink): Promise<void> {
    await this.exclusive(sessionId, async () => {
      const state = await this.state(sessionId);
      const report = await this.feedbackReport(sessionId, state);
      const event = await this.options.store.appendEvent(sessionId, 'feedback', report, state.step);
      sink({ type: 'feedback.ready', seq: event.seq, report });
    });
  }

  /** demo.next: the persona's line, then the coach's answer. */
  async demoNext(sessionId: string, sink: EventSink, signal?: AbortSignal): Promise<DemoProgress> {
    return this.exclusive(sessionId, async () => {
      const state = await this.state(sessionId);
      if (state.mode !== 'demo') throw new AppError('bad_request', 'demo.next belongs to demo sessions');
      return this.demo.next(sessionId, state, sink, signal);
    });
  }

  /** Where a demo stands, without playing anything. */
  async demoProgress(sessionId: string): Promise<DemoProgress> {
    return this.demo.progress(await this.state(sessionId));
  }

  private rememberExtraction(sessionId: string, extraction: Promise<Partial<Understanding> | null>): void {
    this.extractions.delete(sessionId);
    this.extractions.set(sessionId, extraction.catch(() => null));
    // Sessions that never come back would otherwise keep theirs forever: the oldest go first.
    while (this.extractions.size > MAX_PENDING_EXTRACTIONS) this.extractions.delete(this.extractions.keys().next().value!);
  }

  /** The state with the model's extraction of the previous message folded in, when it arrived in time. */
  private async withLastExtraction(sessionId: string, state: SessionState): Promise<SessionState> {
    const pending = this.extractions.get(sessionId);
    if (!pending) return state;
    this.extractions.delete(sessionId);
    const extracted = await settleWithin(pending, EXTRACTION_GRACE_MS);
    return extracted ? mergeExtraction(state, extracted) : state;
  }

  private async storedText(sessionId: string, seq: number, fallback: string): Promise<string> {
    const events = await this.options.store.listEvents(sessionId, seq - 1, ['message']);
    return events.find((event) => event.seq === seq)?.text ?? fallback;
  }

  private async recent(sessionId: string): Promise<HistoryItem[]> {
    return toHistory(await this.options.store.listEvents(sessionId, 0, ['message'], RECENT_TURNS));
  }

  /** Phrases a plan (streaming deltas), stores the coach's message and the new state, and emits both. */
  private async speak(sessionId: string, state: SessionState, plan: CoachPlan, context: SpeakContext): Promise<SessionState> {
    const turnId = randomUUID();
    const started = performance.now();
    const input: PhraseInput = { state, recent: context.recent, message: context.message, plan };
    let reply = await this.phrase(this.options.engine, input, turnId, context.sink, context.signal, context.onFirstWords);
    if (!reply) {
      reply = await this.phrase(this.options.fallbackEngine, input, turnId, context.sink, undefined, context.onFirstWords);
      if (!reply) throw new AppError('internal', 'no engine could phrase the reply');
      reply.fallback = true;
    }
    if (reply.fallback) this.options.metrics?.fallback?.();
    this.options.metrics?.turnSeconds?.(reply.engine, (performance.now() - started) / 1000);
    const nextState = recordPlan(state, plan, reply.text);
    const turn: OutgoingTurn = {
      role: 'coach',
      text: reply.text,
      step: state.step,
      moves: reply.moves,
      ...(context.replyTo ? { replyTo: context.replyTo } : {}),
      ...(reply.fallback ? { fallback: true } : {}),
    };
    // The reply, the state after it and its snapshot in one transaction (one commit, not two),
    // then sent in the same order as storeAndEmit and saveAndEmitState send them.
    const view = stateView(this.options.coach.steps, nextState);
    const stored = await this.options.store.appendReplyAndState(
      sessionId,
      { role: turn.role, text: turn.text, step: turn.step, moves: turn.moves, ...(turn.replyTo ? { replyTo: turn.replyTo } : {}) },
      { payload: view, step: nextState.step, state: nextState },
    );
    context.sink(storedFrame(turn, turnId, stored.seq));
    context.sink({ type: 'state.changed', seq: stored.stateSeq, view });
    return nextState;
  }

  /** Stores one transcript turn and sends it as an `assistant.message` (the deltas went before). */
  private async storeAndEmit(sessionId: string, turn: OutgoingTurn, turnId: string, sink: EventSink): Promise<{ seq: number }> {
    const stored = await this.options.store.appendMessage(sessionId, {
      role: turn.role,
      text: turn.text,
      step: turn.step,
      moves: turn.moves,
      ...(turn.replyTo ? { replyTo: turn.replyTo } : {}),
    });
    sink(storedFrame(turn, turnId, stored.seq));
    return { seq: stored.seq };
  }

  /** A turn whose words are already known (the simulated client's): streamed like a reply, then stored and sent. */
  private async sayText(sessionId: string, turn: OutgoingTurn, sink: EventSink): Promise<{ seq: number }> {
    const turnId = randomUUID();
    for (const chunk of sentenceChunks(turn.text)) sink({ type: 'reply.delta', turn: turnId, text: chunk });
    return this.storeAndEmit(sessionId, turn, turnId, sink);
  }

  /**
   * Runs one engine to the end. Returns null when it failed before finishing, so the caller can
   * fall back; a client that leaves mid-turn aborts the model and the offline engine answers.
   */
  private async phrase(
    engine: CoachEngine,
    input: PhraseInput,
    turnId: string,
    sink: EventSink,
    signal?: AbortSignal,
    onFirstWords?: () => void,
  ): Promise<{ text: string; moves: Move[]; engine: string; fallback?: boolean } | null> {
    try {
      for await (const part of engine.phrase(input, signal)) {
        if (part.type === 'text-delta') {
          if (!signal?.aborted) sink({ type: 'reply.delta', turn: turnId, text: part.text });
          onFirstWords?.();
        } else if (part.type === 'finish') {
          return { text: part.text, moves: part.moves, engine: part.engine, ...(part.fallback ? { fallback: true } : {}) };
        } else {
          this.options.logger.warn({ engine: engine.name, error: part.error.message }, 'engine error part');
        }
      }
    } catch (error) {
      this.options.logger.warn({ engine: engine.name, error: (error as Error).message }, 'engine failed');
    }
    return null;
  }

  private async saveAndEmitState(sessionId: string, state: SessionState, sink: EventSink): Promise<void> {
    const view = stateView(this.options.coach.steps, state);
    // The state and its snapshot event in one transaction: one commit, not two.
    const event = await this.options.store.appendEvent(sessionId, 'state', view, state.step, state);
    sink({ type: 'state.changed', seq: event.seq, view });
  }
}

/** `action` run on the first call only. */
function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}

/** The `turn.stored` event of a stored transcript turn (its deltas went before). */
function storedFrame(turn: OutgoingTurn, turnId: string, seq: number): SessionEvent {
  return {
    type: 'turn.stored',
    turn: turnId,
    seq,
    ...(turn.replyTo ? { replyTo: turn.replyTo } : {}),
    role: turn.role,
    text: turn.text,
    step: turn.step,
    moves: turn.moves,
    ...(turn.fallback ? { fallback: true } : {}),
  };
}

/**
 * The person's messages (those with a client id) after the bot's last message that no stored
 * turn answers: what a crash mid-turn left without a reply. Older ones were followed by the bot's
 * words, so answering them now would be out of place.
 */
function unanswered(recent: StoredEvent[]): { id: string; text: string }[] {
  const lastBot = recent.findLastIndex((event) => event.clientMessageId === null);
  const answered = new Set(recent.map((event) => event.replyTo).filter((id) => id !== null));
  return recent
    .slice(lastBot + 1)
    .filter((event) => event.clientMessageId !== null && !answered.has(event.clientMessageId))
    .map((event) => ({ id: event.clientMessageId!, text: event.text }));
}

/** A stored event sent to a connection that opened while its turn was still running. */
function catchUpEvent(event: StoredEvent): SessionEvent {
  if (event.kind === 'state') return { type: 'state.changed', seq: event.seq, view: event.payload as StateView };
  if (event.kind === 'feedback') return { type: 'feedback.ready', seq: event.seq, report: event.payload as FeedbackReport };
  // The person's own words: the page knows them by id.
  if (event.clientMessageId !== null) return { type: 'message.accepted', id: event.clientMessageId, seq: event.seq };
  return storedTurnEvent(event, randomUUID());
}

export type Command =
  | { type: 'statement.request' }
  | { type: 'statement.edit'; statement: StatementEdit }
  | { type: 'statement.confirm' }
  | { type: 'step.goto'; step: StepId };

function toMachineEvent(command: Command, seq: number): MachineEvent | { type: 'statement.request' } {
  switch (command.type) {
    case 'statement.request':
      return { type: 'statement.request' };
    case 'statement.edit':
      return { type: 'statement.edit', edit: command.statement };
    case 'statement.confirm':
      return { type: 'statement.confirm' };
    case 'step.goto':
      return { type: 'goto', to: command.step, by: 'client', seq };
  }
}
