// Rendered Markdown kept by its text, so a text is rendered once per instance, not once
// per request (marked takes seconds on some long texts; docs/decisions/023-rendered-markdown-by-content.md).
// The key is what was rendered (the renderer's name and the text), never an id: an edited text is a
// new key and shows at once, on every instance, with nothing to invalidate. Bounded by size, least
// recently used first out, so a flood of distinct texts cannot grow the process.
/** At most this many characters of keys and HTML are kept (about 16 MB of UTF-16). */
const MAX_CHARS = 8_000_000
/**
 * The largest entry kept (key and HTML): one bigger text is rendered and answered but not kept, so
 * it cannot push most of the cache out (or, past MAX_CHARS, all of it and then itself).
 */
export const MAX_KEPT_CHARS = MAX_CHARS / 8

const entries = new Map<string, string>()
let heldChars = 0

/** `render(source)`, from the cache when this renderer already rendered this exact text. */
export function renderedOnce(renderer: string, source: string, render: (source: string) => string) {
  // The text itself is the key: a Map hashes a string far faster than sha256 does, and a page looks
  // up each of its comments on every view. Its length counts toward the size kept.
  const key = `${renderer}\0${source}`
  const kept = entries.get(key)
  if (kept !== undefined) {
    // Most recently used last: the Map's order is the eviction order.
    entries.delete(key)
    entries.set(key, kept)
    return kept
  }
  const html = render(source)
  const size = key.length + html.length
  if (size > MAX_KEPT_CHARS) return html
  entries.set(key, html)
  heldChars += size
  for (const [oldKey, oldHtml] of entries) {
    if (heldChars <= MAX_CHARS) break
    entries.delete(oldKey)
    heldChars -= oldKey.length + oldHtml.length
  }
  return html
}
