import { Link, useLocation } from '@remix-run/react'
import { type MouseEvent, useEffect, useRef, useState } from 'react'

import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { counterDelta, type VoteDirection, voteValue } from '#app/domain/votes/votes.rules'
import type { VoteAnswer } from '#app/utils/http/vote-answers'
import { isMessageKey, useTranslation } from '#app/utils/i18n/i18n'
import { voteButtons } from '#app/utils/vote-fill-ins'

/**
 * No JSON answer came back: what `refusedVote('failed')` says (vote-answers.test.ts holds them
 * equal). Written here so the browser does not load every refusal's table for this one answer.
 */
export const FAILED_VOTE = { ok: false, error: 'votes.failed' } as const satisfies VoteAnswer

type Counters = { direction: VoteDirection; upVotes: number; downVotes: number; score: number }

export type VoteControlProps = {
  idea: {
    id: number
    slug: string
    title: string
    upVotes: number
    downVotes: number
    score: number
  }
  myVote: VoteDirection
  /** Why voting is not possible on this idea (closed), or undefined when it is. */
  closedReason?: string
  downVotesEnabled: boolean
  signedIn: boolean
  size?: 'compact' | 'large'
}

/**
 * Up/down vote buttons. With JavaScript the count changes at once (optimistic), the vote is sent as
 * a JSON request, and a refusal rolls it back with its reason; without, the form posts and the
 * server redirects back here.
 */
export function VoteControl({
  idea,
  myVote,
  closedReason,
  downVotesEnabled,
  signedIn,
  size = 'compact',
}: VoteControlProps) {
  const { t } = useTranslation()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  const action = `${ideaPath(idea)}/vote`
  const { settled, pending, error, vote } = useVote(action)

  const base = settled ?? {
    direction: myVote,
    upVotes: idea.upVotes,
    downVotes: idea.downVotes,
    score: idea.score,
  }
  const shown = pending ? applyOptimistic(base, pending) : base

  const label = (direction: 'up' | 'down') =>
    t(direction === 'up' ? 'votes.upLabel' : 'votes.downLabel', { title: idea.title })
  // A click handler runs only with JavaScript: the vote goes by fetch, not as the form's post.
  const onClick = (direction: VoteDirection) => (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault()
    vote(direction)
  }

  const closedNote = closedReason ? (
    <span className={size === 'large' ? 'vote-control__note' : 'visually-hidden'}>
      {closedReason}
    </span>
  ) : null

  if (!signedIn) {
    const login = `/login?${new URLSearchParams({ redirectTo: here })}`
    return (
      <div className={`vote-control vote-control--${size}`}>
        {/* A closed idea takes no votes: no sign-in offered for one (as signed in, the button is off). */}
        {closedReason ? (
          <button type="button" className="vote-button" aria-label={label('up')} disabled>
            <UpIcon />
          </button>
        ) : (
          <Link
            to={login}
            className="vote-button"
            aria-label={t('votes.signInToVote', { title: idea.title })}
          >
            <UpIcon />
          </Link>
        )}
        <span className="vote-control__score">{shown.score}</span>
        <span className={countsClass(size)}>
          {t('ideas.upDown', { up: shown.upVotes, down: shown.downVotes })}
        </span>
        {closedNote}
      </div>
    )
  }

  // Rendering a kept page's template, these are stand-ins for this viewer's (vote-fill-ins.ts).
  const buttons = voteButtons(shown.direction)
  const up = buttons.up as VoteDirection
  const down = buttons.down as VoteDirection
  return (
    <form method="post" action={action} className={`vote-control vote-control--${size}`}>
      <input type="hidden" name="redirectTo" value={here} />
      <button
        type="submit"
        name="direction"
        value={up}
        onClick={onClick(up)}
        className="vote-button vote-button--up"
        aria-pressed={buttons.upPressed as boolean}
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
          value={down}
          onClick={onClick(down)}
          className="vote-button vote-button--down"
          aria-pressed={buttons.downPressed as boolean}
          aria-label={label('down')}
          disabled={Boolean(closedReason)}
        >
          <DownIcon />
        </button>
      ) : null}
      <span className={countsClass(size)}>
        {t('ideas.upDown', { up: shown.upVotes, down: shown.downVotes })}
      </span>
      {closedNote}
      {error ? (
        <span className="vote-control__error" role="alert">
          {error === 'votes.signedOut' ? (
            <Link to={`/login?${new URLSearchParams({ redirectTo: here })}`}>{t(error)}</Link>
          ) : isMessageKey(error) ? (
            t(error)
          ) : (
            t('votes.failed')
          )}
        </span>
      ) : null}
    </form>
  )
}

/**
 * Sends votes one at a time, the latest click winning: a click while a vote is on its way changes
 * what is sent next, so quick clicks can never arrive out of order. `settled` is the server's last
 * answer, `pending` the direction shown meanwhile.
 */
function useVote(action: string) {
  const [settled, setSettled] = useState<Counters | null>(null)
  const [pending, setPending] = useState<VoteDirection | null>(null)
  const [error, setError] = useState<string | undefined>()
  const wanted = useRef<VoteDirection | null>(null)
  const sending = useRef(false)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  async function sendWanted() {
    sending.current = true
    try {
      while (wanted.current && mounted.current) {
        const direction = wanted.current
        const answer = await postVote(action, direction)
        if (!mounted.current) return
        if (!answer.ok) {
          wanted.current = null
          setPending(null)
          setError(answer.error)
          return
        }
        setSettled(answer)
        if (wanted.current === direction) {
          wanted.current = null
          setPending(null)
        }
      }
    } finally {
      sending.current = false
    }
  }

  function vote(direction: VoteDirection) {
    setError(undefined)
    wanted.current = direction
    setPending(direction)
    if (!sending.current) void sendWanted()
  }

  return { settled, pending, error, vote }
}

async function postVote(action: string, direction: VoteDirection): Promise<VoteAnswer> {
  try {
    const response = await fetch(action, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams({ direction }),
    })
    if (!response.headers.get('Content-Type')?.startsWith('application/json')) {
      return FAILED_VOTE
    }
    return (await response.json()) as VoteAnswer
  } catch {
    return FAILED_VOTE
  }
}

function countsClass(size: 'compact' | 'large') {
  return size === 'large' ? 'vote-control__counts' : 'visually-hidden'
}

function applyOptimistic(base: Counters, next: VoteDirection): Counters {
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
