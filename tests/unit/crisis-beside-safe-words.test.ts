import { describe, expect, it } from 'vitest';
import { loadSafetyContent } from '../../server/content/load-safety.js';

/**
 * A safe phrase quiets words of crisis said about a topic, a practice session or a sport; it must
 * never quiet a person's own crisis said beside the same words. Each line below was once quieted by
 * a safe phrase written in the same session (a review caught them): a coach's own despair, a
 * course log, suicide barriers looked at, an overdose wished for, a choke at home.
 */
const screen = loadSafetyContent().screen;

describe('words of crisis beside the words of a safe phrase', () => {
  it.each([
    ["I'm the coach of the under-12s and lately I feel like everyone would be better off without me.", 'crisis'],
    ['After the safeguarding training at work today I realised I have suicidal thoughts most days.', 'crisis'],
    ["I'm the coach here, and life isn't worth living anymore.", 'crisis'],
    ['did the simulation at work today and all i could think about was suicide', 'crisis'],
    ["I've been looking at the suicide barriers on the bridge and wondering if I could get over them.", 'crisis'],
    ['I want to be one of the overdose deaths on the news.', 'crisis'],
    ['i keep reading about paracetamol overdose and how many it takes', 'crisis'],
    ["My BJJ coach choked me out and I couldn't breathe, then he did it again off the mat at home", 'crisis'],
    ['For my coaching course I have to keep a log, but honestly I cant go on.', 'check'],
  ] as const)('"%s" gets %s', (text, tier) => {
    const reading = screen(text, { context: 'client' });
    if (tier === 'crisis') expect(reading.tier).toBe('crisis');
    else expect(reading.tier).not.toBeNull();
  });
});
