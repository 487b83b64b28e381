// `npm start`: builds the page when it is missing or older than its sources, then runs the server
// in this same process (so SIGTERM reaches it directly), with TypeScript loaded by tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'web/dist/index.html');

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const webFolder = path.join(root, 'web');
if (existsSync(path.join(webFolder, 'index.html'))) {
  const stale = !existsSync(built) || statSync(built).mtimeMs < newestSource(webFolder);
  if (stale) {
    console.log('Building the web page…');
    const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      console.error('Building the web page failed; see the messages above.');
      process.exit(1);
    }
  }
}

register();
await import('../server/main.ts');
