import { useFetcher } from '@remix-run/react'

import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { useTranslation } from '#app/utils/i18n/i18n'
import { useHydrated } from '#app/utils/use-hydrated'

/** Follow / stop following, optimistic with JavaScript, a plain POST without. */
export function FollowButton({
  idea,
  following,
  followerCount,
}: {
  idea: { id: number; slug: string }
  following: boolean
  followerCount: number
}) {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  const fetcher = useFetcher<{ ok: true; following: boolean; followerCount: number }>()
  const pending = fetcher.formData?.get('following')
  const settled = fetcher.data?.ok ? fetcher.data : null
  const isFollowing = pending ? pending === 'true' : (settled?.following ?? following)
  const count =
    settled && !pending
      ? settled.followerCount
      : followerCount + (pending ? (isFollowing ? 1 : -1) * (following === isFollowing ? 0 : 1) : 0)
  return (
    <fetcher.Form method="post" action={`${ideaPath(idea)}/follow`} className="follow">
      {hydrated ? <input type="hidden" name="respond" value="json" /> : null}
      <input type="hidden" name="following" value={isFollowing ? 'false' : 'true'} />
      <button
        type="submit"
        className={`button button--small ${isFollowing ? 'button--secondary' : 'button--ghost'}`}
        aria-pressed={isFollowing}
        title={t(isFollowing ? 'follow.unfollowLabel' : 'follow.followLabel')}
      >
        {t(isFollowing ? 'follow.unfollow' : 'follow.follow')}
      </button>
      <span className="muted follow__count">{t('follow.followers', { count })}</span>
    </fetcher.Form>
  )
}
