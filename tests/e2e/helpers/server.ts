import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../helpers/free-port.js';
import { repositoryRoot } from './build.js';

export interface RunningServer {
  url: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}


/**
 * Runs the real Rapport server as a child process, configured only by the environment (as
 * protocol v1 says other programs start it), on a free port with a fresh SQLite file, and waits
 * for `GET /healthz` to answer 200. No `OPENAI_*`: the offline engine answers.
 */
export async function startServer(): Promise<RunningServer> {
  // Point the suite at a server that is already running (a deployment, a debugger session).
  const external = process.env.RAPPORT_E2E_URL;
  if (external) return { url: external.replace(/\/$/, ''), output: () => '', stop: async () => {} };
  const folder = mkdtempSync(path.join(tmpdir(), 'rapport-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const environment: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${path.join(folder, 'e2e.db')}`, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '600', SESSION_STARTS_PER_MINUTE: '600', MESSAGES_PER_MINUTE_PER_ADDRESS: '6000' };
  delete environment.OPENAI_API_KEY;
  delete environment.OPENAI_BASE_URL;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: repositoryRoot, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 25_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The Rapport server exited (code ${child.exitCode}) before serving:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The Rapport server did not answer /healthz within 25 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
