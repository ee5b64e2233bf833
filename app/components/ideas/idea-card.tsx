import { Link } from '@remix-run/react'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { formatDate, useTranslation } from '#app/utils/i18n/i18n'
import { StatusBadge } from './status-badge'

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
  authorName: string
}

export function IdeaCard({ idea, headingLevel = 2 }: { idea: IdeaCardData; headingLevel?: 2 | 3 }) {
  const { t, locale } = useTranslation()
  const Heading = `h${headingLevel}` as const
  const category = locale === 'nl' ? idea.categoryNameNl : idea.categoryNameEn
  return (
    <article className="idea-card">
      <div className="idea-card__score" aria-label={t('ideas.score', { score: idea.score })}>
        <span className="idea-card__score-value">{idea.score}</span>
        <span className="idea-card__score-label" aria-hidden="true">
          {t('ideas.scoreShort')}
        </span>
      </div>
      <div className="idea-card__body">
        <Heading className="idea-card__title">
          <Link to={ideaPath(idea)}>{idea.title}</Link>
        </Heading>
        <p className="idea-card__meta">
          <span className="tag">{t(`ideas.kind.${idea.kind}`)}</span>
          <span className="tag tag--muted">{category}</span>
          <StatusBadge slug={idea.statusSlug} nameEn={idea.statusNameEn} nameNl={idea.statusNameNl} color={idea.statusColor} />
        </p>
        <p className="idea-card__footer">
          <span>{t('ideas.by', { name: idea.authorName })}</span>
          <span aria-hidden="true"> · </span>
          <span>{formatDate(locale, idea.createdAt)}</span>
          <span aria-hidden="true"> · </span>
          <span>{t('ideas.upDown', { up: idea.upVotes, down: idea.downVotes })}</span>
          <span aria-hidden="true"> · </span>
          <span>{t('ideas.comments', { count: idea.commentCount })}</span>
        </p>
      </div>
    </article>
  )
}
