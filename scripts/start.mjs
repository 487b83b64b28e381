// `npm start`: builds the page when it is missing or stale, then runs the server in this same
// process (so SIGTERM reaches it directly), with TypeScript loaded by tsx.
import { register } from 'tsx/esm/api';
import { buildWebIfStale } from './build-web.mjs';

try {
  buildWebIfStale();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
register();
await import('../server/main.ts');
