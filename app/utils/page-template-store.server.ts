// This instance's templates of rendered pages (app/utils/page-templates.server.ts), and which strings
// of the loaders' data are the viewer's own or the request's own: rendered verbatim, different for
// every person or every request, so filled in rather than kept.
import { createTemplateStore, sentinel } from './page-templates.server'
import { voteButtonStrings } from './vote-fill-ins'

/**
 * 16 million characters at most (the kept pages' text, payloads and their UTF-8 copies, two bytes
 * a character), plus the keys seen once (44 characters each). 12 million held 150 of the bench's 200
 * authors' own /my/ideas pages with their payloads, and every miss rendered again; 24 million held
 * them all but took the server's RSS past 300 MB in the full bench (304); at 16 its peak was 273.
 */
export const pageTemplates = createTemplateStore({ maxChars: 16_000_000, maxSeenKeys: 50_000 })

type RootData =
  { user?: { displayName?: unknown; initial?: unknown; handle?: unknown } | null } | undefined

/**
 * The verbatim strings (the viewer's display name, its initial and handle from the root loader; a
 * signed-in viewer's votes on a list's cards, `myVotes`; a form's one-time `submissionKey` from any
 * route) and the loaders' data with them replaced by
 * sentinels 1, 2, … (sentinel 0 is the nonce), or by other stand-ins. Shallow copies only.
 */
export function viewerStringsOf(
  loaderData: Record<string, unknown>,
  standIn: (index: number) => string = sentinel,
) {
  const strings: string[] = []
  let oneTimeStrings = 0
  // Strings the page shows but the data does not hold as they are (a vote button's attributes).
  let derived = 0
  const replaced: Record<string, unknown> = { ...loaderData }
  const take = (value: string) => {
    strings.push(value)
    return standIn(strings.length)
  }
  const root = loaderData.root as RootData
  const user = root?.user
  if (
    user &&
    typeof user.displayName === 'string' &&
    typeof user.initial === 'string' &&
    typeof user.handle === 'string'
  ) {
    replaced.root = {
      ...root,
      user: {
        ...user,
        displayName: take(user.displayName),
        initial: take(user.initial),
        handle: take(user.handle),
      },
    }
  }
  // A signed-in viewer's votes on a list's cards (`myVotes`, vote-fill-ins.ts): the string in the
  // data, then the vote buttons' attributes it sets, four per card.
  if (strings.length > 0)
    for (const [routeId, data] of Object.entries(loaderData)) {
      const votes = (data as { myVotes?: unknown } | null)?.myVotes
      if (typeof votes !== 'string' || votes === '') continue
      replaced[routeId] = { ...(data as object), myVotes: take(votes) }
      for (const value of voteButtonStrings(votes)) take(value)
      derived += 4 * votes.split(' ').length
    }
  // The one-time strings last.
  for (const [routeId, data] of Object.entries(loaderData)) {
    if (
      data &&
      typeof data === 'object' &&
      typeof (data as { submissionKey?: unknown }).submissionKey === 'string'
    ) {
      replaced[routeId] = {
        ...(replaced[routeId] as object),
        submissionKey: take((data as { submissionKey: string }).submissionKey),
      }
      oneTimeStrings += 1
    }
  }
  return {
    strings,
    /** Who the viewer is, by their own strings ('' for a visitor): the same for each of their requests. */
    person: JSON.stringify(strings.slice(0, strings.length - oneTimeStrings)),
    loaderData: strings.length ? replaced : loaderData,
    /** Whether a string is new on every request (a form's key): then no two requests share them. */
    oneTime: oneTimeStrings > 0,
    /** How many of the strings, the last ones, are new on every request. */
    oneTimeStrings,
    /** How many of the strings are in the data as they are (sentinels in `loaderData`). */
    inData: strings.length - derived,
  }
}

// `kill -USR2 <pid>` prints how the templates fare (hits, misses, refusals, memory held): for measuring.
process.on('SIGUSR2', () =>
  console.log(
    `[page templates] ${JSON.stringify({ ...pageTemplates.stats, heldChars: pageTemplates.heldChars })}`,
  ),
)
