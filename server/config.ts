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
  /** Everything the model may take for one turn, retries and waits included; then the offline engine answers. */
  MODEL_TURN_DEADLINE_MS: z.coerce.number().int().positive().max(120_000).default(25_000),
  /** Longest wait for the first words of a reply. */
  MODEL_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
  /** Longest silence inside a reply that is streaming. */
  MODEL_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Most user messages one connection may send in a minute. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** How long a client's read-only link to their statement works, in hours (default a week). */
  SHARE_LINK_HOURS: z.coerce.number().positive().max(24 * 365).default(168),
  TRAINER_KEY: z.string().min(16, 'TRAINER_KEY must be at least 16 characters').optional().or(z.literal('').transform(() => undefined)),
  /**
   * How many proxies in front of Rapport to trust for X-Forwarded-For: false/0 none (the header is
   * ignored), true/1 one load balancer, or a number of hops.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine((value) => /^(true|false|\d{1,2})$/.test(value), 'must be true, false or a number of proxies')
    .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value))),
  /** Pages of other origins allowed to open the WebSocket, comma-separated; the page's own always is. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value, context) => {
      const origins: string[] = [];
      for (const entry of value.split(',').map((item) => item.trim()).filter(Boolean)) {
        const parsed = URL.canParse(entry) ? new URL(entry) : null;
        if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== entry.replace(/\/$/, '')) {
          context.addIssue({ code: 'custom', message: `"${entry}" is not an origin like https://coach.example.org` });
          continue;
        }
        origins.push(parsed.origin);
      }
      return origins;
    }),
  /** User messages one address may send per minute over all its connections (a shared network counts once). */
  MESSAGES_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().positive().default(120),
  /** Sessions one address may create per minute (HTTP and WebSocket together). */
  SESSION_STARTS_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** WebSocket connections one address may hold open at once. */
  CONNECTIONS_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  /** Sessions unused for longer than this many days are deleted with everything of them. */
  SESSION_RETENTION_DAYS: z.coerce.number().positive().default(30),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  model: {
    baseURL?: string;
    apiKey?: string;
    model: string;
    timeoutMs: number;
    turnDeadlineMs: number;
    firstTokenTimeoutMs: number;
    idleTimeoutMs: number;
  } | null;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  rateLimitPerMinute: number;
  /** Proxies in front of Rapport whose X-Forwarded-For entries are believed (0: none). */
  trustProxy: number;
  allowedOrigins: string[];
  sessionStartsPerMinute: number;
  messagesPerMinutePerAddress: number;
  connectionsPerAddress: number;
  retentionDays: number;
  /** The key that lets a trainer change or delete a stored persona; unset: nobody can. Never logged. */
  trainerKey?: string;
  /** Hours a client's share link to their statement works. */
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
          turnDeadlineMs: values.MODEL_TURN_DEADLINE_MS,
          firstTokenTimeoutMs: values.MODEL_FIRST_TOKEN_TIMEOUT_MS,
          idleTimeoutMs: values.MODEL_IDLE_TIMEOUT_MS,
        }
      : null,
    logLevel: values.LOG_LEVEL,
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    trustProxy: values.TRUST_PROXY,
    shareLinkHours: values.SHARE_LINK_HOURS,
    allowedOrigins: values.ALLOWED_ORIGINS,
    sessionStartsPerMinute: values.SESSION_STARTS_PER_MINUTE,
    messagesPerMinutePerAddress: values.MESSAGES_PER_MINUTE_PER_ADDRESS,
    connectionsPerAddress: values.CONNECTIONS_PER_ADDRESS,
    retentionDays: values.SESSION_RETENTION_DAYS,
    ...(values.TRAINER_KEY ? { trainerKey: values.TRAINER_KEY } : {}),
  };
}
