// Rapport as `npm run bench:model` measures it: the real server (as main.ts wires it) on a fresh
// SQLite file, in a process of its own. The environment it is given is passed on as its config; it
// prints `{"wsUrl": …}` on one line when it listens and stops cleanly on SIGTERM (so a
// `--cpu-prof` run writes its profile).
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
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
