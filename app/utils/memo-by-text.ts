// A bounded memo for pure functions of a text (Markdown rendering): see memoByText.

/**
 * Remembers what a pure function of a text answered, by the text: a page shows the same comments
 * to every viewer, and Markdown rendering (marked + sanitize-html) was a large part of a page's
 * loader CPU. The key is the source itself, so an edited text is a new entry, never a stale
 * answer. Bounded by characters kept (keys and values), least recently used out first, so distinct
 * texts cannot grow the process; a text larger than an eighth of the bound is not kept.
 */
export function memoByText(render: (source: string) => string, maxCharacters = 4_000_000) {
  const kept = new Map<string, string>()
  let characters = 0
  return (source: string) => {
    const known = kept.get(source)
    if (known !== undefined) {
      // Most recently used last: the oldest unused goes first.
      kept.delete(source)
      kept.set(source, known)
      return known
    }
    const answer = render(source)
    const size = source.length + answer.length
    if (size > maxCharacters / 8) return answer
    kept.set(source, answer)
    characters += size
    for (const [oldSource, oldAnswer] of kept) {
      if (characters <= maxCharacters) break
      kept.delete(oldSource)
      characters -= oldSource.length + oldAnswer.length
    }
    return answer
  }
}
