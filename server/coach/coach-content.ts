import type { StepBook } from '../domain/steps.js';
import type { PromptBank } from './prompt-bank.js';
import type { UnderstandingModels } from './sentence-classifier.js';
import type { SafetyContent } from '../safety/safety-content.js';

/**
 * What the coach's pure core reads: its wording (content/phrases), its steps (content/steps) and its trained sentence models
 * (content/models). Loaded and validated once at start-up by server/content/load-content.ts and
 * passed in; nothing in the core reads a file.
 */
export interface CoachContent {
  phrases: PromptBank;
  /** Each step's title, intro and exit criteria (content/steps/<step>/step.json). */
  steps: StepBook;
  models: UnderstandingModels;
  /** The crisis screen, its lexicons and the reviewed help texts (content/lexicon, content/safety). */
  safety: SafetyContent;
}
