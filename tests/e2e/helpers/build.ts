import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; the page itself is built once for the whole run by tests/global-setup.ts. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
