import { z } from 'zod';

/**
 * The environment, validated once at start-up. Every problem is reported in one line naming the
 * variable, so a misconfigured deployment fails fast and says why.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/coach.db')
    .refine((value) => /^(sqlite:|postgres(ql)?:\/\/)/.test(value), 'must start with sqlite: or postgres://'),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  COACH_MODEL: z.string().min(1).default('gpt-4o-mini'),
  MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Most user messages one connection may send in a minute. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** How long a client's read-only link to their statement works, in hours (default a week). */
  SHARE_LINK_HOURS: z.coerce.number().positive().max(24 * 365).default(168),
  /** Trust X-Forwarded-* headers (behind a load balancer). */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  model: { baseURL?: string; apiKey?: string; model: string; timeoutMs: number } | null;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  rateLimitPerMinute: number;
  trustProxy: boolean;
  shareLinkHours: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  const useModel = values.OPENAI_API_KEY !== undefined || values.OPENAI_BASE_URL !== undefined;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    model: useModel
      ? {
          baseURL: values.OPENAI_BASE_URL,
          apiKey: values.OPENAI_API_KEY,
          model: values.COACH_MODEL,
          timeoutMs: values.MODEL_TIMEOUT_MS,
        }
      : null,
    logLevel: values.LOG_LEVEL,
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    trustProxy: values.TRUST_PROXY,
    shareLinkHours: values.SHARE_LINK_HOURS,
  };
}
