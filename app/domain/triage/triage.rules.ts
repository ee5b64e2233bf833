// Pure rules for the back office's tools.

/** The @handles named in a note, lower-case, without duplicates. */
export function mentionedHandles(text: string) {
  const found = text.match(/(?<![\w@])@([a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?)/gi) ?? []
  return [...new Set(found.map((mention) => mention.slice(1).toLowerCase()))]
}
