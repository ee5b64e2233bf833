// Who may take part in an idea's discussion, whatever the channel: the idea page's comment form and a
// reply by email (notifications/email-replies.rules.ts) ask the same rule, so the two never disagree.
// A leaf: it imports nothing, so every area may ask it.

/** Why the discussion takes no new comment from this viewer, or 'open'. */
export type DiscussionState = 'open' | 'signIn' | 'withdrawn' | 'locked' | 'notPublic'

export function discussionState({
  withdrawn,
  isPublic,
  commentsLocked,
  signedIn,
  isTeam,
}: {
  withdrawn: boolean
  isPublic: boolean
  commentsLocked: boolean
  signedIn: boolean
  isTeam: boolean
}): DiscussionState {
  if (withdrawn) return 'withdrawn'
  if (!signedIn) return 'signIn'
  if (!isPublic) return 'notPublic'
  if (commentsLocked && !isTeam) return 'locked'
  return 'open'
}
