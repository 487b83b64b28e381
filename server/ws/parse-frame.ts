import type { RawData } from 'ws';
import { ClientFrameSchema, MAX_FRAME_BYTES, MAX_MESSAGE_CHARS, type ClientFrame } from '../protocol/client-frames.js';
import { AppError } from '../errors.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(ClientFrameSchema.options.map((option) => option.shape.type.value));

/**
 * Turns one raw socket message into a validated frame, or an AppError whose message says exactly
 * what is wrong, so the client can fix it and the connection stays usable.
 */
export function parseFrame(data: RawData, isBinary: boolean): ClientFrame {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (isBinary) throw new AppError('bad_request', 'frames must be text frames holding JSON');
  if (buffer.byteLength > MAX_FRAME_BYTES) throw new AppError('too_large', `frame is larger than ${MAX_FRAME_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(buffer.toString('utf8'));
  } catch {
    throw new AppError('bad_request', 'frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('bad_request', 'frame must be a JSON object with a "type"');
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') throw new AppError('bad_request', 'frame is missing its "type"');
  if (!KNOWN_TYPES.has(type)) throw new AppError('bad_request', `unknown frame type "${type}"`);
  const parsed = ClientFrameSchema.safeParse(value);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((issue) => issue.path[0] === 'text' && issue.code === 'too_big');
    if (tooLong) throw new AppError('too_large', `text is longer than ${MAX_MESSAGE_CHARS} characters`);
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || type}: ${issue.message}`).join('; ');
    throw new AppError('bad_request', `invalid ${type} frame: ${details}`);
  }
  return parsed.data;
}

/** The client-chosen message id of a frame, so an error can name the message it refers to. */
export function frameMessageId(data: RawData): string | undefined {
  try {
    const value = JSON.parse(Buffer.from(data as ArrayBuffer).toString('utf8')) as { type?: unknown; id?: unknown };
    return value.type === 'user.message' && typeof value.id === 'string' ? value.id.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}
