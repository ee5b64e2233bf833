// CSV for spreadsheets (RFC 4180), written for the reader's language (decision 035): English
// spreadsheets split on `,` and read `1.5`; Dutch ones split on `;`, because there `,` is the
// decimal mark (`1,5`). Every export goes through here.
//
// Times are written as the wall clock in the site's time zone, `2026-12-06 10:31`: ISO order, which
// Excel, LibreOffice and Google Sheets read as a date and time in any language without guessing
// (day/month or month/day), and no `T`, `Z` or milliseconds, which Excel reads as text. The zone
// is named in the column's header.
//
// Quoting alone cannot protect a reader that splits on another separator than ours: Excel set to
// `;` reads `1,"Latte;=1+1"` as the cells `1,"Latte` and `=1+1"`, and evaluates the second. So in
// text, a formula start (= + - @ tab CR) is defused with a `'` wherever a reader could begin a
// cell: at the start, and after any separator, line break or quote; and text holding either
// separator is quoted, whichever one the file uses. Numbers are written as they are (a
// spreadsheet reads `-3` as the number it is), so a row must not begin with a signed number: read
// with the other separator, a line `-3;…` is one cell starting with `-`. Exports begin with an id
// or a name.
import { localParts } from '#app/domain/promises/calendar.rules'

import { type Locale, translator } from './i18n/i18n'

type CsvDialect = { separator: ',' | ';'; decimalMark: '.' | ',' }

/**
 * What each language's spreadsheets expect. Excel takes its CSV separator from the system's list
 * separator, which is `;` wherever the decimal mark is `,` (Dutch), so numbers and fields never
 * share a character.
 */
export const csvDialects: Record<Locale, CsvDialect> = {
  en: { separator: ',', decimalMark: '.' },
  nl: { separator: ';', decimalMark: ',' },
}

const CSV_LINE_END = '\r\n'

/** Characters a formula starts with (CSV injection, OWASP). */
const FORMULA_START = /[=+\-@\t\r]/
/** Where some reader may begin a new cell, whatever separator it splits on. */
const CELL_BOUNDARY = /[,;\t\r\n"]/
const NEEDS_QUOTES = /[,;\t\r\n"]/
const DEFUSE = new RegExp(`(?<=^|${CELL_BOUNDARY.source})(?=${FORMULA_START.source})`, 'g')

/**
 * A UTF-8 byte-order mark: without it Excel reads the file in the local code page ("CafÃ©" for
 * "Café", emoji as rubbish); with it every spreadsheet reads UTF-8. Other readers skip it.
 */
const BYTE_ORDER_MARK = '\uFEFF'

/** A column of an export: its heading in the reader's language, and whether it holds moments. */
export type CsvColumn = { heading: string; time?: boolean }

/** A moment as the wall clock in `timeZone`, to the minute: `2026-12-06 10:31`. */
function wallClock(moment: Date, timeZone: string) {
  const local = localParts(moment, timeZone)
  const two = (value: number) => String(value).padStart(2, '0')
  return `${String(local.year).padStart(4, '0')}-${two(local.month)}-${two(local.day)} ${two(local.hour)}:${two(local.minute)}`
}

function numberCell(value: number, dialect: CsvDialect) {
  if (!Number.isFinite(value)) return ''
  return Number.isInteger(value) ? String(value) : String(value).replace('.', dialect.decimalMark)
}

function textCell(text: string) {
  const safe = text.replace(DEFUSE, "'")
  return NEEDS_QUOTES.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * One file's writer, for the reader's language and the site's time zone: `header` (the byte-order
 * mark, then the headings, a time column's naming the zone) and `line` (one row). Every row has a
 * cell for every column: a row of another length is a bug, and throws.
 */
export function csvWriter({
  locale,
  timeZone,
  columns,
}: {
  locale: Locale
  timeZone: string
  columns: readonly CsvColumn[]
}) {
  const dialect = csvDialects[locale]
  const t = translator(locale)
  const join = (cells: string[]) => `${cells.join(dialect.separator)}${CSV_LINE_END}`

  /** One cell: empty for null, the wall clock for a time, numbers in the language, text defused. */
  function cell(value: unknown, index: number) {
    const column = columns[index]!
    if (value === null || value === undefined) return ''
    if (column.time) {
      // Raw SQL gives a Date on PGlite and PostgreSQL's text (`2026-12-06 09:31:12.123+00`) on
      // postgres.js, which Date reads; the exports' tests run on both.
      const moment = value instanceof Date ? value : new Date(String(value))
      if (Number.isNaN(moment.getTime()))
        throw new TypeError(`CSV column "${column.heading}" holds no time: ${String(value)}`)
      return wallClock(moment, timeZone)
    }
    // A moment elsewhere would have a header that does not name its zone.
    if (value instanceof Date)
      throw new TypeError(`CSV column "${column.heading}" holds a time but is not a time column`)
    if (typeof value === 'number') return numberCell(value, dialect)
    if (typeof value === 'bigint') return String(value)
    return textCell(String(value))
  }

  return {
    header:
      BYTE_ORDER_MARK +
      join(
        columns.map((column) =>
          textCell(
            column.time
              ? t('csv.columnInTimeZone', { column: column.heading, zone: timeZone })
              : column.heading,
          ),
        ),
      ),
    line(values: readonly unknown[]) {
      if (values.length !== columns.length)
        throw new RangeError(`A CSV row of ${values.length} cells for ${columns.length} columns`)
      return join(values.map(cell))
    },
  }
}
