import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore, type Database, type LeaseOptions } from './kysely-store.js';
import type { Store } from './store.js';

/** The slice of a pino-style logger the store uses, so tests and scripts can pass anything alike. */
export interface StoreLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/** Tuning for {@link openStore}; every field has a sensible default. */
export interface OpenStoreOptions {
  logger?: StoreLogger;
  /** PostgreSQL only: connections per process. Default 10. */
  poolSize?: number;
  /**
   * PostgreSQL only: a schema to work in (created when missing, then put first on `search_path`).
   * Lets several deployments or test runs share one database without clashing.
   */
  schema?: string;
  /** PostgreSQL only: how long to wait for a connection before giving up. Default 5000 ms. */
  connectTimeoutMilliseconds?: number;
  /** A session's turn lease (see KyselyStore.withSessionLock); defaults in SESSION_LEASE. */
  lease?: LeaseOptions;
}

const SQLITE_BUSY_TIMEOUT_MILLISECONDS = 5000;

/**
 * Opens the session store named by a database URL, so deployment picks the backend by config alone:
 * `sqlite:./data/coach.db`, `sqlite:/abs/path.db` or `sqlite::memory:` for the embedded default,
 * `postgres://…` or `postgresql://…` to scale out over several processes. Fails with a message
 * naming the problem (never the password) when the URL is neither or PostgreSQL can't be reached.
 * Does not migrate: call `store.migrate()`.
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const trimmed = databaseUrl.trim();
  if (trimmed.startsWith('sqlite:')) return openSqliteStore(trimmed.slice('sqlite:'.length), options);
  if (trimmed.startsWith('postgres://') || trimmed.startsWith('postgresql://')) {
    return openPostgresStore(trimmed, options);
  }
  throw new Error(
    `unsupported database URL "${redactDatabaseUrl(trimmed)}": expected sqlite:<path>, sqlite::memory:, postgres:// or postgresql://`,
  );
}

function openSqliteStore(location: string, options: OpenStoreOptions): Store {
  if (location === '') throw new Error('SQLite database URL has no path: use sqlite:./data/coach.db or sqlite::memory:');
  const inMemory = location === ':memory:';
  const path = inMemory ? ':memory:' : resolve(location);
  let connection: SqliteDatabase.Database;
  try {
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    connection = new SqliteDatabase(path, { timeout: SQLITE_BUSY_TIMEOUT_MILLISECONDS });
  } catch (error) {
    throw new Error(`cannot open SQLite database at ${path}: ${describeError(error)}`, { cause: error });
  }
  // WAL lets readers run while one process writes; busy_timeout makes a second writer wait instead of failing.
  if (!inMemory) connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  // Deleted conversations are overwritten on disk, not just unlinked from the b-tree: delete means gone.
  connection.pragma('secure_delete = ON');
  connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MILLISECONDS}`);
  const database = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  options.logger?.info({ store: 'sqlite', path }, 'session store opened');
  return new KyselyStore(database, 'sqlite', options.lease);
}

/** Statements kept prepared: each query shape of the store (a turn runs about eight), with room to spare. */
const PREPARED_STATEMENTS = 256;

/**
 * The connection as Kysely sees it, with its prepared statements reused: Kysely prepares every
 * query afresh, and on a turn's path the preparing cost about as much as running them. A statement
 * still being iterated is never handed out twice.
 */
function withStatementCache(connection: SqliteDatabase.Database): { close(): void; prepare(sql: string): SqliteDatabase.Statement } {
  const prepared = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      prepared.clear();
      connection.close();
    },
    prepare(sql: string) {
      const known = prepared.get(sql);
      if (known && !known.busy) return known;
      const statement = connection.prepare(sql);
      if (known) return statement;
      if (prepared.size >= PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
      prepared.set(sql, statement);
      return statement;
    },
  };
}

async function openPostgresStore(databaseUrl: string, options: OpenStoreOptions): Promise<Store> {
  const target = describePostgresTarget(databaseUrl);
  const schema = options.schema;
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name "${schema}": use letters, digits and underscores`);
  }
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: options.connectTimeoutMilliseconds ?? 5000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.logger?.warn({ store: 'postgres', target, error: describeError(error) }, 'idle PostgreSQL connection failed'));

  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await client.query(`create schema if not exists "${schema}"`);
      await client.query('select 1');
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(describeConnectionFailure(target, error), { cause: error });
  }

  const database = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  options.logger?.info({ store: 'postgres', target, schema: schema ?? null, poolSize }, 'session store opened');
  return new KyselyStore(database, 'postgres', options.lease);
}

/** `host:port/database` of a PostgreSQL URL, for messages: never the user's password. */
function describePostgresTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const host = url.hostname === '' ? (url.searchParams.get('host') ?? 'localhost') : url.hostname;
    const port = url.port === '' ? '5432' : url.port;
    return `${host}:${port}${url.pathname.length > 1 ? url.pathname : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** The URL with any password replaced by `***`, safe to log or show. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return databaseUrl.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

function describeConnectionFailure(target: string, error: unknown): string {
  const code = errorCode(error);
  const hostAndPort = target.replace(/\/.*$/, '');
  if (code !== undefined && UNREACHABLE_CODES.has(code)) return `cannot reach PostgreSQL at ${hostAndPort} (${code})`;
  if (error instanceof Error && /timeout/i.test(error.message)) return `cannot reach PostgreSQL at ${hostAndPort} (timed out)`;
  return `PostgreSQL at ${target} refused the connection: ${describeError(error)}${code === undefined ? '' : ` (${code})`}`;
}

/** The error's code, looking inside the AggregateError Node raises when every address of a host fails. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) && inner.length > 0 ? errorCode(inner[0]) : undefined;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  return String(error);
}
