import type { RehearsalState } from '../domain/rehearsal.js';

/** How deep the client has gone on a need: the number of its reveals said. */
export function revealDepth(state: RehearsalState, needId: string): number {
  return state.reveals.filter((reveal) => reveal.needId === needId).length;
}
