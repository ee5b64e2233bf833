import { Link } from '@remix-run/react'

import { Highlighted } from '#app/components/ui/highlighted'
import { ByPerson } from '#app/components/ui/person-name'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import type { VoteDirection } from '#app/domain/votes/votes.rules'
import { formatDate, inLocale, useTranslation } from '#app/utils/i18n/i18n'

import { StatusBadge } from './status-badge'
import { VoteControl } from './vote-control'

export type IdeaCardData = {
  id: number
  slug: string
  title: string
  kind: 'product' | 'experience' | 'involvement'
  score: number
  upVotes: number
  downVotes: number
  commentCount: number
  createdAt: string | Date
  categoryNameEn: string
  categoryNameNl: string
  statusSlug: string
  statusNameEn: string
  statusNameNl: string
  statusColor: string
  statusCategory: 'open' | 'active' | 'closed'
  authorName: string
  myVote: VoteDirection
  /** With a search: the title and a description excerpt with the matched words marked. */
  titleHighlight?: string | null
  snippet?: string | null
  /** Set on the author's own list: withdrawn, hidden and held ideas are shown there, marked. */
  withdrawnAt?: string | Date | null
  hiddenAt?: string | Date | null
  heldAt?: string | Date | null
  /** The language the idea is written in (null: the interface's). */
  language?: string | null
}

export type VotingContext = { signedIn: boolean; downVotesEnabled: boolean }

export function IdeaCard({
  idea,
  voting,
  headingLevel = 2,
}: {
  idea: IdeaCardData
  voting: VotingContext
  headingLevel?: 2 | 3
}) {
  const { t, locale } = useTranslation()
  const Heading = `h${headingLevel}` as const
  const category = inLocale(locale, idea.categoryNameEn, idea.categoryNameNl)
  return (
    <article className="idea-card" id={`idea-${idea.id}`}>
      <VoteControl
        idea={idea}
        myVote={idea.myVote}
        closedReason={
          idea.withdrawnAt
            ? t('votes.refused.withdrawn')
            : idea.statusCategory === 'closed'
              ? t('votes.closed')
              : undefined
        }
        downVotesEnabled={voting.downVotesEnabled}
        signedIn={voting.signedIn}
      />
      <div className="idea-card__body">
        <Heading className="idea-card__title" lang={idea.language ?? undefined}>
          <Link to={ideaPath(idea)}>
            {idea.titleHighlight ? <Highlighted text={idea.titleHighlight} /> : idea.title}
          </Link>
        </Heading>
        {idea.snippet ? (
          <p className="idea-card__snippet" lang={idea.language ?? undefined}>
            <Highlighted text={idea.snippet} />
          </p>
        ) : null}
        <p className="idea-card__meta">
          <span className="tag">{t(`ideas.kind.${idea.kind}`)}</span>
          <span className="tag tag--muted">{category}</span>
          {/* A withdrawn idea's status no longer holds (as on its page): it shows that it was withdrawn. */}
          {idea.withdrawnAt ? (
            <span className="tag tag--muted">{t('ideas.withdrawnTag')}</span>
          ) : (
            <StatusBadge status={idea} />
          )}
          {/* Only its author sees it (on /my/ideas): why nobody else does. */}
          {idea.hiddenAt ? (
            <span className="tag tag--muted">{t('ideas.hiddenTag')}</span>
          ) : idea.heldAt ? (
            <span className="tag tag--muted">{t('ideas.heldTag')}</span>
          ) : null}
        </p>
        <p className="idea-card__footer">
          <span>
            <ByPerson displayName={idea.authorName} />
          </span>
          <span aria-hidden="true"> · </span>
          <span>{formatDate(locale, idea.createdAt)}</span>
          <span aria-hidden="true"> · </span>
          <span>{t('ideas.comments', { count: idea.commentCount })}</span>
        </p>
      </div>
    </article>
  )
}
