import type { PromptBank } from './prompt-bank.js';
import type { UnderstandingModels } from './sentence-classifier.js';

/**
 * What the coach's pure core reads: its wording (content/phrases) and its trained sentence models
 * (content/models). Loaded and validated once at start-up by server/content/load-content.ts and
 * passed in; nothing in the core reads a file.
 */
export interface CoachContent {
  phrases: PromptBank;
  models: UnderstandingModels;
}
