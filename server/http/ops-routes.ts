import { Router } from 'express';
import { z } from 'zod';
import { ClientFrameSchema, MAX_MESSAGE_CHARS } from '../protocol/client-frames.js';
import { FeedbackReportSchema, HistoryItemSchema, NeedSchema, StatementSchema } from '../domain/schemas.js';
import type { Registry } from 'prom-client';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

/**
 * Health, readiness, metrics and the published JSON Schemas of the protocol. Readiness follows
 * what must work to answer a turn (the store); the model's state is reported beside it and never
 * decides it, because the offline engine answers whenever the model cannot: behind a load
 * balancer a model outage must not take every node out.
 */
export function opsRoutes(options: { readiness: ReadinessCheck[]; registry: Registry; settings: { retentionDays: number }; modelHealth?: () => unknown }): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    const model = options.modelHealth?.();
    res.json({ status: 'ok', ...(model ? { model } : {}) });
  });

  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      options.readiness.map(async (item) => [item.name, await item.check().catch(() => false)] as const),
    );
    const ready = results.every(([, ok]) => ok);
    const model = options.modelHealth?.();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results), ...(model ? { model } : {}) });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });

  // What the page tells people before they start: how long an untouched conversation is kept.
  router.get('/api/settings', (_req, res) => {
    res.json(options.settings);
  });

  router.get('/api/schema', (_req, res) => {
    res.json(protocolJsonSchemas());
  });

  return router;
}

/** JSON Schemas generated from the zod schemas, so other clients validate against the same shapes. */
export function protocolJsonSchemas(): Record<string, unknown> {
  return {
    clientFrame: z.toJSONSchema(ClientFrameSchema),
    need: z.toJSONSchema(NeedSchema),
    statement: z.toJSONSchema(StatementSchema),
    historyItem: z.toJSONSchema(HistoryItemSchema),
    feedbackReport: z.toJSONSchema(FeedbackReportSchema),
    // The limits a client must respect, so a page can warn before the server refuses (an addition).
    limits: { messageChars: MAX_MESSAGE_CHARS },
  };
}
