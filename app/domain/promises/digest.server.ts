// The team's daily digest: ideas whose promised first answer is due within a day or already late,
// emailed once a day (at the start of the working day) to everyone who triages.
import { inArray, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { jobRuns, users } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { backOfficeRoles } from '#app/domain/accounts/accounts.rules'
import { queueEmail } from '#app/domain/mail/emails.server'
import { isoDate, localParts } from '#app/domain/promises/calendar.rules'
import { workingCalendar } from '#app/domain/promises/promises.server'
import { getBranding as branding } from '#app/domain/settings/settings.server'
import type { Locale } from '#app/utils/i18n/i18n'

/** Ideas still unanswered whose promised date is within `hours` from now, or past (latest first). */
export async function ideasAtRisk({
  hours = 24,
  now = new Date(),
}: { hours?: number; now?: Date } = {}) {
  return queryRows<{ id: number; slug: string; title: string; due: Date }>(
    db(),
    sql`select id, slug, title, first_response_due_at as due from ideas
        where answered_at is null and is_public and first_response_due_at is not null
          and first_response_due_at <= ${now.toISOString()}::timestamptz + make_interval(hours => ${hours})
        order by first_response_due_at limit 50`,
  )
}

/**
 * Sends today's digest if it is working hours in the site's time zone and nobody sent it yet.
 * Returns how many people it went to (0 when it was not time, already done, or nothing is at risk).
 */
export async function sendDueDigest({ now = new Date() }: { now?: Date } = {}) {
  const calendar = await workingCalendar()
  const local = localParts(now, calendar.timeZone)
  const today = isoDate(local)
  const [startHour] = calendar.dayStart.split(':').map(Number) as [number]
  if (local.hour < startHour || calendar.holidays.includes(today)) return 0
  const weekday =
    ((new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7) + 1
  if (!calendar.workingDays.includes(weekday)) return 0
  const claimed = await db()
    .insert(jobRuns)
    .values({ name: 'due-digest', runOn: today })
    .onConflictDoNothing()
    .returning({ name: jobRuns.name })
  if (claimed.length === 0) return 0
  const atRisk = await ideasAtRisk({ now })
  if (atRisk.length === 0) return 0
  const team = await db()
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.role, [...backOfficeRoles]))
  const brand = await branding()
  const ideas = atRisk.map((idea) => ({
    id: idea.id,
    title: idea.title,
    late: new Date(idea.due).getTime() < now.getTime(),
  }))
  for (const person of team) {
    await queueEmail({
      kind: 'digest',
      input: { ideas },
      locale: person.locale as Locale,
      brand,
      userId: person.id,
      toAddress: person.email,
      dedupeKey: `digest:${today}:${person.id}`,
    })
  }
  return team.length
}
