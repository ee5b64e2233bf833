// How deep Markdown may nest, and a cheap way to measure it. One definition for both doors: the
// form schemas refuse deeper text at the field (`markdownField`), and the renderer shows deeper text
// that is already stored as plain text instead of handing it to marked, whose recursion overflows
// the stack a few thousand levels down (and whose work grows with the nesting: emphasis 2,500 deep
// in 20,000 characters took it 9 seconds).

/** Nesting no person writes: quotes in quotes, lists in lists, emphasis in emphasis, deeper than this. */
export const MARKDOWN_MAX_DEPTH = 20

/**
 * The longest Markdown the renderer hands to marked: the largest Markdown field (an update's body).
 * marked's work grows faster than the length for some texts, so longer stored text is shown as text.
 */
export const MARKDOWN_MAX_LENGTH = 20_000

type Fence = { marker: string; length: number; quotes: number; column: number }

/**
 * How deeply a Markdown text nests, read line by line without parsing: the block containers
 * (quotes and list items) its most deeply nested line sits in, or the emphasis (`*`, `_`, `~`)
 * nested in emphasis in one paragraph, whichever is deeper. Containers come from the `>` markers at
 * the start of a line, plus the list items it is in, from its list markers and their indentation.
 * Fenced code counts nothing, and a thematic break (`* * *`) is no list. An estimate, close to what
 * marked builds for the texts people write and for texts built to nest deep. Linear in the length.
 */
export function markdownNestingDepth(source: string): number {
  let deepest = 0
  // Per quote level, the content columns of the list items open there (rising): a list marker or
  // a line indented at least that far sits in the item.
  const openItems: number[][] = []
  const emphasis = new EmphasisNesting()
  let fence: Fence | null = null
  for (const line of source.split(/\r\n|\r|\n/)) {
    if (fence) {
      const inside = readLine(line, null)
      const blank = inside.contentStart === line.length
      // A fence ends at its closing line, or with the quote or list item that holds it.
      const containerEnded =
        inside.quotes < fence.quotes || (!blank && inside.column < fence.column)
      if (!containerEnded) {
        if (closesFence(line.slice(inside.contentStart), fence)) fence = null
        continue
      }
      fence = null
    }
    const read = readLine(line, openItems)
    if (read.contentStart === line.length) {
      emphasis.endParagraph()
      if (read.quotes === 0 && read.markers === 0) continue
    }
    deepest = Math.max(deepest, read.depth)
    const content = line.slice(read.contentStart)
    fence = opensFence(content, read, openItems[read.quotes] ?? [])
    // A list item or a fence starts a block of its own: emphasis does not reach into it.
    if (fence || read.markers > 0) emphasis.endParagraph()
    if (!fence) emphasis.read(content)
  }
  return Math.max(deepest, emphasis.endParagraph())
}

type Line = { depth: number; quotes: number; markers: number; column: number; contentStart: number }

/**
 * Reads the container markers at the start of a line (quote markers, indentation, and with
 * `openItems` list markers too) and how many containers the line sits in. A list marker closes the
 * items of its quote level it is not nested in (those whose content starts to its right) and opens
 * its own; at each quote level the line sits in the items its markers open, or else in those its
 * indentation reaches.
 */
function readLine(line: string, openItems: number[][] | null): Line {
  let depth = 0
  let quotes = 0
  let markers = 0
  let column = 0
  let index = 0
  const breakStart = openItems ? thematicBreakStart(line) : line.length
  const leaveLevel = () => {
    if (!openItems) return
    const items = openItems[quotes] ?? []
    depth += markers > 0 ? Math.max(markers, items.length) : itemsReaching(items, column)
  }
  while (index < line.length) {
    const char = line[index]!
    if (char === ' ') {
      column += 1
      index += 1
    } else if (char === '\t') {
      column += 4 - (column % 4)
      index += 1
    } else if (char === '>') {
      leaveLevel()
      quotes += 1
      depth += 1
      markers = 0
      index += 1
      // Inside a quote, indentation counts from after its marker (and one optional space).
      if (line[index] === ' ') index += 1
      column = 0
    } else {
      const width = openItems ? listMarkerWidth(line, index, breakStart) : 0
      if (width === 0) break
      const items = (openItems![quotes] ??= [])
      while (items.length > 0 && items.at(-1)! > column) items.pop()
      items.push(column + width + 1)
      markers += 1
      column += width
      index += width
    }
  }
  leaveLevel()
  return { depth, quotes, markers, column, contentStart: index }
}

