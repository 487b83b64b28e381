import { cleanText, compileCleanLexicons } from '../understand/clean.js';
import { memoizeText } from '../understand/memo.js';
import fillers from '../../content/lexicon/clean-fillers.json' with { type: 'json' };
import restarts from '../../content/lexicon/clean-restarts.json' with { type: 'json' };
import spelling from '../../content/lexicon/chat-spelling.json' with { type: 'json' };

/**
 * The client's words made ready to be echoed: the message was cleaned of noise before it was read,
 * and the hedges the reader keeps ("kind of", "I guess", "basically": a hedged yes is not a clear
 * yes) are taken out here, so a reflection never says "you guess" or "it's kind of nice". The
 * entries are the 'hedges' stage of content/lexicon/clean-fillers.json, with their examples.
 *
 * Pure: the documents are imported with the module, like the other word patterns of phrase/.
 */
const LEXICONS = compileCleanLexicons({ fillers, restarts, spelling });

/**
 * The text without its hedges; the very same text (case and all) when it has none. Remembered:
 * one turn asks for the same sentences from several reflection builders, two cleanings each.
 */
export const withoutHedges = memoizeText(hedgesRemoved);

function hedgesRemoved(text: string): string {
  if (text.trim() === '') return text;
  const cleaned = cleanText(text, LEXICONS, { hedges: true }).text;
  if (cleaned === '' || cleaned === cleanText(text, LEXICONS).text) return text;
  return cleaned;
}
