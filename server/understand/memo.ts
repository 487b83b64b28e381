/**
 * A pure string function with a bounded cache: a turn renders the same slot texts again (drafts,
 * summaries, reflections), and the compromise parse behind them is the costly part. The oldest entry
 * goes first once `size` entries are held, so memory stays bounded on a long-running server.
 */
export function memoizeText<T>(compute: (text: string) => T, size = 2000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const value = compute(text);
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(text, value);
    return value;
  };
}
