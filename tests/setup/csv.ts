// A small CSV reader for the tests, RFC 4180 with the separator as a parameter, and as lenient as a
// spreadsheet: a quote that does not open a cell is text, and text after a closing quote is kept.
// It reads a file the way English Excel (`,`), Dutch Excel (`;`) or a tab-splitting tool would.
import fc from 'fast-check'

import type { Locale } from '#app/utils/i18n/i18n'

/** The separator a spreadsheet in each language splits a double-clicked CSV file on. */
export const spreadsheetSeparator: Record<Locale, ',' | ';'> = { en: ',', nl: ';' }

export type ParsedCell = { value: string; quoted: boolean }

export function parseCsv(text: string, separator: ',' | ';' | '\t'): ParsedCell[][] {
  const rows: ParsedCell[][] = []
  let row: ParsedCell[] = []
  let cell = { value: '', quoted: false }
  let inQuotes = false
  let atCellStart = true
  const endCell = () => {
    row.push(cell)
    cell = { value: '', quoted: false }
    atCellStart = true
  }
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!
    if (inQuotes) {
      if (char === '"' && text[index + 1] === '"') {
        cell.value += '"'
        index += 1
      } else if (char === '"') inQuotes = false
      else cell.value += char
      continue
    }
    if (atCellStart && char === '"') {
      inQuotes = true
      cell.quoted = true
      atCellStart = false
    } else if (char === separator) endCell()
    else if (char === '\r' && text[index + 1] === '\n') {
      endCell()
      rows.push(row)
      row = []
      index += 1
    } else if (char === '\n') {
      endCell()
      rows.push(row)
      row = []
    } else {
      cell.value += char
      atCellStart = false
    }
  }
  if (!atCellStart || row.length) {
    endCell()
    rows.push(row)
  }
  return rows
}

/**
 * A cell a spreadsheet could take as a formula: one that starts with = + - @, a tab or a lone CR.
 * A plain number is a number; a CR LF line end at the start is what a quote misread with another
 * separator swallows, so what follows it counts.
 */
export function startsFormula(value: string) {
  if (/^-?\d+([.,]\d+)?(e[+-]?\d+)?$/i.test(value)) return false
  return /^(\r\n)?([=+\-@\t]|\r(?!\n))/.test(value)
}

/** A cell's text without the `'` an export puts before a formula start. */
export function withoutDefusing(value: string) {
  return value.replace(/'(?=[=+\-@\t\r])/g, '')
}

/**
 * A text cell as an export must write it: a `'` before each formula start (= + - @ tab CR) that
 * begins the text or follows a character where some reader may begin a cell (, ; tab CR LF ").
 */
export function defusedAsSpecified(text: string) {
  const chars = [...text]
  let defused = ''
  for (const [index, char] of chars.entries()) {
    const previous = index === 0 ? undefined : chars[index - 1]
    const readerMayBeginCell = previous === undefined || ',;\t\r\n"'.includes(previous)
    if ('=+-@\t\r'.includes(char) && readerMayBeginCell) defused += "'"
    defused += char
  }
  return defused
}

/** A moment as the site's spreadsheets should read it: `2026-12-06 10:31` on the zone's clock. */
export function wallClockAsSpecified(moment: Date, timeZone: string) {
  // Swedish writes dates and times in ISO order, which makes Intl an independent check here.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(moment)
}

/**
 * One character of text that breaks CSV: separators, quotes, line breaks and formula starts, among
 * letters, a digit and characters beyond ASCII. The export tests build their hostile text from it.
 */
export const csvBreakingCharacter = fc.constantFrom(
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '"',
  "'",
  '=',
  '+',
  '-',
  '@',
  ' ',
  '.',
  'L',
  'a',
  'Z',
  't',
  'e',
  '1',
  'é',
  '€',
  '☕',
)

/** A moment a row may carry, in the years a stored date is read back exactly. */
export const csvMoment = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2099-12-31T23:59:59Z'),
  noInvalidDate: true,
})

/** Zones with whole, half and quarter hours, summer time on both hemispheres, and a day ahead. */
export const csvTimeZone = fc.constantFrom(
  'Europe/Amsterdam',
  'UTC',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Pacific/Kiritimati',
)
