import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, csvRow } from './csv'

/** A small RFC 4180 reader: what a spreadsheet would see in each cell of one line. */
function readRow(line: string) {
  const cells: string[] = []
  let index = 0
  while (index <= line.length) {
    if (line[index] === '"') {
      let text = ''
      index += 1
      while (index < line.length) {
        if (line[index] === '"' && line[index + 1] === '"') {
          text += '"'
          index += 2
        } else if (line[index] === '"') break
        else text += line[index++]
      }
      cells.push(text)
      index += 2
    } else {
      const end = line.indexOf(',', index)
      cells.push(line.slice(index, end === -1 ? line.length : end))
      index = end === -1 ? line.length + 1 : end + 1
    }
  }
  return cells
}

describe('csvCell', () => {
  it('quotes cells with , ; tab quote or a line break, and defuses formula starts', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a;b')).toBe('"a;b"')
    expect(csvCell('a\tb')).toBe('"a\tb"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('-1')).toBe(`"'-1"`)
    expect(csvCell(null)).toBe('')
  })

  it('reads back as the same cells, none starting like a formula, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', ',', ';', '\t', '"', '\n', '\r', '=', '+', '-', '@', 'é') }), { minLength: 1, maxLength: 5 }), (values) => {
        const line = csvRow(values).slice(0, -2)
        const cells = readRow(line)
        expect(cells).toHaveLength(values.length)
        cells.forEach((cell, index) => {
          expect(cell.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(values[index])
          expect(cell).not.toMatch(/^[=+\-@\t\r]/)
        })
      }),
    )
  })
})
