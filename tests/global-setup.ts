// Builds the page once before any test file runs, so browser tests and server tests that serve
// the page never race each other building it.
// @ts-expect-error -- a plain ESM script without type declarations
import { buildWebIfStale } from '../scripts/build-web.mjs';

export default function setup(): void {
  (buildWebIfStale as (options: { quiet: boolean }) => boolean)({ quiet: true });
}
