import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FallbacksSchema, type Fallbacks } from '../phrase/verify.js';
import { compileFrameSlots, FrameSlotsSchema, type FrameSlots } from '../phrase/frame-slots.js';
import { compileLexicon, type Lexicon } from '../understand/lexicon.js';
import { AdviceBankSchema, type AdviceBank } from '../policy/advice.js';
import { CONTENT_DIRECTORY, readLexiconDocument } from './lexicon-files.js';

/**
 * Reads what the verifier needs: the wording the coach must never say
 * (content/lexicon/verify-wording.json) and the plain lines said when nothing else passes
 * (content/phrases/fallbacks.json). Throws, naming the file and field, when either is invalid.
 * The advice bank (content/phrases/advice.json) is read here too, by the same phrase-file reader.
 */
export function loadVerifyContent(directory: string = CONTENT_DIRECTORY): { wording: Lexicon<unknown>; fallbacks: Fallbacks; frames: FrameSlots } {
  const wording = compileLexicon('verify-wording', readLexiconDocument('verify-wording', join(directory, 'lexicon')));
  return { wording, fallbacks: readPhraseFile(directory, 'fallbacks.json', FallbacksSchema), frames: loadFrameSlots(directory) };
}

/**
 * The reflection frames and the shapes of their slots (content/phrases/frame-slots.json): the
 * templates are the lists it names in content/phrases, read as they are written.
 */
export function loadFrameSlots(directory: string = CONTENT_DIRECTORY): FrameSlots {
  const file = join(directory, 'phrases', 'frame-slots.json');
  const parsed = FrameSlotsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`content/phrases/frame-slots.json: ${z.prettifyError(parsed.error)}`);
  const lists = parsed.data.sources.flatMap((source) => {
    const document = JSON.parse(readFileSync(join(directory, 'phrases', source.file), 'utf8')) as Record<string, unknown>;
    return source.keys.map((key) => {
      const list = key.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), document);
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw new Error(`content/phrases/frame-slots.json: content/phrases/${source.file} has no list of templates "${key}"`);
      return { templates: list as string[], slots: source.slots };
    });
  });
  return compileFrameSlots(parsed.data, lists);
}

/** The advice bank (content/phrases/advice.json). */
export function loadAdviceBank(directory: string = CONTENT_DIRECTORY): AdviceBank {
  return readPhraseFile(directory, 'advice.json', AdviceBankSchema);
}

/** A JSON file of content/phrases, checked against its schema; the error names the file and field. */
function readPhraseFile<S extends z.ZodType>(directory: string, file: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(join(directory, 'phrases', file), 'utf8')));
  if (!parsed.success) throw new Error(`content/phrases/${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
