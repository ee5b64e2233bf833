// On a real PostgreSQL: the database is switched to refusing connections (ALTER DATABASE …
// ALLOW_CONNECTIONS false, its sessions ended with pg_terminate_backend), as an operator does
// before a restore. Every request through the app's route modules (wrapped as the HTTP server
// wraps them) answers the friendly 503 with Retry-After, never an error that becomes a 500; once
// connections are allowed again the same process serves again without a restart.
import type { ServerBuild } from '@remix-run/node'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { db } from '#app/db/db.server'
import { createTestIdea } from '#app/demo/factories.server'
import * as rootRoute from '#app/root'
import * as ideasApiRoute from '#app/routes/api.v1.ideas'
import * as ideasRoute from '#app/routes/ideas._index'
import { answerDatabaseOutagesWith503 } from '#app/server/database-outage.server'
import { databaseErrorCode } from '#app/utils/database-errors.server'
import { makeContext, makeRequest } from '#tests/setup/request'
import { serverUrl, urlForDatabase } from '#tests/setup/test-database'

const databaseUrl = process.env.DATABASE_URL
const databaseName = databaseUrl ? new URL(databaseUrl).pathname.slice(1) : ''

type Loader = (args: {
  request: Request
  params: Record<string, string>
  context: unknown
}) => Promise<unknown>

const build = answerDatabaseOutagesWith503({
  routes: Object.fromEntries(
    Object.entries({
      root: rootRoute,
      'routes/ideas._index': ideasRoute,
      'routes/api.v1.ideas': ideasApiRoute,
    }).map(([id, module]) => [id, { id, path: id, module }]),
  ),
} as unknown as ServerBuild)

/** Calls a route's loader as Remix would, returning what it returned or threw. */
async function load(routeId: string, path: string, headers: Record<string, string> = {}) {
  const loader = build.routes[routeId]!.module.loader as unknown as Loader
  try {
    return {
      returned: await loader({
        request: makeRequest({ path, headers }),
        params: {},
        context: makeContext(),
      }),
    }
  } catch (thrown) {
    return { thrown }
  }
}

/** What the app's own connection pool gets now (null when a query works). */
const appQueryFailure = () =>
  db()
    .execute(sql`select 1`)
    .then(
      () => null,
      (error: unknown) => error,
    )

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string) {
  for (let tries = 0; tries < 200; tries++) {
    const value = await probe()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe.skipIf(!databaseUrl || !serverUrl())(
  'a database that refuses connections (PostgreSQL)',
  () => {
    let administrator: postgres.Sql

    beforeAll(async () => {
      // From the server's maintenance database: a session cannot refuse connections to its own.
      administrator = postgres(urlForDatabase(serverUrl()!, 'postgres'), {
        max: 1,
        onnotice: () => {},
      })
      await createTestIdea({ title: 'Still here after the restore' })
    })

    afterAll(async () => {
      await administrator.unsafe(`alter database "${databaseName}" allow_connections true`)
      await administrator.end({ timeout: 5 })
    })

    it('answers every page and the API with the friendly 503 and Retry-After, and serves again once connections are allowed', async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      expect((await load('routes/ideas._index', '/ideas')).thrown).toBeUndefined()

      await administrator.unsafe(`alter database "${databaseName}" allow_connections false`)
      await administrator`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${databaseName} and pid <> pg_backend_pid()`
      // The pool's old sessions are gone; new ones are refused by the server itself (55000, FATAL).
      const refusal = await until(
        appQueryFailure,
        (error) => databaseErrorCode(error) === '55000',
        'the server to refuse new sessions',
      )
      expect(databaseErrorCode(refusal)).toBe('55000')

      for (const [routeId, path, locale] of [
        ['root', '/', 'nl'],
        ['routes/ideas._index', '/ideas', 'en'],
        ['routes/ideas._index', '/ideas', 'nl'],
      ] as const) {
        const { thrown } = await load(routeId, path, { 'Accept-Language': locale })
        expect(thrown, `${routeId} ${locale}`).toBeInstanceOf(Response)
        const response = thrown as Response
        expect(response.status).toBe(503)
        expect(response.headers.get('Retry-After')).toMatch(/^\d+$/)
        expect(await response.json()).toEqual({ reason: 'database', locale })
      }
      // A well-formed token: looking it up needs the database.
      const api = (
        await load('routes/api.v1.ideas', '/api/v1/ideas', {
          Authorization: `Bearer ibx_${'x'.repeat(32)}`,
        })
      ).thrown as Response
      expect(api.status).toBe(503)
      expect(await api.json()).toMatchObject({ error: 'unavailable' })

      await administrator.unsafe(`alter database "${databaseName}" allow_connections true`)
      await until(appQueryFailure, (error) => error === null, 'the pool to connect again')
      const after = await load('routes/ideas._index', '/ideas')
      expect(after.thrown).toBeUndefined()
      expect(JSON.stringify(after.returned)).toContain('Still here after the restore')
    })
  },
)
