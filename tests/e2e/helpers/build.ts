import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const webFolder = path.join(repositoryRoot, 'web');
const builtPage = path.join(webFolder, 'dist/index.html');
const lockFolder = path.join(webFolder, '.e2e-build-lock');

function newestSourceTime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  return !existsSync(builtPage) || statSync(builtPage).mtimeMs < newestSourceTime(webFolder);
}

/**
 * Builds `web/dist` when it is missing or older than the page's sources. A lock folder keeps two
 * test workers from building (and emptying `dist`) at the same time.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (!isStale()) return;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lockFolder);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`A web build lock has been held for a minute: remove ${lockFolder} if no build is running.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (!isStale()) return;
    const result = spawnSync(process.execPath, [path.join(repositoryRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`Building the web page failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lockFolder, { recursive: true, force: true });
  }
}
