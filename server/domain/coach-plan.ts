import type { MoveKind, MoveLink, Statement } from './schemas.js';
import type { StepId } from './steps.js';

/** One move the policy chose, with what the phrasing needs to say it. */
export interface PlannedMove {
  kind: MoveKind;
  /** Short label shown to trainers, e.g. "names the need for delegation". */
  label?: string;
  note?: string;
  /** For questions: the bank question id (recorded in `asked`). */
  questionId?: string;
  /** The text the offline engine will say for this move. */
  text: string;
  /** Safety moves: the helpline numbers and sites in `text` that the page shows as links. */
  links?: MoveLink[];
  /**
   * Other wordings of the same move, best first (another sentence of the client's given back):
   * tried by the verifier when `text` fails its checks, before the move is dropped. Never sent.
   */
  alternatives?: string[];
  /**
   * For a question that points back with "that" to the line said just before it in this turn: the
   * same question with its words named ("…about the weekly report?"), said instead when the
   * verifier drops that line, so "that" never points at nothing. Never sent.
   */
  standalone?: string;
}

/** The coach's decision for one turn: what to do, in order. The server owns it; engines only phrase it. */
export interface CoachPlan {
  step: StepId;
  moves: PlannedMove[];
  /** A statement the plan proposes that the state does not hold yet: store it (see `recordCoachTurn`). */
  statement?: Statement;
  /** Set when this turn pauses coaching (crisis); the server keeps `state.paused` in step with it. */
  pauses?: boolean;
  /**
   * The question the policy would ask next, kept in reserve for a turn it planned without one: when
   * the verifier drops every line and the turn must still ask, this is tried before the plain bank,
   * so even the fallback follows the client (a missing part, their topic) rather than a stock run.
   */
  reserve?: PlannedMove;
}

