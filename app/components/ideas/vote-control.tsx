import { Link, useFetcher, useLocation } from '@remix-run/react'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { counterDelta, voteValue, type VoteDirection } from '#app/domain/votes/votes.rules'
import { isMessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { useHydrated } from '#app/utils/use-hydrated'

type VoteActionData =
  | { ok: true; direction: VoteDirection; upVotes: number; downVotes: number; score: number }
  | { ok: false; error: string }

export type VoteControlProps = {
  idea: { id: number; slug: string; title: string; upVotes: number; downVotes: number; score: number }
  myVote: VoteDirection
  /** Why voting is not possible on this idea (closed), or undefined when it is. */
  closedReason?: string
  downVotesEnabled: boolean
  signedIn: boolean
  size?: 'compact' | 'large'
}

/**
 * Up/down vote buttons. With JavaScript the count changes at once (optimistic) and rolls back with a
 * message if the server refuses; without, the form posts and the server redirects back here.
 */
export function VoteControl({ idea, myVote, closedReason, downVotesEnabled, signedIn, size = 'compact' }: VoteControlProps) {
  const { t } = useTranslation()
  const location = useLocation()
  const hydrated = useHydrated()
  const fetcher = useFetcher<VoteActionData>()
  const here = `${location.pathname}${location.search}`

  const settled = fetcher.data?.ok ? fetcher.data : null
  const base = settled ?? { direction: myVote, upVotes: idea.upVotes, downVotes: idea.downVotes, score: idea.score }
  const pending = fetcher.formData?.get('direction') as VoteDirection | null | undefined
  const shown = pending ? applyOptimistic(base, pending) : base
  const error = fetcher.state === 'idle' && fetcher.data && !fetcher.data.ok ? fetcher.data.error : undefined

  const label = (direction: 'up' | 'down') =>
    t(direction === 'up' ? 'votes.upLabel' : 'votes.downLabel', { title: idea.title })

  if (!signedIn) {
    const login = `/login?${new URLSearchParams({ redirectTo: here })}`
    return (
      <div className={`vote-control vote-control--${size}`}>
        <Link to={login} className="vote-button" aria-label={t('votes.signInToVote', { title: idea.title })}>
          <UpIcon />
        </Link>
        <span className="vote-control__score">{shown.score}</span>
        <span className={countsClass(size)}>{t('ideas.upDown', { up: shown.upVotes, down: shown.downVotes })}</span>
      </div>
    )
  }

  return (
    <fetcher.Form method="post" action={`${ideaPath(idea)}/vote`} className={`vote-control vote-control--${size}`} preventScrollReset>
      <input type="hidden" name="redirectTo" value={here} />
      {hydrated ? <input type="hidden" name="respond" value="json" /> : null}
      <button
        type="submit"
        name="direction"
        value={shown.direction === 'up' ? 'none' : 'up'}
        className="vote-button vote-button--up"
        aria-pressed={shown.direction === 'up'}
        aria-label={label('up')}
        disabled={Boolean(closedReason)}
      >
        <UpIcon />
      </button>
      <span className="vote-control__score" aria-live="polite">
        {shown.score}
      </span>
      {downVotesEnabled ? (
        <button
          type="submit"
          name="direction"
          value={shown.direction === 'down' ? 'none' : 'down'}
          className="vote-button vote-button--down"
          aria-pressed={shown.direction === 'down'}
          aria-label={label('down')}
          disabled={Boolean(closedReason)}
        >
          <DownIcon />
        </button>
      ) : null}
      <span className={countsClass(size)}>{t('ideas.upDown', { up: shown.upVotes, down: shown.downVotes })}</span>
      {closedReason ? <span className={size === 'large' ? 'vote-control__note' : 'visually-hidden'}>{closedReason}</span> : null}
      {error ? (
        <span className="vote-control__error" role="alert">
          {isMessageKey(error) ? t(error) : t('votes.failed')}
        </span>
      ) : null}
    </fetcher.Form>
  )
}

function countsClass(size: 'compact' | 'large') {
  return size === 'large' ? 'vote-control__counts' : 'visually-hidden'
}

function applyOptimistic(
  base: { direction: VoteDirection; upVotes: number; downVotes: number; score: number },
  next: VoteDirection,
) {
  const delta = counterDelta(voteValue(base.direction), voteValue(next))
  return {
    direction: next,
    upVotes: base.upVotes + delta.up,
    downVotes: base.downVotes + delta.down,
    score: base.score + delta.up - delta.down,
  }
}

function UpIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M10 4l6 7h-4v5H8v-5H4z" fill="currentColor" />
    </svg>
  )
}

function DownIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M10 16l-6-7h4V4h4v5h4z" fill="currentColor" />
    </svg>
  )
}
