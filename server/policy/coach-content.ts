import type { PartCheck } from '../understand/part-check.js';
import type { AskedParts, PartLabels } from '../understand/part-labels.js';
import type { StepBook } from '../domain/steps.js';
import type { PromptBank } from '../phrase/prompt-bank.js';
import type { UnderstandingModels } from '../understand/sentence-classifier.js';
import type { SafetyContent } from '../understand/safety-content.js';
import type { CleanLexicons } from '../understand/clean.js';
import type { Lexicon } from '../understand/lexicon.js';
import type { Fallbacks } from '../phrase/verify.js';
import type { FrameSlots } from '../phrase/frame-slots.js';
import type { ActsLexicon } from '../understand/acts.js';
import type { AdviceBank } from './advice.js';
import type { CorrectionLexicons } from '../understand/corrections.js';
import type { IntentLexicons } from '../understand/intents.js';
import type { FeelingLexicon } from '../understand/feelings.js';

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
  /** The normaliser's lexicons (content/lexicon/clean-*.json, chat-spelling.json): every message is cleaned before it is read. */
  clean: CleanLexicons;
  /** What every planned sentence is checked against before it is said, and the plain lines said instead (content/lexicon/verify-wording.json, content/phrases/fallbacks.json). */
  verify: { wording: Lexicon<unknown>; fallbacks: Fallbacks; frames: FrameSlots };
  /** Acts read before content: wanting to stop, asking who the coach is (content/lexicon/acts.json). */
  turnActs: ActsLexicon;
  /** What the coach offers when asked for advice, with permission (content/phrases/advice.json). */
  advice: AdviceBank;
  /** How a client corrects the statement in chat, and the names of its parts (content/lexicon/corrections.json, statement-parts.json). */
  corrections: CorrectionLexicons;
  /** Answers that cannot fill a part of the statement (a bare rating, a shrug): content/lexicon/not-a-part.json. */
  notAPart: Lexicon<unknown>;
  /** Labels a client puts before an answer ('success...', 'first step', 'Confidence...'): content/lexicon/part-labels.json. */
  partLabels: PartLabels;
  /** The part a question to the coach names ('what's a first experiment?'): content/lexicon/asked-parts.json. */
  askedParts: AskedParts;
  /** What a first experiment must say, and what is never one (content/lexicon/experiment-check.json). */
  experimentCheck: Lexicon<unknown>;
  /** What each statement part may be: an aim, a sign that would show, an action of theirs (content/lexicon/part-check.json). */
  partCheck: PartCheck;
  /** What a message asks of the process: intents, consent, pleasantries, questions about privacy, themselves or the conversation (content/lexicon/intents.json, pleasantries.json, process-questions.json). */
  intents: IntentLexicons;
  /** Feeling words, and the denied or other people's feelings cut out before them (content/lexicon/feelings.json). */
  feelings: FeelingLexicon;
  /** Noun phrases that are never a topic for a question to follow (content/lexicon/topic-words.json). */
  topicWords: Lexicon<unknown>;
}
