import { loadContent } from '../../server/content/load-content.js';

/**
 * The shipped content/, read once per test file by the same loader the server runs at start-up.
 * Tests that need other content build their own and pass it in.
 */
export const shippedContent = loadContent();
/** The coach's wording and trained sentence models. */
export const coachContent = shippedContent.coach;
export const phrases = coachContent.phrases;
export const sentenceModels = coachContent.models;
