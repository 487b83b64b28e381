// Rapport as `npm run bench:model` measures it: the real server (as main.ts wires it) on a fresh
// SQLite file, in a process of its own. The environment it is given is passed on as its config; it
// prints `{"wsUrl": …}` on one line when it listens and stops cleanly on SIGTERM (so a
// `--cpu-prof` run writes its profile).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startTestServer } from '../../tests/helpers/test-server.js';

const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => /^(OPENAI_|COACH_|MODEL_|RATE_LIMIT|CONNECTIONS_|MESSAGES_|SESSION_STARTS)/.test(key))) as Record<string, string>;
const app = await startTestServer(env);
process.stdout.write(`${JSON.stringify({ wsUrl: app.wsUrl })}\n`);
const stop = (): void => {
  app
    .stop()
    .then(() => app.cleanup())
    .then(() => process.exit(0), () => process.exit(1));
};
// SIGUSR2: how long the event loop was held up since the last SIGUSR2 (one JSON line on stderr),
// then starts again: `npm run bench:model -- --loop-delay` sends it around each measured run.
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
process.on('SIGUSR2', () => {
  const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
  process.stderr.write(`loop delay beyond the 5 ms timer, ms: ${JSON.stringify({ p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), mean: ms(loop.mean) })}\n`);
  loop.reset();
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
