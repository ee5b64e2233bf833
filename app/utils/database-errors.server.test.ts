import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import fc from 'fast-check'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'

import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseErrorCode,
  databaseUnavailableResponse,
  isDatabaseUnavailableError,
} from './database-errors.server'

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code })
/** What drizzle throws: its own error, with the driver's error as `cause`. */
const wrappedByDrizzle = (cause: unknown) =>
  Object.assign(new Error('Failed query: select 1\nparams: '), { cause })

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
    [
      'a refusal from both addresses of localhost',
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), {
        code: 'ECONNREFUSED',
      }),
    ],
    [
      'an AggregateError without its own code',
      new AggregateError([new Error('x'), withCode('EHOSTUNREACH')]),
    ],
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

  it('says yes for every SQLSTATE of "the database cannot serve you right now", bare or wrapped by drizzle', () => {
    const character = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')
    const rest = (length: number) =>
      fc.string({ unit: character, minLength: length, maxLength: length })
    const unavailable = fc.oneof(
      rest(3).map((tail) => `08${tail}`), // connection exception
      rest(3).map((tail) => `53${tail}`), // insufficient resources
      rest(2).map((tail) => `57P${tail}`), // operator intervention: shutdown, crash, starting up, database dropped
      fc.constant('3D000'), // invalid_catalog_name: the database is not there
    )
    fc.assert(
      fc.property(unavailable, fc.boolean(), (code, wrapped) => {
        const error = withCode(code)
        expect(isDatabaseUnavailableError(wrapped ? wrappedByDrizzle(error) : error), code).toBe(
          true,
        )
        expect(databaseErrorCode(wrappedByDrizzle(error))).toBe(code)
      }),
    )
    for (const code of [
      '08000',
      '08001',
      '08003',
      '08004',
      '08006',
      '08007',
      '08P01',
      '53000',
      '53100',
      '53200',
      '53300',
      '53400',
      '57P01',
      '57P02',
      '57P03',
      '57P04',
      '57P05',
      '3D000',
    ]) {
      expect(isDatabaseUnavailableError(withCode(code)), code).toBe(true)
    }
  })

  it('says no for every other SQLSTATE (a query or data problem is a bug, not an outage)', () => {
    const sqlstate = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      minLength: 5,
      maxLength: 5,
    })
    const other = sqlstate.filter(
      (code) => !/^(?:08|53|57P)/.test(code) && code !== '3D000' && code !== '55000',
    )
    fc.assert(
      fc.property(other, (code) => !isDatabaseUnavailableError(wrappedByDrizzle(withCode(code)))),
    )
  })

  it('says yes for 55000 only when the server refuses the session (a database that does not allow connections)', () => {
    const refused = Object.assign(
      withCode('55000', 'database "ideabox" is not currently accepting connections'),
      { severity: 'FATAL', routine: 'CheckMyDatabase' },
    )
    expect(isDatabaseUnavailableError(wrappedByDrizzle(refused))).toBe(true)
    expect(databaseErrorCode(refused)).toBe('55000')
    // The Dutch server says it in Dutch; the untranslated severity still tells.
    expect(
      isDatabaseUnavailableError(
        Object.assign(
          withCode('55000', 'database "ideabox" accepteert momenteel geen verbindingen'),
          { severity: 'FATAL' },
        ),
      ),
    ).toBe(true)
    expect(
      isDatabaseUnavailableError(
        wrappedByDrizzle(
          Object.assign(
            withCode(
              '55000',
              'currval of sequence "ideas_id_seq" is not yet defined in this session',
            ),
            { severity: 'ERROR' },
          ),
        ),
      ),
    ).toBe(false)
    expect(
      isDatabaseUnavailableError(withCode('55000', 'cannot alter type of a column used by a view')),
    ).toBe(false)
  })

  it('does not loop on an error that is its own cause', () => {
    const error: Error & { cause?: unknown } = new Error('loop')
    error.cause = error
    expect(isDatabaseUnavailableError(error)).toBe(false)
  })

  it('recognises what postgres.js and drizzle really throw when nothing listens on the port', async () => {
    const client = postgres('postgres://nobody@127.0.0.1:1/none', {
      max: 1,
      connect_timeout: 5,
      onnotice: () => {},
    })
    try {
      const error = await drizzle(client)
        .execute(sql`select 1`)
        .then(
          () => null,
          (caught: unknown) => caught,
        )
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
    expect(await response.json()).toMatchObject({
      error: 'unavailable',
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    })
  })

  it('gives other endpoints a translated sentence and nothing internal', async () => {
    const response = databaseUnavailableResponse({ audience: 'resource', locale: 'nl' })
    const text = await response.text()
    expect(response.status).toBe(503)
    expect(text).toContain('Tijdelijk niet beschikbaar')
    expect(text).not.toMatch(/postgres|ECONN|\n\s+at /i)
  })
})
