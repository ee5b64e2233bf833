// An idea page's address, for every layer that links to one (pages, emails, notifications). Browser-safe.

/** `/ideas/42-oat-milk-in-every-store`: the id decides, the slug is for people and may go stale. */
export function ideaPath(idea: { id: number; slug: string }) {
  return `/ideas/${idea.id}-${idea.slug}`
}

/** Where the person who posted an idea lands: its page, saying it was posted. */
export function postedIdeaPath(idea: { id: number; slug: string }) {
  return `${ideaPath(idea)}?posted=1`
}

/** The id from an `/ideas/<id>-<slug>` segment, or null when it is not one. */
export function parseIdeaRef(ref: string | undefined) {
  const match = /^(\d{1,9})(?:-[a-z0-9-]*)?$/.exec(ref ?? '')
  if (!match) return null
  const id = Number(match[1])
  return id > 0 ? id : null
}