/** How many of the open items (rising content columns) a line indented to `column` sits in. */
function itemsReaching(items: number[], column: number) {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (items[middle]! <= column) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Where the thematic break (`* * *`, `- - -`, `___`) ending a line starts, if one does: a list
 * marker there starts that break, not a list item. Read once per line, from the end.
 */
function thematicBreakStart(line: string) {
  let index = line.length - 1
  while (index >= 0 && (line[index] === ' ' || line[index] === '\t')) index -= 1
  const char = line[index]
  if (char !== '-' && char !== '*' && char !== '_') return line.length
  let count = 0
  let start = index
  for (
    ;
    index >= 0 && (line[index] === char || line[index] === ' ' || line[index] === '\t');
    index -= 1
  ) {
    if (line[index] === char) {
      count += 1
      start = index
    }
  }
  return count >= 3 ? start : line.length
}

/** The width of a list marker (`-`, `*`, `+`, `1.`, `1)`) starting at `index`, or 0 if none is there. */
function listMarkerWidth(line: string, index: number, breakStart: number) {
  const char = line[index]!
  let width = 0
  if (char === '-' || char === '*' || char === '+') {
    if (index >= breakStart) return 0
    width = 1
  } else {
    while (width < 9 && isDigit(line[index + width])) width += 1
    if (width === 0 || (line[index + width] !== '.' && line[index + width] !== ')')) return 0
    width += 1
  }
  const after = line[index + width]
  return after === undefined || after === ' ' || after === '\t' ? width : 0
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9'

function opensFence(content: string, prefix: Line, openItems: number[]): Fence | null {
  const match = /^(`{3,}|~{3,})/.exec(content)
  if (!match) return null
  // A backtick fence's info string may not hold backticks: then it is inline code, not a fence.
  if (match[1]![0] === '`' && content.slice(match[1]!.length).includes('`')) return null
  // The column the holding list item's content starts at: a less indented line ends the item.
  const column = prefix.markers > 0 ? prefix.column : Math.min(openItems.at(-1) ?? 0, prefix.column)
  return { marker: match[1]![0]!, length: match[1]!.length, quotes: prefix.quotes, column }
}

function closesFence(content: string, fence: Fence) {
  const match = /^(`{3,}|~{3,})[ \t]*$/.exec(content)
  return Boolean(match && match[1]![0] === fence.marker && match[1]!.length >= fence.length)
}

const isSpace = (char: string) => /\s/.test(char)
const isPunctuation = (char: string) => /[\p{P}\p{S}]/u.test(char)

/**
 * Emphasis nested in emphasis within a paragraph. Delimiter runs open and close by CommonMark's
 * flanking rules; a closer takes the nearest opener of its character, and only such pairs count
 * (a stray `*args` nests nothing). A run of n `*` or `_` pairs up as about n/2 levels (`***` is
 * strong emphasis in emphasis).
 */
class EmphasisNesting {
  private openers: Record<string, { length: number; run: number }[]> = { '*': [], _: [], '~': [] }
  // Per delimiter run in the paragraph, the levels its pairs open (+) and close (−) there.
  private changes: number[] = []
  private deepest = 0

  read(text: string) {
    let index = 0
    while (index < text.length) {
      const char = text[index]!
      if (char === '\\') {
        index += 2
        continue
      }
      if (char !== '*' && char !== '_' && char !== '~') {
        index += 1
        continue
      }
      let end = index
      while (text[end] === char) end += 1
      // Line ends are whitespace: the paragraph's lines are joined by line breaks.
      this.run(char, end - index, text[index - 1] ?? '\n', text[end] ?? '\n')
      index = end
    }
  }

  private run(char: string, length: number, before: string, after: string) {
    const leftFlanking =
      !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before))
    const rightFlanking =
      !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after))
    const canOpen =
      char === '_' ? leftFlanking && (!rightFlanking || isPunctuation(before)) : leftFlanking
    const canClose =
      char === '_' ? rightFlanking && (!leftFlanking || isPunctuation(after)) : rightFlanking
    const run = this.changes.length
    this.changes.push(0)
    const openers = this.openers[char]!
    if (canClose && openers.length > 0) {
      const opener = openers.pop()!
      const levels = char === '~' ? 1 : Math.ceil(Math.min(opener.length, length) / 2)
      this.changes[opener.run]! += levels
      this.changes[run]! -= levels
    } else if (canOpen) {
      openers.push({ length, run })
    }
  }

  /** Ends the paragraph (emphasis does not cross one); answers the deepest nesting so far. */
  endParagraph() {
    let depth = 0
    for (const change of this.changes) {
      depth += change
      this.deepest = Math.max(this.deepest, depth)
    }
    this.changes = []
    for (const openers of Object.values(this.openers)) openers.length = 0
    return this.deepest
  }
}
