// Response promises: the rules the company publishes, the working calendar they are counted in,
// the due date each new idea gets, and the figures that show how well the promises are kept.
import { and, asc, eq, gte, isNull, or, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { holidays, promises } from '#app/db/schema'
import { preparedRead, queryRows } from '#app/db/sql.server'
import { recordAudit } from '#app/domain/audit/audit.server'
import type { SiteSettings } from '#app/domain/settings/settings.rules'
import { getSettings } from '#app/domain/settings/settings.server'
import { intlTag, type Locale, translator } from '#app/utils/i18n/i18n'
import { staleWhileRevalidate } from '#app/utils/stale-while-revalidate.server'

import { addWorkingDays, type WorkingCalendar } from './calendar.rules'
import { type PromiseTerms, promiseText } from './promises.rules'

/** The stored texts (for feeds, exports and anything reading the row) always follow the days. */
function promiseTexts(terms: PromiseTerms) {
  return {
    textEn: promiseText(terms, translator('en')),
    textNl: promiseText(terms, translator('nl')),
  }
}

/** The holidays from 30 days ago on. */
const holidaysFrom = (executor: Executor) =>
  executor
    .select({ day: holidays.day })
    .from(holidays)
    .where(gte(holidays.day, sql`current_date - 30`))

/** The same, built once per database (every idea posted and most pages ask). */
const recentHolidays = preparedRead((database) => holidaysFrom(database).prepare('recent_holidays'))

export async function workingCalendar({
  executor = db(),
}: { executor?: Executor } = {}): Promise<WorkingCalendar> {
  const [settings, days] = await Promise.all([
    getSettings({ executor }),
    // Inside a transaction, on its connection: a second connection from the pool could wait for
    // the transactions holding them all.
    executor === db() ? recentHolidays().execute() : holidaysFrom(executor),
  ])
  return calendarOf({ settings, holidays: days.map((row) => row.day) })
}

/** The day a first answer is promised by, as emails name it: "Tuesday 8 December", in the site's time zone. */
export function promisedDayText(dueAt: Date | string | number, locale: Locale, timeZone: string) {
  return new Intl.DateTimeFormat(intlTag(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone,
  }).format(new Date(dueAt))
}

/** The working calendar from the site settings and the holidays from 30 days ago on (`recentHolidaysSql`). */
export function calendarOf({
  settings,
  holidays: days,
}: {
  settings: SiteSettings
  holidays: (string | Date)[]
}): WorkingCalendar {
  return {
    timeZone: settings.timeZone,
    workingDays: settings.workingDays,
    dayStart: settings.dayStart,
    dayEnd: settings.dayEnd,
    holidays: days.map((day) => String(day).slice(0, 10)),
  }
}

const promisesIn = (activeOnly: boolean) =>
  preparedRead((database) =>
    database
      .select()
      .from(promises)
      .where(activeOnly ? eq(promises.active, true) : undefined)
      .orderBy(asc(promises.position), asc(promises.id))
      .prepare(activeOnly ? 'active_promises' : 'all_promises'),
  )
const activePromises = promisesIn(true)
const allPromises = promisesIn(false)

export async function listPromises({ activeOnly = false }: { activeOnly?: boolean } = {}) {
  return (activeOnly ? activePromises : allPromises)().execute()
}

/** When the first response to an idea from this channel, received at `at`, is promised by (or null). */
export async function firstResponseDue({
  executor = db(),
  channel,
  at,
}: {
  executor?: Executor
  channel: string
  at: Date
}) {
  const rows = await executor
    .select({ channel: promises.channel, targetDays: promises.targetDays })
    .from(promises)
    .where(
      and(
        eq(promises.kind, 'first-response'),
        eq(promises.active, true),
        or(isNull(promises.channel), eq(promises.channel, channel)),
      ),
    )
  const promise = firstResponsePromise({ rows, channel })
  if (!promise?.targetDays) return null
  return addWorkingDays(at, promise.targetDays, await workingCalendar({ executor }))
}

/** Of the active first-response promises for a channel or for all, the one that applies: a channel's own target wins over the general one. */
function firstResponsePromise({
  rows,
  channel,
}: {
  rows: { channel: string | null; targetDays: number | null }[]
  channel: string
}) {
  return rows.find((row) => row.channel === channel) ?? rows.find((row) => row.channel === null)
}

/**
 * The first-response due date from data read elsewhere (a command that reads everything it needs in
 * one statement): the active promises for the channel or all, the site settings, recent holidays.
 */
export function firstResponseDueFrom({
  rows,
  channel,
  at,
  calendar,
}: {
  rows: { channel: string | null; targetDays: number | null }[]
  channel: string
  at: Date
  calendar: WorkingCalendar
}) {
  const promise = firstResponsePromise({ rows, channel })
  return promise?.targetDays ? addWorkingDays(at, promise.targetDays, calendar) : null
}

export async function savePromise({
  actor,
  id,
  targetDays,
  active,
}: {
  actor: { id: number; role: string }
  id: number
  targetDays: number | null
  active: boolean
}) {
  if (actor.role !== 'admin') return { ok: false as const, reason: 'forbidden' as const }
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(promises).where(eq(promises.id, id)).for('update')
    if (!before) return { ok: false as const, reason: 'notFound' as const }
    if (before.kind !== 'declined-reason' && targetDays === null)
      return { ok: false as const, reason: 'daysRequired' as const }
    const { textEn, textNl } = promiseTexts({
      kind: before.kind,
      channel: before.channel,
      targetDays,
    })
    await tx
      .update(promises)
      .set({ targetDays, textEn, textNl, active, updatedAt: sql`now()` })
      .where(eq(promises.id, id))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'promise.update',
      targetType: 'setting',
      targetId: id,
      before,
      after: { targetDays, textEn, textNl, active },
    })
    return { ok: true as const }
  })
}

