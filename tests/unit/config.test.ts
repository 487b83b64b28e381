import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration from the environment', () => {
  it('runs offline on SQLite with no variables set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: 'sqlite:./data/coach.db', model: null });
  });

  it('uses a model when a key or a base URL is set, and treats empty strings as unset', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).model).toMatchObject({ apiKey: 'sk-test', model: 'gpt-4o-mini' });
    expect(loadConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1', COACH_MODEL: 'llama3.1' }).model).toMatchObject({
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.1',
    });
    expect(loadConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: '' }).model).toBeNull();
  });

  it('takes a trainer key of 16 characters or more, and none when it is empty', () => {
    expect(loadConfig({ TRAINER_KEY: 'a-long-enough-trainer-key' }).trainerKey).toBe('a-long-enough-trainer-key');
    expect(loadConfig({ TRAINER_KEY: '' }).trainerKey).toBeUndefined();
    expect(loadConfig({}).trainerKey).toBeUndefined();
    expect(() => loadConfig({ TRAINER_KEY: 'short' })).toThrow(/TRAINER_KEY/);
  });

  it('names every problem in one line each', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', OPENAI_BASE_URL: 'not a url' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/PORT/);
      expect(problems.join('\n')).toMatch(/DATABASE_URL: must start with sqlite: or postgres:\/\//);
      expect(problems.join('\n')).toMatch(/OPENAI_BASE_URL/);
    }
  });

  it('reads the limits, the proxies to trust, the allowed origins and the retention, refusing what is not an origin', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: 0, allowedOrigins: [], sessionStartsPerMinute: 20, messagesPerMinutePerAddress: 120, connectionsPerAddress: 30, retentionDays: 30 });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://coach.example.org, http://10.0.0.5:3000/' }).allowedOrigins).toEqual(['https://coach.example.org', 'http://10.0.0.5:3000']);
    try {
      loadConfig({ ALLOWED_ORIGINS: 'https://ok.example,coach.example.org/path', TRUST_PROXY: 'yes', SESSION_RETENTION_DAYS: '0' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/ALLOWED_ORIGINS: "coach.example.org\/path" is not an origin/);
      expect(problems).toMatch(/TRUST_PROXY/);
      expect(problems).toMatch(/SESSION_RETENTION_DAYS/);
    }
  });

  it('bounds every model wait: a 25 s turn deadline by default, settable, never above two minutes', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'k' }).model).toMatchObject({ turnDeadlineMs: 25_000, firstTokenTimeoutMs: 8_000, idleTimeoutMs: 5_000 });
    expect(loadConfig({ OPENAI_API_KEY: 'k', MODEL_TURN_DEADLINE_MS: '2000' }).model?.turnDeadlineMs).toBe(2_000);
    expect(() => loadConfig({ OPENAI_API_KEY: 'k', MODEL_TURN_DEADLINE_MS: '3600000' })).toThrow(/MODEL_TURN_DEADLINE_MS/);
  });
});
