/** The training options of the coach's sentence classifiers (training/train-understanding.ts), shared with the scripts that retrain them for a figure. */
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../server/classify/train.js';

export const UNDERSTANDING_TRAINING_OPTIONS: TrainingOptions = {
  ...DEFAULT_TRAINING_OPTIONS,
  minFeatureCount: 2,
  l2: 0.002,
  epochs: 300,
  learningRate: 0.05,
  classBalance: 1,
  ...(process.env.UNDERSTANDING_OPTIONS ? (JSON.parse(process.env.UNDERSTANDING_OPTIONS) as Partial<TrainingOptions>) : {}),
};