/** A first-response target for one channel (e.g. faster for phone calls), beside the general one. */
export async function addChannelPromise({
  actor,
  channel,
  targetDays,
}: {
  actor: { id: number; role: string }
  channel: string
  targetDays: number
}) {
  if (actor.role !== 'admin') return { ok: false as const, reason: 'forbidden' as const }
  const { textEn, textNl } = promiseTexts({ kind: 'first-response', channel, targetDays })
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(promises)
      .values({ kind: 'first-response', channel, targetDays, textEn, textNl, position: 15 })
      .onConflictDoNothing()
      .returning({ id: promises.id })
    if (!row) return { ok: false as const, reason: 'taken' as const }
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'promise.create',
      targetType: 'setting',
      targetId: row.id,
      after: { channel, targetDays },
    })
    return { ok: true as const }
  })
}

export async function listHolidays() {
  return db().select().from(holidays).orderBy(asc(holidays.day))
}

export async function setHoliday({
  actor,
  day,
  name,
  on,
}: {
  actor: { id: number; role: string }
  day: string
  name: string
  on: boolean
}) {
  if (actor.role !== 'admin') return { ok: false as const, reason: 'forbidden' as const }
  await db().transaction(async (tx) => {
    if (on)
      await tx
        .insert(holidays)
        .values({ day, name })
        .onConflictDoUpdate({ target: holidays.day, set: { name } })
    else await tx.delete(holidays).where(eq(holidays.day, day))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: on ? 'holiday.add' : 'holiday.remove',
      targetType: 'setting',
      after: { day, name },
    })
  })
  return { ok: true as const }
}

export const figureWindows = [30, 90, 365] as const

export type PromiseFigures = {
  windowDays: number
  channel: string | null
  /** Ideas whose promised first-response date has passed or that were answered. */
  due: number
  /** Of those, answered by the promised date. */
  keptOnTime: number
  share: number | null
  medianHours: number | null
  p90Hours: number | null
  /** Under review → planned / in progress / launched / declined, in days. */
  medianDecisionDays: number | null
  decisions: number
  implementedThisYear: number
}

/**
 * The promise figures, computed from the ideas themselves (never typed in): ideas received in the
 * last `windowDays` days (optionally from one channel) that are public or were answered.
 */
