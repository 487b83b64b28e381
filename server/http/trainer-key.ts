import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppError } from '../errors.js';

/**
 * Checks the trainer key (`Authorization: Bearer <key>`) that changing or deleting a persona
 * needs. Both sides are hashed first, so the comparison takes the same time whatever the key's
 * length or how much of it is right. With no key configured, nobody may change anything.
 */
export function requireTrainerKey(req: Request, trainerKey: string | undefined): void {
  if (!trainerKey) throw new AppError('forbidden', 'changing or deleting a persona needs a trainer key, and this server has none (set TRAINER_KEY)');
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const given = createHash('sha256').update(match?.[1] ?? '').digest();
  const expected = createHash('sha256').update(trainerKey).digest();
  if (!match || !timingSafeEqual(given, expected)) throw new AppError('forbidden', 'the trainer key is missing or wrong');
}
