// CSV for spreadsheets: one home for quoting and for defusing formulas (CSV injection).

/**
 * One cell. A cell holding a separator a spreadsheet may use (`,` `;` tab), a quote or a line break
 * is quoted; a cell starting like a formula (`=` `+` `-` `@`, tab or carriage return) gets a
 * leading apostrophe, so a spreadsheet shows it as text instead of running it.
 */
export function csvCell(value: unknown) {
  if (value === null || value === undefined) return ''
  const text = value instanceof Date ? value.toISOString() : String(value)
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",;\t\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One line of cells, ended with CRLF as RFC 4180 asks. */
export function csvRow(values: readonly unknown[]) {
  return `${values.map(csvCell).join(',')}\r\n`
}
