// The links a test follows from the emails the app queued, as the person would from their mailbox.
import { and, desc, eq, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { notifications, outbox } from '#app/db/schema'

/**
 * What `link` matches in the text of the newest email of `kind` to `to`: a link's token (its first
 * group) or path. Throws when there is no such email or link, naming which.
 */
export async function linkInNewestEmail({
  to,
  kind,
  link,
}: {
  to: string
  kind: string
  link: RegExp
}) {
  const [mail] = await db()
    .select({ textBody: outbox.textBody })
    .from(outbox)
    .where(and(eq(outbox.toAddress, to), eq(outbox.kind, kind)))
    .orderBy(desc(outbox.id))
    .limit(1)
  if (!mail) throw new Error(`no ${kind} email to ${to}`)
  const match = link.exec(mail.textBody ?? '')
  if (!match) throw new Error(`no link like ${link} in the newest ${kind} email to ${to}`)
  return match
}

/** The token of the newest verification link sent to `email`. */
export const verificationToken = async (email: string) =>
  (
    await linkInNewestEmail({ to: email, kind: 'verify-email', link: /\/verify-email\/([\w-]+)/ })
  )[1]!

/**
 * The clock moved on past every queued comment's edit window, as the worker finds it later: the
 * emails about comments (and replies) still waiting become due now, in the order they were due.
 */
export async function passTheCommentEditWindow() {
  await db()
    .update(outbox)
    .set({ nextAttemptAt: sql`least(${outbox.nextAttemptAt}, now())` })
    .where(
      and(
        eq(outbox.state, 'pending'),
        sql`${outbox.notificationId} in (select id from ${notifications} where type in ('comment', 'reply'))`,
      ),
    )
}
