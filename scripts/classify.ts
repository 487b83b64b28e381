import { loadUtteranceModel } from '../server/content/load-content.js';
/**
 * Classifies coach utterances from JSON lines on stdin.
 *   in:  {"text": "...", "previous_client": "..."}   (previousClient is accepted too)
 *   out: {"label": "..."}                            one line per input line, same order
 * A line that cannot be read still gets exactly one output line: {"label":"other","error":"..."}.
 * Nothing but results goes to stdout. Usage: npm run --silent classify < utterances.jsonl
 */
import { createInterface } from 'node:readline';
import { createClassifier, type UtteranceClassifier } from '../server/classify/classifier.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function classifyLine(line: string, classifier: UtteranceClassifier): string {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
    const record = parsed as Record<string, unknown>;
    if (typeof record.text !== 'string') throw new Error('"text" must be a string');
    const previous = record.previous_client ?? record.previousClient ?? '';
    if (typeof previous !== 'string') throw new Error('"previous_client" must be a string');
    return JSON.stringify({ label: classifier.classify({ text: record.text, previousClient: previous }).label });
  } catch (error) {
    return JSON.stringify({ label: 'other', error: describe(error) });
  }
}

async function main(): Promise<void> {
  let classifier: UtteranceClassifier | undefined;
  let loadError: string | undefined;
  try {
    classifier = createClassifier(loadUtteranceModel());
  } catch (error) {
    // Keep the one-line-per-input contract even without a model; say why on stderr once.
    loadError = `classifier model unavailable: ${describe(error)}`;
    console.error(loadError);
  }

  const output: string[] = [];
  const flush = (): void => {
    if (output.length === 0) return;
    process.stdout.write(`${output.join('\n')}\n`);
    output.length = 0;
  };
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    output.push(classifier ? classifyLine(line, classifier) : JSON.stringify({ label: 'other', error: loadError }));
    if (output.length >= 256) flush();
  }
  flush();
}

// A reader that closes the pipe early is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main().catch((error: unknown) => {
  console.error(describe(error));
  process.exitCode = 1;
});
