import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createClassifier, type UtteranceClassifier } from '../classify/classifier.js';
import { parseModel, type LinearModel } from '../classify/model.js';
import type { CoachContent } from '../policy/coach-content.js';
import { loadSafetyContent } from './load-safety.js';
import { loadCleanLexicons } from './load-clean.js';
import { loadActsLexicon, loadCorrectionLexicons, loadFeelingLexicon, loadIntentLexicons, loadPartLabels, loadAskedParts, loadNotAPart, loadExperimentCheck, loadPartCheck, loadTopicWords } from './load-acts.js';
import { loadAdviceBank, loadVerifyContent } from './load-verify.js';
import { parsePromptBank, PromptBankError, type PromptBank } from '../phrase/prompt-bank.js';
import { parseSentenceModel, type SentenceTask, type UnderstandingModels } from '../understand/sentence-classifier.js';
import { parseWordVectors } from '../understand/word-vectors.js';
import { parseStepBook, STEPS, type StepBook, type StepId } from '../domain/steps.js';
import { checkExitCriteria } from '../process/guards.js';
import { parsePromptTemplates, TEMPLATE_FILES, type PromptTemplates } from '../llm/prompt-templates.js';
import { parsePersonaBank, type PersonaBank } from '../persona/persona-bank.js';
import { CONTENT_DIRECTORY } from './lexicon-files.js';
import { DemoAnnotationsSchema, type DemoAnnotations } from '../persona/demo-annotations.js';

/**
 * The one start-up loader of content/: it reads every file the server needs (the coach's wording,
 * the model instructions and step briefs, the personas, the trained models), validates each with
 * the schema of the part that uses it, and returns plain data that app.ts hands to those parts.
 * A broken file stops the start with a message naming the file and the field. Nothing else in
 * the server reads content/ (the safety content's own reader, load-safety.ts, is called from here).
 */
export interface Content {
  /** The coach's wording and trained sentence models (the pure core's inputs). */
  coach: CoachContent;
  /** Model instructions, turn lines and step briefs for the model-backed engine. */
  templates: PromptTemplates;
  personas: PersonaBank;
  /** The offline active-listening classifier, built from its trained model. */
  classifier: UtteranceClassifier;
  /** What a demonstration says about each coach move (content/demo/annotations.json). */
  demoAnnotations: DemoAnnotations;
}

/** Where the trained models live under content/. */
export const MODEL_FILES = {
  sentence: (task: SentenceTask) => `models/${task}.json`,
  wordVectors: 'models/word-vectors.bin',
  utteranceClassifier: 'models/utterance-classifier.json',
} as const;

export function loadContent(directory: string = CONTENT_DIRECTORY): Content {
  const models = loadUnderstandingModels(directory);
  return {
    coach: { phrases: loadPromptBank(join(directory, 'phrases')), steps: loadStepBook(directory), models, safety: loadSafetyContent(directory, models.vectors), clean: loadCleanLexicons(join(directory, 'lexicon'), models.vectors.index), verify: loadVerifyContent(directory), turnActs: loadActsLexicon(directory), advice: loadAdviceBank(directory), corrections: loadCorrectionLexicons(directory), notAPart: loadNotAPart(directory), partLabels: loadPartLabels(directory), askedParts: loadAskedParts(directory), experimentCheck: loadExperimentCheck(directory), partCheck: loadPartCheck(directory, models), intents: loadIntentLexicons(directory), feelings: loadFeelingLexicon(directory), topicWords: loadTopicWords(directory) },
    templates: loadPromptTemplates(directory),
    personas: loadPersonaBank(join(directory, 'personas')),
    classifier: createClassifier(loadUtteranceModel(directory)),
    demoAnnotations: loadDemoAnnotations(directory),
  };
}

/** Every step's step.json under `directory` (content/), validated, with every exit check known. */
export function loadStepBook(directory: string = CONTENT_DIRECTORY): StepBook {
  const steps = parseStepBook(
    Object.fromEntries(STEPS.map((step) => [step, JSON.parse(readFileSync(join(directory, 'steps', step, 'step.json'), 'utf8'))])) as Record<StepId, unknown>,
  );
  checkExitCriteria(steps);
  return steps;
}

/** The phrase files of `directory` (content/phrases). Throws PromptBankError. */
export function loadPromptBank(directory: string = join(CONTENT_DIRECTORY, 'phrases')): PromptBank {
  const read = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(join(directory, file), 'utf8'));
    } catch (error) {
      throw new PromptBankError(file, `cannot be read as JSON (${(error as Error).message})`);
    }
  };
  return parsePromptBank({
    questions: read('questions.json'),
    reflections: read('reflections.json'),
    safety: read('safety.json'),
    templates: read('templates.json'),
  });
}

/** The model instructions and step briefs under `directory` (content/); every problem is reported at once. */
export function loadPromptTemplates(directory: string = CONTENT_DIRECTORY): PromptTemplates {
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(join(directory, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  return parsePromptTemplates(
    {
      system: read(TEMPLATE_FILES.system),
      steps: Object.fromEntries(STEPS.map((step) => [step, read(TEMPLATE_FILES.step(step))])) as Record<(typeof STEPS)[number], string | undefined>,
      extraction: read(TEMPLATE_FILES.extraction),
      turn: read(TEMPLATE_FILES.turn),
      guard: read(TEMPLATE_FILES.guard),
    },
    directory,
  );
}

/** Every `*.json` of `directory` (content/personas), in file-name order. Throws PersonaFileError. */
export function loadPersonaBank(directory: string = join(CONTENT_DIRECTORY, 'personas')): PersonaBank {
  const documents = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: join(basename(directory), name), text: readFileSync(join(directory, name), 'utf8') }));
  return parsePersonaBank(documents, basename(directory));
}

/** content/demo/annotations.json, validated; a broken file names the field. */
export function loadDemoAnnotations(directory: string = CONTENT_DIRECTORY): DemoAnnotations {
  const file = join(directory, 'demo', 'annotations.json');
  const parsed = DemoAnnotationsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`demo/annotations.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The coach's five sentence models and the word vectors they read. */
export function loadUnderstandingModels(directory: string = CONTENT_DIRECTORY): UnderstandingModels {
  const sentenceModel = <T extends SentenceTask>(task: T) => parseSentenceModel(JSON.parse(readFileSync(join(directory, MODEL_FILES.sentence(task)), 'utf8')), task);
  return {
    needs: sentenceModel('needs'),
    constraints: sentenceModel('constraints'),
    learning: sentenceModel('learning'),
    questions: sentenceModel('questions'),
    parts: sentenceModel('parts'),
    vectors: parseWordVectors(readFileSync(join(directory, MODEL_FILES.wordVectors))),
  };
}

/** The offline utterance classifier's trained model. */
export function loadUtteranceModel(directory: string = CONTENT_DIRECTORY): LinearModel {
  return parseModel(JSON.parse(readFileSync(join(directory, MODEL_FILES.utteranceClassifier), 'utf8')));
}
