// Builds the page with Vite when web/dist is missing or older than the page's sources. Shared by
// `npm start` and the test suite's global setup, so neither serves a stale page.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webFolder = path.join(root, 'web');
const built = path.join(webFolder, 'dist/index.html');

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Returns true when the page is ready to serve (built now or already fresh). */
export function buildWebIfStale({ quiet = false } = {}) {
  if (!existsSync(path.join(webFolder, 'index.html'))) return false;
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(webFolder)) return true;
  if (!quiet) console.log('Building the web page…');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: root, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`building the web page failed:\n${result.stderr ?? ''}${result.stdout ?? ''}`);
  }
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWebIfStale();
}
