/**
 * A reply split into the chunks streamed as deltas: a sentence at a time. When the split would
 * not give back the text exactly (odd punctuation), the whole text is one chunk.
 */
export function sentenceChunks(text: string): string[] {
  const chunks = text.match(/[^.!?]+[.!?]+["”']?\s*|[^.!?]+$/g) ?? [text];
  const kept = chunks.filter((chunk) => chunk.length > 0);
  return kept.join('') === text ? kept : [text];
}
