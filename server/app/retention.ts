import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often each process looks for idle sessions; the first look is at start-up. */
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Sessions deleted per transaction, so a large first purge never holds the database for long. */
const BATCH = 200;
/** Batches per run at most; a backlog larger than this is finished by the next runs. */
const MOST_BATCHES = 50;

/**
 * Deletes sessions unused for longer than `days`, with everything of them, at start-up and every
 * hour. Every process runs it: the store's purge takes only sessions no turn holds and deletes
 * each in one transaction, so two processes purging at once delete each session once and never
 * half of one. Only counts are logged.
 */
export function startRetentionPurge(options: { store: Store; days: number; logger: Logger; now?: () => number; onPurged?: (count: number) => void }): { stop: () => void; runNow: () => Promise<number> } {
  const now = options.now ?? Date.now;
  let running: Promise<number> | null = null;

  async function purge(): Promise<number> {
    const idleSince = new Date(now() - options.days * DAY_MS).toISOString();
    let total = 0;
    for (let batch = 0; batch < MOST_BATCHES; batch += 1) {
      const deleted = await options.store.purgeIdleSessions(idleSince, BATCH);
      total += deleted;
      if (deleted < BATCH) break;
    }
    if (total > 0) options.onPurged?.(total);
    if (total > 0) options.logger.info({ sessions: total, retentionDays: options.days }, 'idle sessions deleted');
    return total;
  }

  /** One run at a time in this process; a run asked for while one is going joins it. */
  function runNow(): Promise<number> {
    running ??= purge().finally(() => {
      running = null;
    });
    return running;
  }

  const run = () => {
    runNow().catch((error: unknown) => options.logger.warn({ error: (error as Error).message }, 'retention purge failed; retried at the next run'));
  };
  const timer = setInterval(run, PURGE_EVERY_MS);
  timer.unref();
  run();
  return { stop: () => clearInterval(timer), runNow };
}
