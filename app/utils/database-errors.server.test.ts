import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { DATABASE_RETRY_AFTER_SECONDS, databaseErrorCode, databaseUnavailableResponse, isDatabaseUnavailableError } from './database-errors.server'

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code })
/** What drizzle throws: its own error, with the driver's error as `cause`. */
const wrappedByDrizzle = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause })

describe('isDatabaseUnavailableError', () => {
  it.each([
    ['the server refused the connection', withCode('ECONNREFUSED')],
    ['the connection was reset', withCode('ECONNRESET')],
    ['postgres.js lost the connection mid-query', withCode('CONNECTION_CLOSED')],
    ['postgres.js was ended', withCode('CONNECTION_ENDED')],
    ['postgres.js could not connect in time', withCode('CONNECT_TIMEOUT')],
    ['the server is shutting down (admin_shutdown)', withCode('57P01')],
    ['the server is starting up (cannot_connect_now)', withCode('57P03')],
    ['too many connections', withCode('53300')],
    ['a class 08 connection exception', withCode('08006')],
    ['a refusal wrapped by drizzle', wrappedByDrizzle(withCode('ECONNREFUSED'))],
    ['a refusal from both addresses of localhost', Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
    ['an AggregateError without its own code', new AggregateError([new Error('x'), withCode('EHOSTUNREACH')])],
    ['a deep chain', wrappedByDrizzle(wrappedByDrizzle(wrappedByDrizzle(withCode('57P01'))))],
  ])('says yes when %s', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true)
  })

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', wrappedByDrizzle(withCode('42601'))],
    ['a statement timeout (the query, not the server)', withCode('57014')],
    ['a serialization failure', withCode('40001')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown Response', new Response('Not found', { status: 404 })],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
    ['undefined', undefined],
    ['a numeric code', Object.assign(new Error('x'), { code: 8006 })],
  ])('says no for %s', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false)
  })

  it('does not loop on an error that is its own cause', () => {
    const error: Error & { cause?: unknown } = new Error('loop')
    error.cause = error
    expect(isDatabaseUnavailableError(error)).toBe(false)
  })

  it('recognises what postgres.js and drizzle really throw when nothing listens on the port', async () => {
    const client = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1, connect_timeout: 5, onnotice: () => {} })
    try {
      const error = await drizzle(client)
        .execute(sql`select 1`)
        .then(() => null, (caught: unknown) => caught)
      expect(error).not.toBeNull()
      expect(isDatabaseUnavailableError(error)).toBe(true)
      expect(databaseErrorCode(error)).toBe('ECONNREFUSED')
    } finally {
      await client.end({ timeout: 1 })
    }
  })
})

describe('databaseUnavailableResponse', () => {
  it('gives pages a 503 with Retry-After and the visitor’s language for the error boundary', async () => {
    const response = databaseUnavailableResponse({ audience: 'page', locale: 'nl' })
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe(String(DATABASE_RETRY_AFTER_SECONDS))
    expect(await response.json()).toEqual({ reason: 'database', locale: 'nl' })
  })

  it('answers the API in its JSON error shape', async () => {
    const response = databaseUnavailableResponse({ audience: 'api', locale: 'en' })
    expect(response.headers.get('Content-Type')).toContain('application/json')
    expect(await response.json()).toMatchObject({ error: 'unavailable', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS })
  })

  it('gives other endpoints a translated sentence and nothing internal', async () => {
    const response = databaseUnavailableResponse({ audience: 'resource', locale: 'nl' })
    const text = await response.text()
    expect(response.status).toBe(503)
    expect(text).toContain('Tijdelijk niet beschikbaar')
    expect(text).not.toMatch(/postgres|ECONN|\n\s+at /i)
  })
})
