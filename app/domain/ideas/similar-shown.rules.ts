// Whether the ideas like a title were shown to the person posting it: the new-idea form's rule,
// shared by the form (in the browser) and the posting command. A module of its own so that the
// pages importing ideas.rules do not carry it, and text.rules with it, into their JavaScript.
import { oneLine } from '#app/utils/text.rules'

/** A title as the similar-ideas search reads it: one line, its spaces and capitals not counted. */
const titleAsSearched = (title: string) => oneLine(title).replace(/\s+/g, ' ').trim().toLowerCase()

/**
 * Were the ideas like this title shown to the person posting it? The new-idea form carries the
 * title they were last shown for (`similarShownFor`: by the similar-ideas step, the preview, the list
 * that follows the title while typing, or a restored draft, which went through the step): a title
 * changed since is shown its own similar ideas before it is posted.
 */
export function similarIdeasShownFor({
  shownFor,
  title,
}: {
  shownFor: string | null | undefined
  title: string
}) {
  return typeof shownFor === 'string' && titleAsSearched(shownFor) === titleAsSearched(title)
}
