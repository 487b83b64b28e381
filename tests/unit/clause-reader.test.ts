import { describe, expect, it } from 'vitest';
import { readClause } from '../../server/understand/clause-reader.js';

describe('a clause that opens with a verb: a request to the coach, or a step of their own', () => {
  it.each(['tell me straight if im doing it wrong', "don't give me reading", 'keep my feet to the fire'])('"%s" asks the coach', (text) => {
    expect(readClause(text).kind).toBe('request');
  });

  it.each(["or talk to my nephew's maths teacher", 'ask my manager for two hours off the desk', 'send my draft to Sam on Friday'])('"%s" is their own idea, never "You\'d like me to …"', (text) => {
    expect(readClause(text).kind).toBe('idea');
  });
});
