// A list of idea cards with keyset paging: "Load more" appends the next page in place with
// JavaScript; without it, "Next page" is a plain link to the same list after the cursor. "Previous
// page" (a link to the page before the first card shown) works either way.
import { Link, useFetcher } from '@remix-run/react'
import { type ReactNode, useEffect, useState } from 'react'

import { Pager } from '#app/components/ui/pager'
import type { VoteDirection } from '#app/domain/votes/votes.rules'
import { useTranslation } from '#app/utils/i18n/i18n'
import { useHydrated } from '#app/utils/use-hydrated'
import { cardVote } from '#app/utils/vote-fill-ins'

import { IdeaCard, type IdeaCardData, type VotingContext } from './idea-card'

/** A page of cards: each with its viewer's vote, or the votes of them all as one string (`myVotes`). */
type Page<Idea> = { ideas: Idea[]; nextCursor: string | null; myVotes?: string }

type Card = Omit<IdeaCardData, 'myVote'> & { myVote?: VoteDirection }

/** The cards with their viewer's votes (decision 041: a kept page fills them in as strings). */
function withVotes<Idea extends Card>(ideas: Idea[], myVotes: string | undefined) {
  return myVotes === undefined
    ? ideas
    : ideas.map((idea, index) => ({ ...idea, myVote: cardVote(myVotes, index) }))
}

export function IdeaFeed<Idea extends Card>({
  ideas,
  myVotes,
  nextCursor,
  previousCursor = null,
  pageHref,
  voting,
  isFirstPage = true,
  empty,
  headingLevel = 2,
  renderExtra,
}: {
  ideas: Idea[]
  /** The viewer's votes on `ideas` as one string (vote-fill-ins.ts), when the cards carry none. */
  myVotes?: string
  nextCursor: string | null
  /** The cursor of the page before this one (its `before`), or null on the first page. */
  previousCursor?: string | null
  /** The address of the page after (or before) `cursor`, or of the first page when cursor is null. */
  pageHref: (cursor: string | null, direction?: 'after' | 'before') => string
  voting: VotingContext
  isFirstPage?: boolean
  empty: ReactNode
  headingLevel?: 2 | 3
  /** Something to show under a card (e.g. "you voted for this"). */
  renderExtra?: (idea: Idea) => ReactNode
}) {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  const fetcher = useFetcher<Page<Idea>>()
  const [more, setMore] = useState<{ ideas: Idea[]; cursor: string | null; from: string | null }>({
    ideas: [],
    cursor: nextCursor,
    from: nextCursor,
  })
  const [focusId, setFocusId] = useState<number | null>(null)
  const [announce, setAnnounce] = useState('')

  // A new first page (other filters) starts over.
  if (more.from !== nextCursor) setMore({ ideas: [], cursor: nextCursor, from: nextCursor })

  useEffect(() => {
    const page = fetcher.data
    if (fetcher.state !== 'idle' || !page || !Array.isArray(page.ideas)) return
    setMore((current) => {
      const seen = new Set([...ideas, ...current.ideas].map((idea) => idea.id))
      return {
        ...current,
        ideas: [
          ...current.ideas,
          ...withVotes(page.ideas, page.myVotes).filter((idea) => !seen.has(idea.id)),
        ],
        cursor: page.nextCursor,
      }
    })
    setAnnounce(t('ideas.loadedMore', { count: page.ideas.length }))
    setFocusId(page.ideas[0]?.id ?? null)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per loaded page
  }, [fetcher.data, fetcher.state])

  // Keyboard and screen-reader users continue at the first new idea, once it is on the page.
  useEffect(() => {
    if (focusId === null) return
    document.querySelector<HTMLAnchorElement>(`#idea-${focusId} .idea-card__title a`)?.focus()
    setFocusId(null)
  }, [focusId, more.ideas])

  const shown = [...withVotes(ideas, myVotes), ...more.ideas]
  const loading = fetcher.state !== 'idle'
  const failed =
    fetcher.state === 'idle' && fetcher.data !== undefined && !Array.isArray(fetcher.data.ideas)

  return (
    <>
      {shown.length ? (
        <ul className="idea-list">
          {shown.map((idea) => (
            <li key={idea.id}>
              <IdeaCard idea={idea as IdeaCardData} voting={voting} headingLevel={headingLevel} />
              {renderExtra?.(idea)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{empty}</p>
      )}
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {failed ? (
        <p className="form-error" role="alert">
          {t('ideas.loadMoreFailed')}
        </p>
      ) : null}
      <Pager
        pageHref={pageHref}
        previousCursor={previousCursor}
        isFirstPage={isFirstPage}
        next={
          more.cursor ? (
            hydrated ? (
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={loading || undefined}
                onClick={() => {
                  if (!loading && more.cursor) fetcher.load(pageHref(more.cursor))
                }}
              >
                {loading ? t('ideas.loadingMore') : t('ideas.loadMore')}
              </button>
            ) : (
              <Link to={pageHref(more.cursor)} rel="next" className="button button--secondary">
                {t('ideas.nextPage')}
              </Link>
            )
          ) : null
        }
      />
    </>
  )
}
