import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { PersonaCatalog } from '../app/persona-catalog.js';
import { requireTrainerKey } from './trainer-key.js';

const PersonaIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

/**
 * Personas over HTTP: everyone may list them, check a persona file and add a new one; changing
 * or deleting one a trainer added needs the trainer key. The hidden needs never leave the server.
 */
export function personaRoutes(catalog: PersonaCatalog, trainerKey: string | undefined): Router {
  const router = Router();

  const idOf = (value: unknown): string => {
    const parsed = PersonaIdSchema.safeParse(value);
    if (!parsed.success) throw new AppError('not_found', 'no such persona');
    return parsed.data;
  };

  router.get('/api/personas', async (_req, res) => {
    res.json(await catalog.list());
  });

  router.post('/api/personas/check', (req, res) => {
    res.json(catalog.check(req.body));
  });

  router.post('/api/personas', async (req, res) => {
    res.status(201).json(await catalog.create(req.body));
  });

  router.put('/api/personas/:id', async (req, res) => {
    requireTrainerKey(req, trainerKey);
    res.json(await catalog.replace(idOf(req.params.id), req.body));
  });

  router.delete('/api/personas/:id', async (req, res) => {
    requireTrainerKey(req, trainerKey);
    await catalog.delete(idOf(req.params.id));
    res.status(204).end();
  });

  return router;
}
