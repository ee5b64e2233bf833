// This instance's templates of rendered pages (app/utils/page-templates.server.ts), and which strings
// of the loaders' data are the viewer's own: rendered verbatim, different for every person.
import { createTemplateStore, sentinel } from './page-templates.server'

/** About 24 MB of UTF-16 at most, plus the keys seen once (44 characters each). */
export const pageTemplates = createTemplateStore({ maxChars: 12_000_000, maxSeenKeys: 50_000 })

type RootData = { user?: { displayName?: unknown; handle?: unknown } | null } | undefined

/**
 * The viewer's verbatim strings (display name and handle from the root loader) and the loaders'
 * data with them replaced by sentinels 1, 2 (sentinel 0 is the nonce). Shallow copies only.
 */
export function viewerStringsOf(loaderData: Record<string, unknown>) {
  const root = loaderData.root as RootData
  const user = root?.user
  if (!user || typeof user.displayName !== 'string' || typeof user.handle !== 'string') return { strings: [] as string[], loaderData }
  return {
    strings: [user.displayName, user.handle],
    loaderData: { ...loaderData, root: { ...root, user: { ...user, displayName: sentinel(1), handle: sentinel(2) } } },
  }
}
