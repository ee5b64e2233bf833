// Pure rules for comments: how long they can be edited, and what deleting one leaves behind.
export const COMMENT_EDIT_MINUTES = 15

export function canEditComment({
  authorId,
  actorId,
  createdAt,
  now = new Date(),
}: {
  authorId: number
  actorId: number
  createdAt: Date
  now?: Date
}) {
  return (
    authorId === actorId && now.getTime() - createdAt.getTime() <= COMMENT_EDIT_MINUTES * 60_000
  )
}

/** Replies hang under top-level comments only: a reply to a reply joins the same thread. */
export function threadParent(parent: { id: number; parentId: number | null }) {
  return parent.parentId ?? parent.id
}
