/**
 * Aims and first steps read in context by the trained part reader (content/models/parts.json: aim /
 * sign / step / none), for answers the patterns do not know: "want them to just listen w/o me
 * shoutin", "maybe pull kyle aside b4 start monday", said with no "I want to" or "my first step". The
 * question just asked is the context: an answer to the question that asked for the part is read on a
 * fair reading, a part nobody asked for only on a sure one, and either must have the shape of the
 * part (led by a verb or a wish). Only parts still missing are filled, each from its own sentence,
 * and each then passes the same type check as any other part (part-check.ts). Signs of progress are
 * not read this way: on the development conversations the reader took lines of story for signs
 * ("the college rang me in the autumn…" reads 0.99 sign). Measured on every scripted client by
 * `npx tsx eval/statement-parts.ts` against the commit before (docs/understanding.md).
 */
import type { Slot } from '../domain/session-state.js';
import { LABEL_OF, partCueFeatures, partProbabilities } from './part-kind.js';
import type { PartKind } from './part-check.js';
import type { UnderstandingModels } from './sentence-classifier.js';
import { WISH_VERBS, findExperiment, goalFromAnswer, isSuccessOrGoalSentence } from './slots.js';
import { quotesWords, splitSentences, words } from './text.js';


/**
 * How sure the reader must be: a sentence answering the question that asked for the part needs a
 * fair reading; a part said unasked needs a sure one (a wrong part in the statement costs more than
 * a part asked for again).
 */
export const READ_BARS = { asked: 0.7, unasked: 0.85 } as const;

/** Fewer words than this say too little to stand as a part ("yeah maybe"). */
const MIN_WORDS = 3;

/** The parts read this way: a sign of progress is not (the reader takes too many lines of story for signs). */
export type ContextPart = Exclude<PartKind, 'success'>;

export interface ContextReading {
  /** The message's content, cleaned, without its questions to the coach. */
  text: string;
  seq: number;
  /** The part the coach's last question asked for, if it asked for one. */
  asked: ContextPart | null;
  /** The parts still missing, which this message may fill. */
  open: readonly ContextPart[];
  /** A sentence without the hedges it was offered in ("maybe", "I guess"), as the reader judges it. */
  plain?: (sentence: string) => string;
}

/** The parts the reader finds in the message, at most one per part and one part per sentence. */
export function readPartsInContext(models: Pick<UnderstandingModels, 'parts' | 'vectors'>, reading: ContextReading): Partial<Record<ContextPart, Slot>> {
  if (reading.open.length === 0) return {};
  // Words in quotes are words about the wording ("put 'crew follows the plan'"), not a part.
  const sentences = splitSentences(reading.text).filter((sentence) => !sentence.trim().endsWith('?') && words(sentence).length >= MIN_WORDS && !quotesWords(sentence));
  const plain = reading.plain ?? ((sentence: string) => sentence);
  const read = sentences.map((sentence) => ({ sentence, probabilities: partProbabilities(models.parts, models.vectors, plain(sentence) || sentence) }));
  const found: Partial<Record<ContextPart, Slot>> = {};
  const used = new Set<string>();
  // The part asked for is read first: a sentence that could be two parts answers the question.
  const order = [...reading.open].sort((first, second) => Number(second === reading.asked) - Number(first === reading.asked));
  for (const kind of order) {
    const label = LABEL_OF[kind];
    const bar = kind === reading.asked ? READ_BARS.asked : READ_BARS.unasked;
    // The sentence must read as this part more than as anything else, and surely enough.
    const candidates = read
      .filter(({ sentence, probabilities }) => !used.has(sentence) && probabilities[label] >= bar && Object.values(probabilities).every((probability) => probability <= probabilities[label]))
      .filter(({ sentence }) => shapedAs(kind, plain(sentence) || sentence))
      .sort((first, second) => second.probabilities[label] - first.probabilities[label]);
    for (const { sentence } of candidates) {
      const slot = slotOf(kind, sentence, reading.seq);
      if (!slot) continue;
      found[kind] = slot;
      used.add(sentence);
      break;
    }
  }
  return found;
}

/**
 * Said unasked, a part must also have the shape of one, as the parser reads it: a sign looks ahead
 * or names a condition ("if the brief goes without jokes", "I'd be home by six"); an aim or a step
 * is led by a verb or a wish ("stop redoing his work", "want them to listen", "pull Kyle aside").
 * A line of present-tense story ("Questions every decision I make on the panel") has neither.
 */
function shapedAs(kind: ContextPart, sentence: string): boolean {
  const cues = new Set(partCueFeatures(sentence));
  const lead = words(sentence)[0]?.toLowerCase() ?? '';
  return cues.has('p:lead-verb') || cues.has('p:lead-gerund') || WISH_VERBS.has(lead) || (kind === 'experiment' && cues.has('p:modal') && cues.has('p:lead-i'));
}

/** The part as the statement would hold it, or null when the sentence has no shape for it. */
function slotOf(kind: ContextPart, sentence: string, seq: number): Slot | null {
  // "I'll know it's working if…", "success is…": a sentence marked as a sign (or an aim) is not read as another part.
  if (isSuccessOrGoalSentence(sentence)) return null;
  // An aim is a thing to do or to have ("feel less stuck", "more time at home", "want them to listen").
  if (kind === 'goal') return goalFromAnswer(sentence, seq);
  // A step is read as the step readers read one asked for: "maybe" and "I could" are how it is offered.
  return findExperiment(sentence, seq, true);
}
