import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

let child: ChildProcess | null = null;
let folder: string | null = null;

afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
});


function collect(process: ChildProcess): { text: () => string } {
  let output = '';
  process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { text: () => output };
}

describe('npm start, as process managers run it', () => {
  it('serves once /healthz answers, prints the URL, engine and store, and exits cleanly on SIGTERM', async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'rapport-start-'));
    const port = await freePort();
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${path.join(folder, 'coach.db')}`, OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(child);
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status, { timeout: 20_000, interval: 200 }).toBe(200);
    expect(output.text()).toContain(`http://127.0.0.1:${port}`);
    expect(output.text()).toMatch(/offline engine/);
    expect(output.text()).toMatch(/SQLite/);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/html/);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad configuration with one clear line per problem', async () => {
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, PORT: 'not-a-port', DATABASE_URL: 'mysql://nope' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(child);
    const code = await new Promise<number | null>((resolve) => child!.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(output.text()).toMatch(/PORT: /);
    expect(output.text()).toMatch(/DATABASE_URL: must start with sqlite: or postgres:\/\//);
  });
});
