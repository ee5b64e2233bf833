// Every CSV export, read back the way the reader's spreadsheet reads it. The list of exports is read
// from app/routes (every route that answers text/csv), so a new export fails here until it has a
// case below. For any content (separators, quotes, line breaks, formula starts) and any site time
// zone, a file downloaded in each language, split on that language's separator (`,` English, `;`
// Dutch), gives back every value stored, defused where it starts a formula; every row is as wide
// as the header; and times are the site zone's wall clock (`2026-12-06 10:31`) under a header that
// names the zone.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, users } from '#app/db/schema'
import { addActivity, createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { updateSetting } from '#app/domain/settings/settings.server'
import { type Locale, supportedLocales, translator } from '#app/utils/i18n/i18n'
import {
  csvBreakingCharacter,
  csvMoment as moment,
  csvTimeZone as timeZone,
  defusedAsSpecified,
  parseCsv,
  spreadsheetSeparator,
  startsFormula,
  wallClockAsSpecified,
} from '#tests/setup/csv'
import { cookieFrom, makeContext, makeRequest } from '#tests/setup/request'

const ROUTES_DIR = path.resolve('app/routes')
const csvExports = readdirSync(ROUTES_DIR)
  .filter((file) => /\.tsx?$/.test(file))
  .filter((file) => readFileSync(path.join(ROUTES_DIR, file), 'utf8').includes('text/csv'))
  .sort()

// What breaks CSV, among letters and a few characters beyond ASCII.
const hostileText = fc.string({
  unit: csvBreakingCharacter,
  maxLength: 30,
})
// PostgreSQL text holds no NUL character; anything else may be typed.
const anyText = fc.oneof(
  hostileText,
  fc.string({ unit: 'binary', maxLength: 20 }).map((text) => text.replace(/\0/g, '')),
)
/** One thing to export: a text (title, name), moments, counts and a vote's direction. */
const item = fc.record({
  text: anyText,
  moment,
  otherMoment: fc.option(moment, { nil: null }),
  upVotes: fc.nat({ max: 100_000 }),
  downVotes: fc.nat({ max: 100_000 }),
  direction: fc.constantFrom(1, -1) as fc.Arbitrary<1 | -1>,
})
type Item = typeof item extends fc.Arbitrary<infer Value> ? Value : never

/** A cell the case does not look at. */
const ANY = Symbol('any cell')
type Expected = string | number | Date | null | typeof ANY

type ExportCase = {
  /**
   * Stores the items where the export reads them; answers the address to download and the rows
   * the file must hold for them (each value as stored: text, number, moment or empty).
   */
  arrange: (
    items: Item[],
    locale: Locale,
  ) => Promise<{ path: string; params: Record<string, string>; rows: Expected[][] }>
}

const cases: Record<string, ExportCase> = {
  'admin.insights[.]csv.ts': {
    async arrange(items) {
      const rows: Expected[][] = []
      for (const { text, moment, otherMoment, upVotes, downVotes } of items) {
        const idea = await createTestIdea()
        // Stored as anyone may have typed it: the title past the form's checks.
        await db()
          .update(ideas)
          .set({
            title: text,
            createdAt: moment,
            firstResponseDueAt: moment,
            answeredAt: otherMoment,
            upVotes,
            downVotes,
            score: upVotes - downVotes,
          })
          .where(eq(ideas.id, idea.id))
        // ID, title, kind, category, status, channel, created, up, down, score, comments, due, answered, link, visibility
        rows.push([
          idea.id,
          text,
          ANY,
          ANY,
          ANY,
          ANY,
          moment,
          upVotes,
          downVotes,
          upVotes - downVotes,
          ANY,
          moment,
          otherMoment,
          ANY,
          ANY,
        ])
      }
      return { path: '/admin/insights.csv', params: {}, rows }
    },
  },
  'admin.ideas.$ideaId.voters[.]csv.ts': {
    async arrange(items, locale) {
      const t = translator(locale)
      const idea = await createTestIdea()
      const rows: Expected[][] = []
      for (const { text, moment, direction } of items) {
        const voter = await createTestUser({ password: null })
        // An empty name is a deleted account's, which the file names as the page does (035).
        const name = text === '' ? 'x' : text
        await db().update(users).set({ displayName: name }).where(eq(users.id, voter.id))
        await addActivity({
          votes: [{ ideaId: idea.id, userId: voter.id, value: direction, createdAt: moment }],
        })
        // Name, vote, channel, voted on.
        rows.push([name, t(direction > 0 ? 'admin.voters.up' : 'admin.voters.down'), ANY, moment])
      }
      return {
        path: `/admin/ideas/${idea.id}/voters.csv`,
        params: { ideaId: String(idea.id) },
        rows,
      }
    },
  },
}

/** How a stored value reads in the reader's spreadsheet. */
function asRead(value: Exclude<Expected, typeof ANY>, locale: Locale, zone: string) {
  if (value === null) return ''
  if (value instanceof Date) return wallClockAsSpecified(value, zone)
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? String(value)
      : String(value).replace('.', { en: '.', nl: ',' }[locale])
  return defusedAsSpecified(value)
}

/** A machine's timestamp (seconds, a `T`, a zone offset): what a spreadsheet reads as text. */
const MACHINE_TIME = /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}|[ T]\d{2}:\d{2}:\d{2})/
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/

