import { describe, expect, it } from 'vitest';
import { findSuccessSignals } from '../../server/understand/slots.js';

describe('success signals said with a time frame or as a metric', () => {
  it.each([
    ['Success in six months would be knowing whether I want the top job', 'knowing whether you want the top job'],
    ['Success metric: the next proposal gets a decision within 4 weeks', 'the next proposal gets a decision within 4 weeks'],
    ['Success for me by the summer would be a team that runs the Monday meeting', 'a team that runs the Monday meeting'],
    ['success measures: fewer escalations to me', 'fewer escalations to you'],
    ['A good outcome after the launch would be nobody working weekends', 'nobody working weekends'],
    ['Success to me would be leaving at six', 'leaving at six'],
  ])('%s', (text, expected) => {
    expect(findSuccessSignals(text, 3, false).map((signal) => signal.text)).toEqual([expected]);
  });

  it.each(['Our success last year was mostly luck.', 'The measure was announced on Friday and nobody liked it.'])('is not fooled by: %s', (text) => {
    expect(findSuccessSignals(text, 3, false)).toEqual([]);
  });
});
