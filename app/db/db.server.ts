// The one database handle: postgres.js when DATABASE_URL is set, otherwise PGlite on disk.
import { mkdirSync } from 'node:fs'

import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { Logger } from 'drizzle-orm/logger'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'

import { env } from '#app/utils/env.server'

import { reconnectDelaySeconds } from './reconnect.server'
import * as schema from './schema'

type Schema = typeof schema
export type Database = PgDatabase<PgQueryResultHKT, Schema>
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>
/** Either the database or an open transaction: domain functions accept both. */
export type Executor = Database | Transaction

export type DatabaseConnection = {
  db: Database
  driver: 'postgres' | 'pglite'
  /** Describes where the data lives, without credentials (for logs). */
  location: string
  close: () => Promise<void>
  /** PGlite only: the whole data directory as a gzipped tarball, to start another database from. */
  snapshot?: () => Promise<Blob>
}

export type ConnectionOptions = {
  databaseUrl?: string
  pgliteDataDir?: string
  /** PGlite only: start from a snapshot (see `snapshot`) instead of an empty cluster. */
  pgliteSnapshot?: Blob
  poolSize?: number
}

/** How the app talks to PostgreSQL through postgres.js (also used by the pool's own test). */
export function postgresClientOptions(poolSize: number) {
  const options = {
    max: poolSize,
    // postgres.js slows down under sustained load with deep pipelining (porsager/postgres#747); the
    // option works but is missing from the package's types. Transactions stay safe with it only
    // thanks to patches/postgres+3.4.9.patch (porsager/postgres#823).
    max_pipeline: 1,
    // Back within seconds after a database outage, not postgres.js's default of up to 20 s.
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    // No JIT compilation: it pays off for long analytical queries, and the app's are short. With
    // the planner's estimate past jit_above_cost (a table without statistics yet, a count over many
    // rows) PostgreSQL compiled a page's one statement for 22 ms, to run it for 0.1 ms.
    connection: { application_name: 'ideabox', jit: 'off' },
  }
  return options as postgres.Options<Record<string, never>>
}

type QueryListener = (query: string, params: unknown[]) => void
const queryListeners = new Set<QueryListener>()
// Every connection reports its statements here; nobody listens in normal operation.
const queryLogger: Logger = {
  logQuery: (query, params) => {
    for (const listener of queryListeners) listener(query, params)
  },
}

/**
 * Calls `listener` with the SQL and parameters of every statement the process's connections run,
 * until the returned function is called (the query-plan tests EXPLAIN what the pages really send).
 */
export function listenToQueries(listener: QueryListener) {
  queryListeners.add(listener)
  return () => {
    queryListeners.delete(listener)
  }
}

/** A list of parameters (`in ($2, $3, …)`, drizzle's `inArray`; `array[$1, …]`): its text varies with the list's length. */
const PARAMETER_LIST = /\b(?:in \(|array\[)\$\d/i

/**
 * Whether a statement drizzle sends is prepared: every one whose text does not vary with its values.
 * drizzle's postgres.js session sends a query it did not name (`.prepare(name)`) unnamed, so
 * PostgreSQL parsed, analysed and planned every page's statements on every call: the notifications
 * page's join of seven tables cost 5 ms of planning for 0.3 ms of execution (pg_stat_statements with
 * track_planning, 2026-12-06). Named, postgres.js keeps each text prepared per connection and
 * PostgreSQL plans it once (then generically, when that is no worse). A text with a parameter list
 * would leave one prepared statement per length on every connection, so those stay unnamed.
 */
export function preparesStatement(text: string) {
  // Several commands cannot be one prepared statement (a migration's or a function's file).
  return !PARAMETER_LIST.test(text) && !text.includes(';')
}

/** The postgres.js client, with drizzle's unnamed statements prepared where `preparesStatement` says. */
function preparingClient(client: postgres.Sql) {
  const unsafe: postgres.Sql['unsafe'] = (text, parameters, options) => {
    const prepare = options?.prepare || preparesStatement(text)
    return client.unsafe(text, parameters, {
      ...options,
      prepare,
      // postgres.js sends a statement without parameters as a simple query, which PostgreSQL
      // parses and plans on every call, named or not (the reference version each page reads, a
      // list whose filters are written in): prepared, it is planned once per connection.
      ...(prepare && !(options && 'simple' in options) ? { simple: false } : {}),
    })
  }
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === 'unsafe' ? unsafe : Reflect.get(target, property, receiver),
  })
}

export function connect(options: ConnectionOptions): DatabaseConnection {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, postgresClientOptions(options.poolSize ?? 10))
    const url = new URL(options.databaseUrl)
    return {
      db: drizzlePostgres(preparingClient(client), {
        schema,
        logger: queryLogger,
      }) as unknown as Database,
      driver: 'postgres',
      location: `postgres://${url.host}${url.pathname}`,
      close: () => client.end({ timeout: 5 }),
    }
  }
  const dataDir = options.pgliteDataDir ?? './.data/pglite'
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const client = new PGlite(dataDir, {
    extensions: { pg_trgm },
    loadDataDir: options.pgliteSnapshot,
  })
  return {
    db: drizzlePglite(client, { schema, logger: queryLogger }) as unknown as Database,
    driver: 'pglite',
    location: dataDir,
    close: async () => {
      if (!client.closed) await client.close()
    },
    snapshot: () => client.dumpDataDir('gzip'),
  }
}

// One connection per process, kept on globalThis so that a rebuilt server bundle (remix dev) and
// code loaded outside the bundle (the HTTP server, CLI) share it: PGlite allows one opener only.
const globalKey = Symbol.for('ideabox.database')
type GlobalWithDatabase = typeof globalThis & { [globalKey]?: DatabaseConnection }

export function connection(): DatabaseConnection {
  const holder = globalThis as GlobalWithDatabase
  let current = holder[globalKey]
  if (!current) {
    const config = env()
    current = connect({
      databaseUrl: config.DATABASE_URL,
      pgliteDataDir: config.PGLITE_DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
    })
    holder[globalKey] = current
  }
  return current
}

/**
 * Makes `current` this process's connection (closing none): for a test file that opens its
 * database itself, from a migrated snapshot.
 */
export function useConnection(current: DatabaseConnection) {
  ;(globalThis as GlobalWithDatabase)[globalKey] = current
}

/** The drizzle database for this process. */
export function db(): Database {
  return connection().db
}

/** Close the process's connection (on shutdown); the next db() call opens a new one. */
export async function closeDatabase() {
  const holder = globalThis as GlobalWithDatabase
  const current = holder[globalKey]
  holder[globalKey] = undefined
  if (current) await current.close()
}
