import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

import { ideaPath, type SimilarIdea } from '#app/domain/ideas/ideas.rules'
import { useTranslation } from '#app/utils/i18n/i18n'

import { StatusBadge } from './status-badge'

/**
 * "Is your idea already here?": ideas like the one being written, to vote on instead. Staff
 * capturing for a customer pass their own `title` and `intro` (they are not the idea's author), and
 * their own list (`children`), so the box lists each idea once with what the agent can do with it.
 */
export function SimilarIdeas({
  ideas,
  id,
  title,
  intro,
  children,
}: {
  ideas: SimilarIdea[]
  id?: string
  title?: string
  intro?: string
  /** The list of `ideas` in place of the links this box lists them with. */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  if (ideas.length === 0) return null
  return (
    <section className="similar-ideas" aria-labelledby={id ?? 'similar-title'}>
      <h2 id={id ?? 'similar-title'}>{title ?? t('ideas.similar.title')}</h2>
      <p className="muted">{intro ?? t('ideas.similar.intro')}</p>
      {children ?? (
        <ul>
          {ideas.map((idea) => (
            <li key={idea.id}>
              <Link to={ideaPath(idea)} target="_blank" rel="noopener">
                {idea.title}{' '}
                <span className="visually-hidden">{t('ideas.similar.opensNewTab')}</span>
              </Link>{' '}
              <span className="muted">{t('ideas.score', { score: idea.score })}</span>{' '}
              <StatusBadge status={idea} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
