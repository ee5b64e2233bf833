// A signed-in browser showing the site in a language: the account keeps that language too, as the
// header's switch leaves it. A signed-in person's pages are always in their account's language
// (app/utils/http/root-data.server.ts): a browser cookie saying another one is sent on to the same
// page with the account's, so a test reading a page in a language chooses it on the account.
import { eq, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { type Locale, sessions, users } from '#app/db/schema'
import { SESSION_COOKIE_NAME } from '#app/domain/accounts/sessions.server'

/** The Cookie header for `cookie`'s browser reading pages in `locale`, its account switched to it. */
export async function readingIn(cookie: string, locale: Locale) {
  const sessionId = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE_NAME}=([^;]+)`).exec(cookie)?.[1]
  if (sessionId)
    await db()
      .update(users)
      .set({ locale })
      .where(
        eq(
          users.id,
          sql`(select ${sessions.userId} from ${sessions} where ${sessions.id} = ${sessionId})`,
        ),
      )
  return `${cookie}; ideabox_lang=${locale}`
}
