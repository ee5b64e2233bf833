// Writes the back office's kept pages must notice (decisions 042, 043), shared by their tests.
import { sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { reportContent } from '#app/domain/moderation/reports.server'
import { createTestUser } from '#tests/factories'

/** Someone new joins the team: the team every page can assign to changes. */
export async function promoteNewModerator() {
  const someone = await createTestUser({ password: null, displayName: 'New Member' })
  await db().execute(sql`update users set role = 'moderator' where id = ${someone.id}`)
}

/**
 * A newcomer reports idea `ideaId`, or its comment `commentId`: the navigation's count of open
 * reports changes, and the idea's page counts it.
 */
export async function reportByNewcomer(ideaId: number, commentId?: number) {
  const reporter = await createTestUser({ password: null })
  await reportContent({ actor: reporter, ideaId, commentId, reason: 'spam', note: '' })
}

/** Person `userId` is called `name` from now on. */
export async function rename(userId: number, name: string) {
  await db().execute(sql`update users set display_name = ${name} where id = ${userId}`)
}
