import { describe, expect, it } from 'vitest';
import { echoFault, echoGrammarEntries } from '../../server/phrase/reflection-grammar.js';

/**
 * The grammar gate (server/phrase/reflection-grammar.ts): every entry of
 * content/lexicon/echo-grammar.json refuses its `faults` and passes its `fine` clauses.
 */
describe.each(echoGrammarEntries().map((entry) => [entry.id, entry] as const))('echo-grammar %s', (_id, entry) => {
  it('refuses its faults and passes the fine clauses', () => {
    expect({
      wronglyPassed: entry.faults.filter((clause) => echoFault(clause) === null),
      wronglyRefused: entry.fine.map((clause) => [clause, echoFault(clause)]).filter(([, fault]) => fault !== null),
    }).toEqual({ wronglyPassed: [], wronglyRefused: [] });
  });
});
