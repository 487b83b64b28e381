import type { Move } from '../domain/schemas.js';
import type { CoachEngine, PhraseInput, PhrasePart } from './engine.js';
import type { PlannedMove } from '../domain/coach-plan.js';
import { sentenceChunks } from './sentence-chunks.js';

/**
 * The engine used without a model: it says exactly the text the policy planned, streamed a
 * sentence at a time so the page behaves the same as with a model-backed engine.
 */

/** The plan's text as the client will read it. */
export function planText(input: Pick<PhraseInput, 'plan'>): string {
  return input.plan.moves.map((move) => move.text.trim()).filter(Boolean).join(' ');
}

/** The protocol's move for a planned one (a safety move keeps its help links). */
export function toMove(move: PlannedMove): Move {
  return {
    kind: move.kind,
    ...(move.label ? { label: move.label } : {}),
    ...(move.note ? { note: move.note } : {}),
    ...(move.links && move.links.length > 0 ? { links: move.links } : {}),
  };
}

export const offlineEngine: CoachEngine = {
  name: 'offline',
  async *phrase(input: PhraseInput, signal?: AbortSignal): AsyncIterable<PhrasePart> {
    const text = planText(input);
    for (const chunk of sentenceChunks(text)) {
      if (signal?.aborted) {
        yield { type: 'error', error: new Error('aborted'), retryable: false };
        return;
      }
      yield { type: 'text-delta', text: chunk };
    }
    const moves: Move[] = input.plan.moves.map(toMove);
    yield { type: 'finish', text, moves, engine: 'offline' };
  },
  async ready() {
    return true;
  },
};
