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
  const guardRejections = new Counter({
    name: 'rapport_model_guard_rejections_total',
    help: 'Model replies the guard rejected before the client saw them, by the rule broken',
    labelNames: ['rule'],
    registers: [registry],
  });
  const modelFallbacks = new Counter({
    name: 'rapport_model_fallbacks_total',
    help: 'Turns the offline engine answered instead of the model, by reason (circuit_open, model_failed, rejected, deadline)',
    labelNames: ['reason'],
    registers: [registry],
  });
  let readModelHealth = (): { state: string } | null => null;
  const modelUp = new Gauge({
    name: 'rapport_model_up',
    help: 'Whether the configured model answered its last call (1), is failing (0.5) or is not being called (0, breaker open); absent offline',
    registers: [registry],
    collect() {
      const health = readModelHealth();
      if (health) this.set(health.state === 'up' ? 1 : health.state === 'failing' ? 0.5 : 0);
    },
  });
  const modelCircuitOpen = new Gauge({
    name: 'rapport_model_circuit_open',
    help: 'Whether the model circuit breaker is open (the model is not being called)',
    registers: [registry],
    collect() {
      const health = readModelHealth();
      if (health) this.set(health.state === 'open' ? 1 : 0);
    },
  });
  /** Tells the model gauges how to read the model's health, at each scrape. */
  const readModelHealthWith = (reader: () => { state: string } | null) => {
    readModelHealth = reader;
  };
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
  return { registry, frames, turnSeconds, fallbacks, refusals, purged, sockets, demoAutoplays, countSocketsWith, guardRejections, modelFallbacks, modelUp, modelCircuitOpen, readModelHealthWith };
}

export type Metrics = ReturnType<typeof createMetrics>;
