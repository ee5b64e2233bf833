// CSV for spreadsheets (RFC 4180), safe whichever separator the reader splits on: English Excel
// splits on `,`, Dutch Excel on `;`, some tools on tabs. Every export goes through here.
//
// Quoting alone cannot protect a reader that splits on another separator than ours: Dutch Excel
// reads `1,"Latte;=1+1"` as the cells `1,"Latte` and `=1+1"`, and evaluates the second. So in
// text, a formula start (= + - @ tab CR) is defused with a `'` wherever a reader could begin a
// cell: at the start, and after any separator, line break or quote. Numbers are written as they
// are (a spreadsheet reads `-3` as the number it is).

const CSV_SEPARATOR = ','
const CSV_LINE_END = '\r\n'

/** Characters a formula starts with (CSV injection, OWASP). */
const FORMULA_START = /[=+\-@\t\r]/
/** Where some reader may begin a new cell. */
const CELL_BOUNDARY = /[,;\t\r\n"]/
const NEEDS_QUOTES = /[,;\t\r\n"]/
const DEFUSE = new RegExp(`(?<=^|${CELL_BOUNDARY.source})(?=${FORMULA_START.source})`, 'g')

/** One cell: empty for null, ISO for dates, numbers as they are, text defused and quoted as needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  const text = value instanceof Date ? value.toISOString() : String(value)
  const safe = text.replace(DEFUSE, "'")
  return NEEDS_QUOTES.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * A UTF-8 byte-order mark: without it Excel reads the file in the local code page ("CafÃ©" for
 * "Café", emoji as rubbish); with it every spreadsheet reads UTF-8. Other readers skip it.
 */
const BYTE_ORDER_MARK = '\uFEFF'

/** A file's first line, its header: the byte-order mark, then the column names as one line. */
export function csvHeaderLine(names: readonly string[]): string {
  return `${BYTE_ORDER_MARK}${csvLine(names)}`
}

/** One line, with its line end. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(CSV_SEPARATOR)}${CSV_LINE_END}`
}
