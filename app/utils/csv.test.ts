import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { parseCsv, startsFormula, withoutDefusing } from '#tests/setup/csv'

import { csvCell, csvLine } from './csv'

// Text made of what breaks CSV: separators, quotes, line breaks and formula starts, among letters.
const hostileText = fc.string({
  unit: fc.constantFrom(
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
    'a',
    'Z',
    '1',
    'é',
  ),
})
const cellValue = fc.oneof(hostileText, fc.string(), fc.integer(), fc.constant(null))
// Rows like an export's: a positive id first, then anything.
const rows = fc.array(
  fc.tuple(
    fc.nat().map((id) => id + 1),
    fc.array(cellValue, { maxLength: 6 }),
  ),
  { minLength: 1, maxLength: 8 },
)

const asText = (value: unknown) => (value === null ? '' : String(value))

describe('csv', () => {
  it('reads back every cell with the separator it was written with (up to the defusing quote mark)', () => {
    fc.assert(
      fc.property(rows, (generated) => {
        const file = generated.map(([id, cells]) => csvLine([id, ...cells])).join('')
        const parsed = parseCsv(file, ',')
        expect(parsed.map((row) => row.map((cell) => withoutDefusing(cell.value)))).toEqual(
          generated.map(([id, cells]) => [
            String(id),
            ...cells.map((cell) => withoutDefusing(asText(cell))),
          ]),
        )
        // Nothing but quote marks differs.
        expect(parsed.map((row) => row.map((cell) => cell.value.replace(/'/g, '')))).toEqual(
          generated.map(([id, cells]) => [
            String(id),
            ...cells.map((cell) => asText(cell).replace(/'/g, '')),
          ]),
        )
      }),
    )
  })

  it('gives no cell that starts a formula, whether read with commas, semicolons or tabs', () => {
    fc.assert(
      fc.property(rows, (generated) => {
        const file = generated.map(([id, cells]) => csvLine([id, ...cells])).join('')
        for (const separator of [',', ';', '\t'] as const) {
          for (const cell of parseCsv(file, separator).flat())
            expect(
              startsFormula(cell.value),
              `${JSON.stringify(cell.value)} read with ${JSON.stringify(separator)}`,
            ).toBe(false)
        }
      }),
    )
  })

  it('quotes what holds a separator, quote or line break, and defuses formulas', () => {
    expect(csvCell('Latte;=1+1')).toBe(`"Latte;'=1+1"`)
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('tab\there')).toBe('"tab\there"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`)
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(null)).toBe('')
    expect(csvCell(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z')
  })
})
