import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics of one process; a fresh registry per app keeps tests independent. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const frames = new Counter({ name: 'rapport_frames_total', help: 'Client frames received, by type', labelNames: ['type'], registers: [registry] });
  const turnSeconds = new Histogram({
    name: 'rapport_turn_seconds',
    help: 'Server time to produce a coach turn, by engine',
    labelNames: ['engine'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const fallbacks = new Counter({ name: 'rapport_engine_fallbacks_total', help: 'Turns answered by the offline engine because the model failed', registers: [registry] });
  const refusals = new Counter({
    name: 'rapport_refused_total',
    help: 'Requests refused before any work: origin (403), connections, session_starts and messages per address (429), by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const purged = new Counter({ name: 'rapport_sessions_purged_total', help: 'Sessions deleted by the retention purge', registers: [registry] });
  const demoAutoplays = new Gauge({ name: 'rapport_demo_autoplay_active', help: 'Demo sessions playing on by themselves', registers: [registry] });
  let countSockets = (): number => 0;
  const sockets = new Gauge({
    name: 'rapport_open_sockets',
    help: 'Open WebSocket connections',
    registers: [registry],
    collect() {
      this.set(countSockets());
    },
  });
  /** Tells the gauge how to count open sockets, read at each scrape. */
  const countSocketsWith = (counter: () => number) => {
    countSockets = counter;
  };
  return { registry, frames, turnSeconds, fallbacks, refusals, purged, sockets, demoAutoplays, countSocketsWith };
}

export type Metrics = ReturnType<typeof createMetrics>;
