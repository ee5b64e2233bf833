// Every page's <title>: what the page is, then the site's name as set in the back office (the
// root loader's \`site.name\`, from brandingOf in settings.server.ts).
import type { MetaFunction } from '@remix-run/node'

type Matches = Parameters<MetaFunction>[0]['matches']

/** "Ideas · Brew & Co", or the site's name alone for a page with no title of its own (home). */
export function pageTitle(matches: Matches, title?: string | null) {
  const root = matches.find((match) => match.id === 'root')?.data as
    { site?: { name?: string } } | undefined
  const site = root?.site?.name
  if (!title) return site ?? ''
  return site ? `${title} · ${site}` : title
}
