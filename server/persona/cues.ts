
/** Lower-case words of a text, apostrophes kept, other punctuation dropped. */
export function cueWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^a-z0-9'-]+/)
    .filter(Boolean);
}

/**
 * How many of a need's cues a text touches. A one-word cue is a stem: "delegat" matches
 * "delegate" and "delegating"; a cue of several words must appear as written.
 */
export function cueHits(cues: readonly string[], text: string): number {
  const words = cueWords(text);
  const joined = ` ${words.join(' ')} `;
  let hits = 0;
  for (const cue of cues) {
    const matched = cue.includes(' ') ? joined.includes(` ${cue}`) : words.some((word) => word.startsWith(cue));
    if (matched) hits += 1;
  }
  return hits;
}

export function touchesNeed(need: { cues: readonly string[] }, text: string): boolean {
  return cueHits(need.cues, text) > 0;
}