export async function promiseFigures({
  windowDays,
  channel = null,
  now = new Date(),
}: {
  windowDays: number
  channel?: string | null
  now?: Date
}): Promise<PromiseFigures> {
  const channelFilter = channel ? sql`and i.channel = ${channel}` : sql``
  // An ISO string, not a Date: postgres.js and PGlite both take it as timestamptz.
  const nowAt = sql`${now.toISOString()}::timestamptz`
  const [row] = await queryRows<{
    due: number
    kept: number
    median_hours: number | null
    p90_hours: number | null
  }>(
    db(),
    sql`select
          count(*) filter (where i.answered_at is not null or i.first_response_due_at <= ${nowAt})::int as due,
          count(*) filter (where i.answered_at is not null and i.answered_at <= i.first_response_due_at)::int as kept,
          percentile_cont(0.5) within group (order by extract(epoch from i.answered_at - i.created_at) / 3600)
            filter (where i.answered_at is not null) as median_hours,
          percentile_cont(0.9) within group (order by extract(epoch from i.answered_at - i.created_at) / 3600)
            filter (where i.answered_at is not null) as p90_hours
        from ideas i
        where i.created_at > ${nowAt} - make_interval(days => ${windowDays})
          and i.created_at <= ${nowAt}
          and i.first_response_due_at is not null
          and i.hidden_at is null and i.held_at is null
          ${channelFilter}`,
  )
  const [decision] = await queryRows<{ decisions: number; median_days: number | null }>(
    db(),
    sql`with reviewed as (
          select r.idea_id, min(r.created_at) as at
          from idea_responses r join statuses s on s.id = r.to_status_id
          where s.slug = 'under-review' group by r.idea_id
        ),
        decided as (
          select rv.idea_id, rv.at as reviewed_at, min(r.created_at) as decided_at
          from reviewed rv
          join idea_responses r on r.idea_id = rv.idea_id and r.created_at > rv.at
          join statuses s on s.id = r.to_status_id and s.category in ('active', 'closed')
          group by rv.idea_id, rv.at
        )
        select count(*)::int as decisions,
               percentile_cont(0.5) within group (order by extract(epoch from d.decided_at - d.reviewed_at) / 86400) as median_days
        from decided d join ideas i on i.id = d.idea_id
        where d.decided_at > ${nowAt} - make_interval(days => ${windowDays}) and d.decided_at <= ${nowAt} ${channelFilter}`,
  )
  const [launched] = await queryRows<{ implemented: number }>(
    db(),
    sql`select count(*)::int as implemented from ideas i join statuses s on s.id = i.status_id
        where s.slug = 'implemented' and date_trunc('year', i.status_changed_at) = date_trunc('year', ${nowAt}) ${channelFilter}`,
  )
  const due = Number(row?.due ?? 0)
  const kept = Number(row?.kept ?? 0)
  const round = (value: number | null | undefined, digits = 1) =>
    value === null || value === undefined
      ? null
      : Math.round(Number(value) * 10 ** digits) / 10 ** digits
  return {
    windowDays,
    channel,
    due,
    keptOnTime: kept,
    share: due ? round(kept / due, 3) : null,
    medianHours: round(row?.median_hours),
    p90Hours: round(row?.p90_hours),
    medianDecisionDays: round(decision?.median_days),
    decisions: Number(decision?.decisions ?? 0),
    implementedThisYear: Number(launched?.implemented ?? 0),
  }
}

/** The channels ideas came from in the window (for the per-channel figures). */
async function channelsInUse({ windowDays, now = new Date() }: { windowDays: number; now?: Date }) {
  const rows = await queryRows<{ channel: string }>(
    db(),
    sql`select distinct channel from ideas where created_at > ${now.toISOString()}::timestamptz - make_interval(days => ${windowDays}) order by channel`,
  )
  return rows.map((row) => row.channel)
}

/**
 * How well the promises are kept over a window, overall and per channel in use, for the public
 * promises page: some twenty aggregates over the window's ideas and the team's answers, so kept per
 * instance for ten seconds (the figures move by the day; the page cache alone recounted them every
 * two seconds, half of PostgreSQL's CPU under load).
 */
const figuresCache = staleWhileRevalidate<{ overall: PromiseFigures; byChannel: PromiseFigures[] }>(
  {
    maxAgeMs: 10_000,
    maxEntries: 10,
  },
)

export function publicPromiseFigures({ windowDays }: { windowDays: number }) {
  return figuresCache(String(windowDays), async () => {
    const channels = await channelsInUse({ windowDays })
    const [overall, ...byChannel] = await Promise.all([
      promiseFigures({ windowDays }),
      ...channels.map((channel) => promiseFigures({ windowDays, channel })),
    ])
    return { overall: overall!, byChannel }
  })
}
