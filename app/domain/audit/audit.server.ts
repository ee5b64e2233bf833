// The audit log: `recordAudit` is called inside every staff command's transaction; admins read it,
// as sentences in their language (audit.rules.ts), filtered by person, action, target and date.
import { and, desc, eq, gte, inArray, lt, type Placeholder, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { db, type Transaction } from '#app/db/db.server'
import { keysetRead } from '#app/db/keyset.server'
import {
  auditLog,
  categories,
  comments,
  ideas,
  statuses,
  tags,
  updates,
  users,
} from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { decodePage, type PageAt, readKeysetPage } from '#app/utils/cursors'
import type { Locale } from '#app/utils/i18n/i18n'
import { inLocale, localName, translator } from '#app/utils/i18n/i18n'
import { markdownToText } from '#app/utils/markdown.server'

import {
  type AuditAction,
  auditNameIds,
  type AuditNames,
  type AuditTargetType,
  describeAudit,
} from './audit.rules'
import type { AuditFilters } from './audit.schema'

export type AuditEntry = {
  /**
   * The staff action's own transaction. Only a transaction is accepted (not the root database), so
   * an audit row can never be written apart from the change it describes: passing `db()` is a type error.
   */
  tx: Transaction
  actorId: number
  action: AuditAction
  targetType: AuditTargetType
  targetId?: number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

export async function recordAudit({
  tx,
  actorId,
  action,
  targetType,
  targetId = null,
  before = null,
  after = null,
}: AuditEntry) {
  // 0 stands for "no person" (a system job, or an API token whose creator is gone).
  await tx
    .insert(auditLog)
    .values({ actorId: actorId || null, action, targetType, targetId, before, after })
}

const AUDIT_PAGE_SIZE = 50

/**
 * The entries of an idea's history: its own, and its comments'. Both are read from
 * audit_log_target_idx (a bitmap of the two): the comments' ids are an array worked out once, which
 * the index takes, where `in (select …)` would be a filter on every row of the log. The back
 * office's kept idea page reads the same (back-office-idea-version).
 */
export function ideaHistory(ideaId: number | SQL | Placeholder) {
  return sql`((${auditLog.targetType} = 'idea' and ${auditLog.targetId} = ${ideaId})
    or (${auditLog.targetType} = 'comment' and ${auditLog.targetId} = any(array(
      select c.id from ${comments} c where c.idea_id = ${ideaId}))))`
}

const targetUsers = alias(users, 'target_users')

/**
 * The log in time order, newest first (ties by id), described for a reader in `locale`: filtered
 * (see audit.schema.ts), limited to the actions the reader may see (`readable`, from
 * auditActionsReadableBy; null for all), and paged by keyset on (created_at, id): `cursor` is the
 * page before's `nextCursor`, `before` the page after's `previousCursor` (going back). Rows are not
 * written in time order (demo data and imports are backdated), so paging by id alone would show
 * them out of order. One query for the page, served by audit_log_created_idx (or
 * audit_log_actor_idx when filtered by person), read backwards going back.
 */
export async function listAudit({
  filters = {},
  ofIdea,
  locale = 'en',
  limit = AUDIT_PAGE_SIZE,
  readable = null,
  timeZone,
}: {
  filters?: AuditFilters
  /** An idea's history: what was done to it and to its comments (hidden, shown again). */
  ofIdea?: number
  locale?: Locale
  limit?: number
  readable?: readonly AuditAction[] | null
  /** The site's time zone (settings), in which before/after times are written. */
  timeZone: string
}) {
  if (readable && (readable.length === 0 || (filters.action && !readable.includes(filters.action))))
    return { entries: [], nextCursor: null, previousCursor: null, isFirstPage: true, timeZone }
  const conditions: SQL[] = []
  if (readable && !filters.action) conditions.push(inArray(auditLog.action, [...readable]))
  if (ofIdea !== undefined) conditions.push(ideaHistory(ofIdea))
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId))
  if (filters.action) conditions.push(eq(auditLog.action, filters.action))
  if (filters.targetType) conditions.push(eq(auditLog.targetType, filters.targetType))
  if (filters.targetId) conditions.push(eq(auditLog.targetId, filters.targetId))
  if (filters.from) conditions.push(gte(auditLog.createdAt, filters.from))
  // `to` is a day: everything before the next midnight (UTC) counts.
  if (filters.to)
    conditions.push(lt(auditLog.createdAt, new Date(filters.to.getTime() + 24 * 60 * 60 * 1000)))
  const page = await readKeysetPage(decodePage(filters, 'timestamptz'), limit, (at) =>
    readAuditPage({ conditions, at, limit, locale }),
  )
  const statusRows = await db()
    .select({ slug: statuses.slug, nameEn: statuses.nameEn, nameNl: statuses.nameNl })
    .from(statuses)
  const statusNames = new Map(statusRows.map((row) => [row.slug, localName(locale, row)]))
  const names = await auditNames(page.rows, locale)
  const context = {
    t: translator(locale),
    locale,
    statusName: (slug: string) => statusNames.get(slug) ?? slug,
    names,
    plainText: (markdown: string) => markdownToText(markdown, 140),
    timeZone,
  }
  return {
    timeZone,
    ...page.links,
    entries: page.rows.map((row) => ({
      id: row.id,
      action: row.action,
      actorId: row.actorId,
      actorName: row.actorName,
      targetType: row.targetType,
      targetId: row.targetId,
      createdAt: row.createdAt,
      /** The idea a comment entry is about, for its link. */
      ideaId:
        row.targetType === 'comment' && row.targetId
          ? (names.comments.get(row.targetId)?.ideaId ?? null)
          : null,
      ...describeAudit(row, context),
    })),
  }
}

