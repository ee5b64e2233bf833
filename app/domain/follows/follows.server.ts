// Following ideas: authors, voters and commenters follow automatically; anyone can follow or stop.
// The idea's follower_count changes in the same transaction as the row.
import { and, eq, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { follows, ideas, type Role } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { mayViewIdea } from '#app/domain/ideas/ideas.rules'
import { ideaPath } from '#app/utils/idea-path'

/** Starts following; does nothing if already following. Returns whether a row was added. */
type FollowArgs = { executor?: Executor; userId: number; ideaId: number }

export async function follow({ executor = db(), userId, ideaId }: FollowArgs) {
  const added = await addFollower({ executor, userId, ideaId })
  if (added) {
    await executor
      .update(ideas)
      .set({ followerCount: sql`${ideas.followerCount} + 1` })
      .where(eq(ideas.id, ideaId))
  }
  return added
}

/**
 * The follow row alone: the caller adds one to the idea's follower count in the same transaction
 * (a vote does, in the update it makes anyway). Says whether the person was not following yet.
 */
async function addFollower({ executor, userId, ideaId }: Required<FollowArgs>) {
  const added = await executor
    .insert(follows)
    .values({ userId, ideaId })
    .onConflictDoNothing()
    .returning({ ideaId: follows.ideaId })
  return added.length > 0
}

async function unfollow({ executor = db(), userId, ideaId }: FollowArgs) {
  const removed = await executor
    .delete(follows)
    .where(and(eq(follows.userId, userId), eq(follows.ideaId, ideaId)))
    .returning({ ideaId: follows.ideaId })
  if (removed.length) {
    await executor
      .update(ideas)
      .set({ followerCount: sql`${ideas.followerCount} - 1` })
      .where(eq(ideas.id, ideaId))
  }
  return removed.length > 0
}

/**
 * Follow or stop following, from the idea's follow button: the new state and count for the button,
 * and the idea's current address for a form sent without JavaScript.
 */
export async function setFollowing({
  userId,
  role,
  ideaId,
  following,
}: {
  userId: number
  role: Role
  ideaId: number
  following: boolean
}) {
  return db().transaction(async (tx) => {
    const [idea] = await tx
      .select({
        id: ideas.id,
        slug: ideas.slug,
        authorId: ideas.authorId,
        hiddenAt: ideas.hiddenAt,
        heldAt: ideas.heldAt,
      })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
      .for('update')
    // An idea only its author and the team may see (held or hidden) is not there for anyone else,
    // as its page is not: following it would tell its address, which names its title.
    if (!idea || !mayViewIdea(idea, { id: userId, role }))
      return { ok: false as const, reason: 'notFound' as const }
    if (following) await follow({ executor: tx, userId, ideaId })
    else await unfollow({ executor: tx, userId, ideaId })
    const [row] = await tx
      .select({ followerCount: ideas.followerCount })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
    return {
      ok: true as const,
      following,
      followerCount: row!.followerCount,
      ideaPath: ideaPath(idea),
    }
  })
}

export async function isFollowing({ userId, ideaId }: { userId: number; ideaId: number }) {
  const [row] = await followOfIdea().execute({ userId, ideaId })
  return Boolean(row)
}

const followOfIdea = preparedRead((database) =>
  database
    .select({ ideaId: follows.ideaId })
    .from(follows)
    .where(
      and(
        eq(follows.userId, sql.placeholder('userId')),
        eq(follows.ideaId, sql.placeholder('ideaId')),
      ),
    )
    .prepare('follow_of_idea'),
)