describe('every CSV export, read back as the reader’s spreadsheet reads it', () => {
  let cookie = ''
  beforeAll(async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    cookie = cookieFrom((await startSession(moderator.id)).cookie)
  })

  it('finds the exports, and knows a case for each', () => {
    expect(csvExports.length).toBeGreaterThanOrEqual(2)
    expect(csvExports.filter((file) => !(file in cases))).toEqual([])
  })

  for (const file of csvExports) {
    it.each(supportedLocales)(`${file} in %s`, async (locale) => {
      const { loader } = (await import(`#app/routes/${file.replace(/\.tsx?$/, '')}`)) as {
        loader: (args: never) => Promise<Response>
      }
      const separator = spreadsheetSeparator[locale]
      await fc.assert(
        fc.asyncProperty(
          fc.array(item, { minLength: 1, maxLength: 3 }),
          timeZone,
          async (items, zone) => {
            await updateSetting({ key: 'timeZone', value: zone, actorId: null })
            const { path: address, params, rows } = await cases[file]!.arrange(items, locale)
            const response = await loader({
              request: makeRequest({
                path: address,
                cookie,
                headers: { 'Accept-Language': locale },
              }),
              params,
              context: makeContext(),
            } as never)
            expect(response.status).toBe(200)
            expect(response.headers.get('Content-Type')).toContain('text/csv')
            // Decoded keeping the byte-order mark (response.text() drops it).
            const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
              await response.arrayBuffer(),
            )
            expect(text.startsWith('\uFEFF'), 'a byte-order mark first').toBe(true)
            const parsed = parseCsv(text.slice(1), separator).map((row) =>
              row.map((cell) => cell.value),
            )
            const [header, ...body] = parsed
            const width = header!.length

            // Every row as wide as the header.
            for (const row of body) expect(row, JSON.stringify(row)).toHaveLength(width)
            // A time column says its zone; every cell in it is the zone's wall clock (or empty).
            const timeColumns = header!.flatMap((heading, index) =>
              heading.endsWith(` (${zone})`) ? [index] : [],
            )
            for (const row of body)
              for (const [index, cell] of row.entries()) {
                if (timeColumns.includes(index))
                  expect(cell).toMatch(new RegExp(`${WALL_CLOCK.source}|^$`))
                else expect(cell, `column ${header![index]}`).not.toMatch(MACHINE_TIME)
              }
            // Every stored value comes back; the moments in the columns that name the zone.
            const unmatched = [...body]
            for (const expected of rows) {
              expect(expected).toHaveLength(width)
              for (const [index, value] of expected.entries())
                if (value instanceof Date) expect(timeColumns, header![index]).toContain(index)
              const found = unmatched.findIndex((row) =>
                expected.every(
                  (value, index) => value === ANY || row[index] === asRead(value, locale, zone),
                ),
              )
              expect(
                found,
                `${JSON.stringify(expected.map((value) => (value === ANY ? '*' : value === null ? null : asRead(value, locale, zone))))} in ${JSON.stringify(body)}`,
              ).toBeGreaterThanOrEqual(0)
              unmatched.splice(found, 1)
            }
            // Read with any separator, nothing starts a formula.
            for (const anySeparator of [',', ';', '\t'] as const)
              for (const cell of parseCsv(text.slice(1), anySeparator).flat())
                expect(startsFormula(cell.value), JSON.stringify(cell.value)).toBe(false)
          },
        ),
        { numRuns: 8 },
      )
    })
  }
})