/**
 * One page of the log's rows (limit + 1 nearest `at`, in the list's order, newest first) with the
 * names of who did it and what it was done to.
 */
function readAuditPage({
  conditions,
  at,
  limit,
  locale,
}: {
  conditions: SQL[]
  at: PageAt
  limit: number
  locale: Locale
}) {
  // The page is cut first (the index reads just these rows in order), then its names are joined by key.
  const read = keysetRead({
    value: auditLog.createdAt,
    id: auditLog.id,
    cast: 'timestamptz',
    descending: true,
    ...at,
  })
  const page = db()
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      sortValue: sql<string>`${auditLog.createdAt}::text`.as('sort_value'),
      actorId: auditLog.actorId,
    })
    .from(auditLog)
    .where(and(...conditions, read.where))
    .orderBy(...read.orderBy)
    .limit(limit + 1)
    .as('audit_page')
  const nameColumn = inLocale(locale, 'name_en', 'name_nl')
  return (
    db()
      .select({
        id: page.id,
        action: page.action,
        targetType: page.targetType,
        targetId: page.targetId,
        before: page.before,
        after: page.after,
        createdAt: page.createdAt,
        sortValue: page.sortValue,
        actorId: page.actorId,
        actorName: users.displayName,
        targetName: sql<
          string | null
        >`coalesce(${ideas.title}, ${targetUsers.displayName}, ${updates.title}, ${sql.raw(`"statuses"."${nameColumn}"`)}, ${sql.raw(`"categories"."${nameColumn}"`)}, ${sql.raw(`"tags"."${nameColumn}"`)})`,
      })
      .from(page)
      .leftJoin(users, eq(users.id, page.actorId))
      .leftJoin(ideas, and(eq(page.targetType, 'idea'), eq(ideas.id, page.targetId)))
      .leftJoin(targetUsers, and(eq(page.targetType, 'user'), eq(targetUsers.id, page.targetId)))
      .leftJoin(updates, and(eq(page.targetType, 'update'), eq(updates.id, page.targetId)))
      .leftJoin(statuses, and(eq(page.targetType, 'status'), eq(statuses.id, page.targetId)))
      .leftJoin(categories, and(eq(page.targetType, 'category'), eq(categories.id, page.targetId)))
      .leftJoin(tags, and(eq(page.targetType, 'tag'), eq(tags.id, page.targetId)))
      // In the list's order whichever way the page was read.
      .orderBy(desc(page.createdAt), desc(page.id))
  )
}

/**
 * The names of everything a page of entries refers to by id (assignees, customers, originals of a
 * merge, labels, categories, and the idea and author of a comment): one query per kind, only for
 * the kinds the page holds.
 */
async function auditNames(
  rows: Parameters<typeof auditNameIds>[0],
  locale: Locale,
): Promise<AuditNames> {
  const ids = auditNameIds(rows)
  const commentAuthors = alias(users, 'comment_authors')
  const [people, ideaRows, tagRows, categoryRows, commentRows] = await Promise.all([
    ids.users.length
      ? db()
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, ids.users))
      : [],
    ids.ideas.length
      ? db()
          .select({ id: ideas.id, name: ideas.title })
          .from(ideas)
          .where(inArray(ideas.id, ids.ideas))
      : [],
    ids.tags.length
      ? db()
          .select({ id: tags.id, nameEn: tags.nameEn, nameNl: tags.nameNl })
          .from(tags)
          .where(inArray(tags.id, ids.tags))
      : [],
    ids.categories.length
      ? db()
          .select({ id: categories.id, nameEn: categories.nameEn, nameNl: categories.nameNl })
          .from(categories)
          .where(inArray(categories.id, ids.categories))
      : [],
    ids.comments.length
      ? db()
          .select({
            id: comments.id,
            ideaId: ideas.id,
            ideaTitle: ideas.title,
            authorName: commentAuthors.displayName,
          })
          .from(comments)
          .innerJoin(ideas, eq(ideas.id, comments.ideaId))
          .leftJoin(commentAuthors, eq(commentAuthors.id, comments.authorId))
          .where(inArray(comments.id, ids.comments))
      : [],
  ])
  return {
    users: new Map(people.map((row) => [row.id, row.name])),
    ideas: new Map(ideaRows.map((row) => [row.id, row.name])),
    tags: new Map(tagRows.map((row) => [row.id, localName(locale, row)])),
    categories: new Map(categoryRows.map((row) => [row.id, localName(locale, row)])),
    comments: new Map(
      commentRows.map((row) => [
        row.id,
        { ideaId: row.ideaId, ideaTitle: row.ideaTitle, authorName: row.authorName ?? '' },
      ]),
    ),
  }
}

/**
 * The people who appear in the part of the log the reader may see, for the "who" filter. A skip
 * scan down audit_log_actor_idx (one index probe per person), not a read of the whole log.
 */
export async function listAuditActors({
  readable = null,
}: { readable?: readonly AuditAction[] | null } = {}) {
  if (readable && readable.length === 0) return []
  const visible = readable ? sql`and a.action in ${[...readable]}` : sql``
  const rows = await queryRows<{ id: number; displayName: string }>(
    db(),
    sql`with recursive actors(id) as (
          (select a.actor_id from ${auditLog} a where a.actor_id is not null ${visible} order by a.actor_id limit 1)
          union all
          select (select a.actor_id from ${auditLog} a where a.actor_id > actors.id ${visible} order by a.actor_id limit 1)
          from actors where actors.id is not null
        )
        select u.id, u.display_name as "displayName" from actors join ${users} u on u.id = actors.id
        order by u.display_name, u.id`,
  )
  return rows.map((row) => ({ id: Number(row.id), displayName: row.displayName }))
}
