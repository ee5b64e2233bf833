// What changed between two versions of an idea's words: a word-level diff (longest common
// subsequence over words and the spaces between them), for the edit history.

export type DiffPart = { kind: 'same' | 'removed' | 'added'; text: string }

/** Above this many word pairs left after trimming what both share, the change shows as a whole. */
const MAX_CELLS = 2_000_000

/** Words and the whitespace between them, so the parts join back into the exact text. */
function tokens(text: string) {
  return text.match(/\s+|\S+/g) ?? []
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string) {
  if (!text) return
  const last = parts.at(-1)
  if (last?.kind === kind) last.text += text
  else parts.push({ kind, text })
}

/**
 * The changes from `before` to `after`: joining the same and added parts gives `after`, the same
 * and removed parts give `before`. Removed parts come before the added ones that replace them.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before)
  const b = tokens(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const parts: DiffPart[] = []
  push(parts, 'same', a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  if (midA.length * midB.length > MAX_CELLS) {
    push(parts, 'removed', midA.join(''))
    push(parts, 'added', midB.join(''))
  } else {
    for (const part of lcsDiff(midA, midB)) push(parts, part.kind, part.text)
  }
  push(parts, 'same', a.slice(endA).join(''))
  return parts
}

function lcsDiff(a: string[], b: string[]): DiffPart[] {
  const width = b.length + 1
  // lengths[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!)
    }
  }
  const parts: DiffPart[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push(parts, 'same', a[i++]!)
      j++
    } else if (
      j >= b.length ||
      (i < a.length && lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)
    ) {
      push(parts, 'removed', a[i++]!)
    } else {
      push(parts, 'added', b[j++]!)
    }
  }
  return parts
}

/** The text before (`removed`) or after (`added`) the change, from its parts. */
export function applyDiff(parts: DiffPart[], side: 'before' | 'after') {
  const skip = side === 'before' ? 'added' : 'removed'
  return parts
    .filter((part) => part.kind !== skip)
    .map((part) => part.text)
    .join('')
}
