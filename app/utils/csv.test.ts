import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { type Locale, supportedLocales } from '#app/utils/i18n/i18n'
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

import { csvDialects, csvWriter } from './csv'

// Text made of what breaks CSV: separators, quotes, line breaks and formula starts, among letters.
const hostileText = fc.string({
  unit: csvBreakingCharacter,
})
const valueOf = {
  id: fc.nat().map((id) => id + 1),
  text: fc.oneof(hostileText, fc.string(), fc.constant(null)),
  integer: fc.oneof(fc.integer(), fc.constant(null)),
  decimal: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
    fc.constant(null),
  ),
  time: fc.oneof(moment, fc.constant(null)),
} as const
type ColumnKind = keyof typeof valueOf

// A file: its columns (headings may be hostile too), and rows of values fitting them. Like every
// export's, a row starts with an id or text: a signed number first would begin a line with `-`,
// which a reader splitting on the other separator reads as the start of a longer cell (csv.ts).
const firstColumn = fc.tuple(hostileText, fc.constantFrom('id', 'text') as fc.Arbitrary<ColumnKind>)
const column = fc.tuple(hostileText, fc.constantFrom(...(Object.keys(valueOf) as ColumnKind[])))
const file = fc.tuple(firstColumn, fc.array(column, { maxLength: 5 })).chain(([first, rest]) => {
  const columns = [first, ...rest]
  return fc.record({
    columns: fc.constant(columns),
    rows: fc.array(fc.tuple(...columns.map(([, kind]) => valueOf[kind])), { maxLength: 8 }),
  })
})

/** What a cell reads as: text defused, numbers in the language, times on the zone's wall clock. */
function expectedCell(value: unknown, kind: ColumnKind, locale: Locale, zone: string) {
  if (value === null) return ''
  if (kind === 'time') return wallClockAsSpecified(value as Date, zone)
  if (kind === 'text') return defusedAsSpecified(value as string)
  const number = value as number
  if (Number.isInteger(number)) return String(number)
  return String(number).replace('.', locale === 'nl' ? ',' : '.')
}

function write(locale: Locale, zone: string, columns: [string, ColumnKind][], rows: unknown[][]) {
  const writer = csvWriter({
    locale,
    timeZone: zone,
    columns: columns.map(([heading, kind]) => ({ heading, time: kind === 'time' })),
  })
  return writer.header + rows.map((row) => writer.line(row)).join('')
}

describe('csv', () => {
  it.each(supportedLocales)(
    'reads back every value with the separator %s spreadsheets split on, every row as wide as the header',
    (locale) => {
      fc.assert(
        fc.property(file, timeZone, ({ columns, rows }, zone) => {
          const text = write(locale, zone, columns, rows)
          expect(text.startsWith('\uFEFF')).toBe(true)
          const parsed = parseCsv(text.slice(1), spreadsheetSeparator[locale]).map((row) =>
            row.map((cell) => cell.value),
          )
          expect(parsed).toHaveLength(rows.length + 1)
          for (const row of parsed) expect(row).toHaveLength(columns.length)
          expect(parsed[0]).toEqual(
            columns.map(([heading, kind]) =>
              defusedAsSpecified(kind === 'time' ? `${heading} (${zone})` : heading),
            ),
          )
          expect(parsed.slice(1)).toEqual(
            rows.map((row) =>
              row.map((value, index) => expectedCell(value, columns[index]![1], locale, zone)),
            ),
          )
        }),
      )
    },
  )

  it.each(supportedLocales)(
    'gives no cell that starts a formula in a %s file, whether read with commas, semicolons or tabs',
    (locale) => {
      fc.assert(
        fc.property(file, timeZone, ({ columns, rows }, zone) => {
          const text = write(locale, zone, columns, rows).slice(1)
          for (const separator of [',', ';', '\t'] as const) {
            for (const cell of parseCsv(text, separator).flat())
              expect(
                startsFormula(cell.value),
                `${JSON.stringify(cell.value)} read with ${JSON.stringify(separator)}`,
              ).toBe(false)
          }
        }),
      )
    },
  )

  it('writes times on the zone’s wall clock, the zone in the header, and numbers in the language', () => {
    const columns = [
      { heading: 'Title' },
      { heading: 'Created', time: true },
      { heading: 'Share' },
      { heading: 'Score' },
    ]
    const row = ['Latte;=1+1', new Date('2026-12-06T09:31:12.123Z'), 1.5, -3]
    const english = csvWriter({ locale: 'en', timeZone: 'Europe/Amsterdam', columns })
    expect(english.header).toBe('\uFEFFTitle,Created (Europe/Amsterdam),Share,Score\r\n')
    expect(english.line(row)).toBe(`"Latte;'=1+1",2026-12-06 10:31,1.5,-3\r\n`)
    const dutch = csvWriter({ locale: 'nl', timeZone: 'Europe/Amsterdam', columns })
    expect(dutch.header).toBe('\uFEFFTitle;Created (Europe/Amsterdam);Share;Score\r\n')
    expect(dutch.line(row)).toBe(`"Latte;'=1+1";2026-12-06 10:31;1,5;-3\r\n`)
    // Summer time, and an ISO string as raw SQL may give it.
    expect(dutch.line(['', '2026-07-01T22:05:00Z', null, 0])).toBe(';2026-07-02 00:05;;0\r\n')
  })

  it('quotes what holds either separator, a quote or a line break, and defuses formulas', () => {
    for (const locale of supportedLocales) {
      const { line } = csvWriter({ locale, timeZone: 'UTC', columns: [{ heading: 'Text' }] })
      expect(line(['a,b'])).toBe('"a,b"\r\n')
      expect(line(['a;b'])).toBe('"a;b"\r\n')
      expect(line(['tab\there'])).toBe('"tab\there"\r\n')
      expect(line(['say "hi"'])).toBe('"say ""hi"""\r\n')
      expect(line(['=SUM(A1)'])).toBe(`"'=SUM(A1)"\r\n`)
      expect(line(['plain'])).toBe('plain\r\n')
      expect(line([null])).toBe('\r\n')
    }
  })

  it('refuses a row of another width, and a time outside a time column (its header names no zone)', () => {
    const { line } = csvWriter({
      locale: 'en',
      timeZone: 'UTC',
      columns: [{ heading: 'Name' }, { heading: 'When', time: true }],
    })
    expect(() => line(['only one'])).toThrow(RangeError)
    expect(() => line([new Date(), new Date()])).toThrow(TypeError)
    expect(() => line(['x', 'not a time'])).toThrow(TypeError)
  })

  it('uses the decimal mark each language’s number format uses, and never the separator in numbers', () => {
    for (const locale of supportedLocales) {
      const tag = locale === 'nl' ? 'nl-NL' : 'en-GB'
      const decimal = new Intl.NumberFormat(tag)
        .formatToParts(1.5)
        .find((part) => part.type === 'decimal')!.value
      expect(csvDialects[locale].decimalMark).toBe(decimal)
      expect(csvDialects[locale].separator).not.toBe(decimal)
      expect(csvDialects[locale].separator).toBe(spreadsheetSeparator[locale])
    }
  })
})
