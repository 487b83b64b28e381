/** The editable parts of the partnership statement, in the order people read them. */
import { learningLabel } from './labels.js';
import type { Statement } from './protocol.js';

export type ListField = 'goals' | 'needs' | 'successIndicators' | 'constraints';
export type TextField = 'text' | 'firstExperiment' | 'learningPreference';

export type FieldDescription =
  | { kind: 'list'; key: ListField; title: string; itemName: string; help: string }
  | { kind: 'text'; key: TextField; title: string; help: string; multiline: boolean; placeholder?: string };

export const STATEMENT_FIELDS: FieldDescription[] = [
  { kind: 'text', key: 'text', title: 'In a few sentences', help: 'The statement itself, in your words where possible.', multiline: true, placeholder: 'What you want from coaching, and how you will know it is working.' },
  { kind: 'list', key: 'goals', title: 'Goals', itemName: 'goal', help: 'What you want from coaching.' },
  { kind: 'list', key: 'needs', title: 'What you need', itemName: 'need', help: 'What would help you get there.' },
  { kind: 'list', key: 'successIndicators', title: 'How you will know it is working', itemName: 'sign of success', help: 'Signs you could notice.' },
  { kind: 'text', key: 'firstExperiment', title: 'A first small experiment', help: 'Something small to try soon.', multiline: true, placeholder: 'Not chosen yet — what could you try this week?' },
  { kind: 'list', key: 'constraints', title: 'Constraints to respect', itemName: 'constraint', help: 'Time, bandwidth, what the organisation allows.' },
  { kind: 'text', key: 'learningPreference', title: 'How you like to learn', help: 'By doing, reflecting, feedback, or a mix.', multiline: false },
];

/** Whether a `sources[].field` belongs to a statement field ("goals", "goals[0]", "goals.0"…). */
export function sourceBelongsTo(sourceField: string, key: string): boolean {
  return sourceField === key || sourceField.startsWith(`${key}[`) || sourceField.startsWith(`${key}.`);
}

export function textValue(statement: Statement, key: TextField): string {
  return statement[key] ?? '';
}

/** A filled-in part of the statement as read (not edited): a list, or a text with the learning preference in words. */
export type StatementPart = { kind: 'list'; title: string; items: string[] } | { kind: 'text'; key: TextField; title: string; value: string };

/** The statement's non-empty parts in reading order, shared by the Markdown export and the print page. */
export function statementParts(statement: Statement): StatementPart[] {
  return STATEMENT_FIELDS.flatMap((field): StatementPart[] => {
    if (field.kind === 'list') {
      const items = statement[field.key];
      return items.length > 0 ? [{ kind: 'list', title: field.title, items }] : [];
    }
    const value = textValue(statement, field.key).trim();
    if (!value) return [];
    return [{ kind: 'text', key: field.key, title: field.title, value: field.key === 'learningPreference' ? learningLabel(value) : value }];
  });
}
