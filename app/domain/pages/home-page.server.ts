// The home page's lists, as its loader reads them and its version (home-version.server.ts) names
// them: one definition, so the two cannot drift apart.
import type { IdeaSort } from '#app/domain/ideas/ideas.rules'

/** The trending ideas beside the hero, and the ideas launched most voted for (docs/decisions/048). */
export const homeLists = {
  trending: { sort: 'trending', limit: 6 },
  launched: { sort: 'top', statusSlug: 'implemented', limit: 3 },
} as const satisfies Record<string, { sort: IdeaSort; statusSlug?: string; limit: number }>
