import type { Mode } from '../domain/schemas.js';
import { AppError } from '../errors.js';
import type { ClientFrame } from '../protocol/client-frames.js';

/** The modes each session frame belongs to; frames not listed fit every mode. */
export const FRAME_MODES: Partial<Record<ClientFrame['type'], readonly Mode[]>> = {
  'user.message': ['coach', 'rehearse'],
  'statement.request': ['coach'],
  'statement.edit': ['coach'],
  'statement.confirm': ['coach'],
  'step.goto': ['coach'],
  'feedback.request': ['rehearse', 'demo'],
  'demo.next': ['demo'],
  'demo.auto': ['demo'],
};

/** `bad_request` saying which mode a frame belongs to, when it does not fit the session's. */
export function assertFrameFitsMode(type: ClientFrame['type'], mode: Mode): void {
  const modes = FRAME_MODES[type];
  if (!modes || modes.includes(mode)) return;
  throw new AppError('bad_request', `${type} belongs to ${modes.join(' and ')} sessions; this session is in ${mode} mode`);
}
