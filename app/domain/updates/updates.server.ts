// Update posts ("you asked, we built"): drafting, scheduling, publishing with notifications that
// reach each voter, follower and author of the linked ideas exactly once, editing with history,
// and the public lists and feeds.
import { randomBytes } from 'node:crypto'

import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'

import { type Database, db, type Executor } from '#app/db/db.server'
import { keysetRead } from '#app/db/keyset.server'
import {
  ideas,
  images,
  statuses,
  updateIdeas,
  updateRevisions,
  updates,
  users,
} from '#app/db/schema'
import { inIdList, literalLimit, queryRows } from '#app/db/sql.server'
import { mayChangeStatus, type Role } from '#app/domain/accounts/accounts.rules'
import { recordAudit } from '#app/domain/audit/audit.server'
import { slugify } from '#app/domain/ideas/ideas.rules'
import { listIdeas } from '#app/domain/ideas/ideas.server'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { statusDisplayColumns } from '#app/domain/ideas/status-display.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { emitEvent } from '#app/domain/webhooks/webhooks.server'
import { type PageAt, readKeysetPage } from '#app/utils/cursors'

import {
  IMAGE_MAX_BYTES,
  mayLinkToUpdate,
  mayPublishUpdates,
  mayViewImage,
  sniffImageType,
  type UpdateMark,
  updateMark,
} from './updates.rules'

export type UpdateActor = { id: number; role: Role }
export type UpdateResult<T = object> =
  ({ ok: true } & T) | { ok: false; reason: 'forbidden' | 'notFound' | 'invalid' | 'notLinkable' }

const forbidden = { ok: false, reason: 'forbidden' } as const
const notFound = { ok: false, reason: 'notFound' } as const

const UPDATES_PAGE_SIZE = 10

/** An update post as the list shows it (with `images` joined for the cover). */
const listColumns = {
  id: updates.id,
  slug: updates.slug,
  title: updates.title,
  summary: updates.summary,
  coverImageToken: images.token,
}

/** An update post as the feeds and its own page show it. */
const postColumns = { ...listColumns, body: updates.body }

/** What the list of published updates shows of each, but its text (the feeds' and the page's). */
const publishedListColumns = {
  ...listColumns,
  publishedAt: updates.publishedAt,
  updatedAt: updates.updatedAt,
  authorName: users.displayName,
  /** The ideas its page shows: the public ones it links. */
  ideaCount: sql<number>`(select count(*)::int from ${updateIdeas} ui join ${ideas} i on i.id = ui.idea_id where ui.update_id = ${updates.id} and i.is_public)`,
}

/**
 * Published updates, newest first (keyset on first publication): the first page, the page after
 * `cursor`, or going back, the page before `before`, with the links to the pages around it.
 */
export async function listPublishedUpdates({
  limit = UPDATES_PAGE_SIZE,
  ...at
}: PageAt & { limit?: number } = {}) {
  const page = await readKeysetPage(at, limit, async (near) => {
    const read = keysetRead({
      value: updates.publishedAt,
      id: updates.id,
      cast: 'timestamptz',
      descending: true,
      ...near,
    })
    const rows = await db()
      .select({
        ...publishedListColumns,
        body: updates.body,
        sortValue: sql<string>`${updates.publishedAt}::text`,
      })
      .from(updates)
      .leftJoin(users, eq(users.id, updates.authorId))
      .leftJoin(images, eq(images.id, updates.coverImageId))
      .where(and(eq(updates.status, 'published'), read.where))
      .orderBy(...read.orderBy)
      .limit(limit + 1)
    return read.inListOrder(rows)
  })
  return { updates: page.rows, ...page.links }
}

/**
 * The first page of published updates as the list shows it (no text: the page does not show it),
 * newest first, with the one more row that says there is a next page: a column of another statement
 * (the page's version, decision 049).
 */
export function firstPublishedUpdatesPage(database: Database) {
  return database
    .select(publishedListColumns)
    .from(updates)
    .leftJoin(users, eq(users.id, updates.authorId))
    .leftJoin(images, eq(images.id, updates.coverImageId))
    .where(eq(updates.status, 'published'))
    .orderBy(desc(updates.publishedAt), desc(updates.id))
    .limit(literalLimit(UPDATES_PAGE_SIZE + 1))
}

/**
 * The ideas an update links, with their votes and authors (one query): on its public page the public
 * ones only (an idea a moderator hid, or its author withdrew, is not shown there), in the back office
 * all of them, each saying whether it is public.
 */
export async function linkedIdeas({
  updateId,
  publicOnly = true,
}: {
  updateId: number
  publicOnly?: boolean
}) {
  return db()
    .select({
      id: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      // For the title's lang attribute, as idea cards have (issue 16).
      language: ideas.language,
      upVotes: ideas.upVotes,
      score: ideas.score,
      ...statusDisplayColumns,
      authorName: users.displayName,
      authorHandle: users.handle,
      isPublic: ideas.isPublic,
    })
    .from(updateIdeas)
    .innerJoin(ideas, eq(ideas.id, updateIdeas.ideaId))
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(
      and(eq(updateIdeas.updateId, updateId), publicOnly ? eq(ideas.isPublic, true) : undefined),
    )
    .orderBy(desc(ideas.upVotes), asc(ideas.id))
}

export async function getUpdate({
  slug,
  id,
  publishedOnly = true,
}: {
  slug?: string
  id?: number
  publishedOnly?: boolean
}) {
  const [update] = await db()
    .select({
      ...postColumns,
      status: updates.status,
      publishAt: updates.publishAt,
      publishedAt: updates.publishedAt,
      updatedAt: updates.updatedAt,
      createdAt: updates.createdAt,
      authorName: users.displayName,
    })
    .from(updates)
    .leftJoin(users, eq(users.id, updates.authorId))
    .leftJoin(images, eq(images.id, updates.coverImageId))
    .where(
      and(
        slug ? eq(updates.slug, slug) : eq(updates.id, id ?? 0),
        publishedOnly ? eq(updates.status, 'published') : undefined,
      ),
    )
  return update
}

/**
 * Published updates that link the given ideas, with the mark each idea's page shows (`updateMark`:
 * "Built!" only for a launched idea) and the newest such update to read (one query).
 */
export async function updatesForIdeas({ ideaIds }: { ideaIds: number[] }) {
  const byIdea = new Map<number, { slug: string; title: string; mark: UpdateMark }>()
  if (ideaIds.length === 0) return byIdea
  const rows = await db()
    .select({
      ideaId: updateIdeas.ideaId,
      slug: updates.slug,
      title: updates.title,
      statusSlug: statuses.slug,
    })
    .from(updateIdeas)
    .innerJoin(updates, eq(updates.id, updateIdeas.updateId))
    .innerJoin(ideas, eq(ideas.id, updateIdeas.ideaId))
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    // One array parameter: the idea page and the lists ask on every view, prepared once.
    .where(and(inIdList(updateIdeas.ideaId, ideaIds), eq(updates.status, 'published')))
    .orderBy(desc(updates.publishedAt), desc(updates.id))
  for (const row of rows) {
    const mark = updateMark({ statusSlug: row.statusSlug, inPublishedUpdate: true })
    if (mark && !byIdea.has(row.ideaId))
      byIdea.set(row.ideaId, { slug: row.slug, title: row.title, mark })
  }
  return byIdea
}

/** Every update for the back office, newest change first. */
export async function listAllUpdates() {
  return db()
    .select({
      id: updates.id,
      slug: updates.slug,
      title: updates.title,
      status: updates.status,
      publishAt: updates.publishAt,
      publishedAt: updates.publishedAt,
      updatedAt: updates.updatedAt,
      ideaCount: sql<number>`(select count(*)::int from ${updateIdeas} where update_id = ${updates.id})`,
    })
    .from(updates)
    .orderBy(desc(updates.updatedAt), desc(updates.id))
    .limit(200)
}

async function uniqueSlug(executor: Executor, title: string) {
  const base = slugify(title) || 'update'
  const taken = await executor
    .select({ slug: updates.slug })
    .from(updates)
    .where(sql`${updates.slug} = ${base} or ${updates.slug} like ${`${base}-%`}`)
  const existing = new Set(taken.map((row) => row.slug))
  if (!existing.has(base)) return base
  for (let suffix = 2; ; suffix++)
    if (!existing.has(`${base}-${suffix}`)) return `${base}-${suffix}`
}

type UpdateContent = { title: string; summary: string; body: string }

/** Creates a draft, or saves changes; a published update keeps its earlier words as a revision. */
export async function saveUpdate({
  actor,
  id,
  title,
  summary,
  body,
  executor = db(),
}: {
  actor: UpdateActor
  id?: number
  title: string
  summary: string
  body: string
  executor?: Executor
}): Promise<UpdateResult<{ id: number }>> {
  if (!mayPublishUpdates(actor.role)) return forbidden
  return executor.transaction(async (tx) => {
    if (!id) {
      const [created] = await tx
        .insert(updates)
        .values({ slug: await uniqueSlug(tx, title), title, summary, body, authorId: actor.id })
        .returning({ id: updates.id })
      await recordAudit({
        tx,
        actorId: actor.id,
        action: 'update.create',
        targetType: 'update',
        targetId: created!.id,
        after: { title },
      })
      return { ok: true, id: created!.id } as const
    }
    const [before] = await tx.select().from(updates).where(eq(updates.id, id)).for('update')
    if (!before) return notFound
    const changed = before.title !== title || before.summary !== summary || before.body !== body
    if (changed && before.status === 'published') {
      await tx.insert(updateRevisions).values({
        updateId: id,
        editorId: actor.id,
        title: before.title,
        summary: before.summary,
        body: before.body,
      })
    }
    // Drafts follow their title; a published address never changes (links are out there).
    const slug =
      before.status === 'draft' && before.title !== title
        ? await uniqueSlug(tx, title)
        : before.slug
    await tx
      .update(updates)
      .set({ title, summary, body, slug, updatedAt: sql`now()` })
      .where(eq(updates.id, id))
    if (changed) {
      await recordAudit({
        tx,
        actorId: actor.id,
        action: 'update.edit',
        targetType: 'update',
        targetId: id,
        before: { title: before.title },
        after: { title },
      })
    }
    return { ok: true, id } as const
  })
}

/**
 * Saves the editor's text along with something else it asks (a search, a link), so nothing typed is
 * lost if the page is left: while the update is a draft or scheduled. A published update's text
 * waits for Save, which makes it live at once (`saved: false`).
 */
export async function keepDraftText({
  actor,
  id,
  content,
}: {
  actor: UpdateActor
  id: number
  content: UpdateContent
}): Promise<UpdateResult<{ saved: boolean }>> {
  if (!mayPublishUpdates(actor.role)) return forbidden
  return db().transaction(async (tx) => {
    const [update] = await tx
      .select({ status: updates.status })
      .from(updates)
      .where(eq(updates.id, id))
      .for('update')
    if (!update) return notFound
    if (update.status === 'published') return { ok: true, saved: false } as const
    const saved = await saveUpdate({ actor, id, ...content, executor: tx })
    return saved.ok ? ({ ok: true, saved: true } as const) : saved
  })
}

/** Links or unlinks an idea; only ideas `mayLinkToUpdate` allows can be linked (unlinking always works). */
export async function setLinkedIdea({
  actor,
  updateId,
  ideaId,
  linked,
}: {
  actor: UpdateActor
  updateId: number
  ideaId: number
  linked: boolean
}): Promise<UpdateResult> {
  if (!mayPublishUpdates(actor.role)) return forbidden
  const [idea] = await db()
    .select(linkableColumns)
    .from(ideas)
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .where(eq(ideas.id, ideaId))
  const [update] = await db()
    .select({ id: updates.id })
    .from(updates)
    .where(eq(updates.id, updateId))
  if (!idea || !update) return notFound
  if (linked && !mayLinkToUpdate(idea)) return { ok: false, reason: 'notLinkable' }
  if (linked) await db().insert(updateIdeas).values({ updateId, ideaId }).onConflictDoNothing()
  else
    await db()
      .delete(updateIdeas)
      .where(and(eq(updateIdeas.updateId, updateId), eq(updateIdeas.ideaId, ideaId)))
  return { ok: true }
}

/**
 * The update editor's picker: ideas matching the words (or `#id`), each saying whether this update
 * links it already and whether it may be linked (`mayLinkToUpdate`), so the editor offers a link
 * only for those, and says of a match that it is linked rather than that nothing matched.
 */
export async function findIdeasToLink({ find, updateId }: { find: string; updateId: number }) {
  if (!find) return []
  const asId = /^#?(\d{1,9})$/.exec(find)
  const ids = asId
    ? [Number(asId[1])]
    : (await listIdeas({ sort: 'relevance', search: find, limit: 8 })).ideas.map((idea) => idea.id)
  if (ids.length === 0) return []
  const rows = await db()
    .select({
      id: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      ...statusDisplayColumns,
      ...linkableColumns,
      linked: sql<boolean>`exists (select 1 from ${updateIdeas} where ${updateIdeas.updateId} = ${updateId} and ${updateIdeas.ideaId} = ${ideas.id})`,
    })
    .from(ideas)
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .where(inArray(ideas.id, ids))
  const order = new Map(ids.map((id, index) => [id, index]))
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map(({ withdrawn, hidden, merged, statusCategory, ...idea }) => ({
      ...idea,
      linkable: mayLinkToUpdate({
        statusSlug: idea.statusSlug,
        statusCategory,
        withdrawn,
        hidden,
        merged,
      }),
    }))
}

/** What `mayLinkToUpdate` reads of an idea (joined with its status). */
const linkableColumns = {
  statusSlug: statuses.slug,
  statusCategory: statuses.category,
  withdrawn: sql<boolean>`${ideas.withdrawnAt} is not null`,
  hidden: sql<boolean>`(${ideas.hiddenAt} is not null or ${ideas.heldAt} is not null)`,
  merged: sql<boolean>`${ideas.mergedIntoId} is not null`,
}

/**
 * Publishes now. The first time, everyone who up-voted, follows or wrote a linked idea is told once
 * (a dedupe key per update and person makes re-publishing and overlapping ideas harmless).
 * `markImplemented` ideas not yet launched are moved to Launched with the update as the response,
 * through `changeStatus` itself: only for an actor who may change statuses (`mayChangeStatus`; a
 * marketer asking is refused as a whole), and their people are told as by any status change.
 */
export async function publishUpdate({
  actor,
  id,
  markImplemented = [],
  content,
  executor = db(),
}: {
  actor: UpdateActor
  id: number
  markImplemented?: number[]
  /** The editor's fields as on screen: saved first, in the same transaction, so what is published is what was seen. */
  content?: UpdateContent
  executor?: Executor
}): Promise<UpdateResult> {
  if (!mayPublishUpdates(actor.role)) return forbidden
  if (markImplemented.length > 0 && !mayChangeStatus(actor.role)) return forbidden
  return executor.transaction(async (tx) => {
    if (content) {
      const saved = await saveUpdate({ actor, id, ...content, executor: tx })
      if (!saved.ok) return saved
    }
    const [update] = await tx.select().from(updates).where(eq(updates.id, id)).for('update')
    if (!update) return notFound
    const linked = (
      await tx
        .select({ ideaId: updateIdeas.ideaId })
        .from(updateIdeas)
        .where(eq(updateIdeas.updateId, id))
    ).map((row) => row.ideaId)
    const toLaunch = markImplemented.filter((ideaId) => linked.includes(ideaId))
    if (toLaunch.length) {
      const [implemented] = await tx
        .select({ id: statuses.id })
        .from(statuses)
        .where(eq(statuses.slug, 'implemented'))
      const notLaunched = await tx
        .select({ id: ideas.id })
        .from(ideas)
        .where(and(inArray(ideas.id, toLaunch), sql`${ideas.statusId} <> ${implemented!.id}`))
      if (notLaunched.length) {
        const response = `${update.summary || update.title}\n\n[${update.title}](/updates/${update.slug})`
        // The status change any change on the idea is: the same rule for who may, the same
        // notification (with this answer) to its followers and voters.
        const changed = await changeStatus({
          actor,
          ideaIds: notLaunched.map((row) => row.id),
          statusId: implemented!.id,
          response,
          executor: tx,
        })
        // A status that cannot change (Launched retired) publishes nothing: no half-told update.
        if (!changed.ok) return { ok: false, reason: 'invalid' } as const
      }
    }
    await tx
      .update(updates)
      .set({
        status: 'published',
        publishAt: null,
        publishedAt: update.publishedAt ?? sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(updates.id, id))
    if (linked.length) {
      await notify({
        executor: tx,
        type: 'update',
        updateId: id,
        ideaId: linked.length === 1 ? linked[0] : null,
        actorId: actor.id,
        dedupeKey: `update:${id}`,
        recipients: { upVotersOfAny: linked, followersOfAny: linked, authorsOf: linked },
      })
    }
    await emitEvent({
      executor: tx,
      event: 'update.published',
      eventId: `update.published:${id}`,
      data: { id, slug: update.slug, title: update.title, ideaIds: linked },
    })
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'update.publish',
      targetType: 'update',
      targetId: id,
      before: { status: update.status },
      after: { status: 'published' },
    })
    return { ok: true } as const
  })
}

export async function scheduleUpdate({
  actor,
  id,
  publishAt,
  content,
}: {
  actor: UpdateActor
  id: number
  publishAt: Date
  content?: UpdateContent
}): Promise<UpdateResult> {
  if (!mayPublishUpdates(actor.role)) return forbidden
  return db().transaction(async (tx) => {
    if (content) {
      const saved = await saveUpdate({ actor, id, ...content, executor: tx })
      if (!saved.ok) return saved
    }
    const [update] = await tx
      .update(updates)
      .set({ status: 'scheduled', publishAt, updatedAt: sql`now()` })
      .where(eq(updates.id, id))
      .returning({ id: updates.id })
    if (!update) return notFound
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'update.schedule',
      targetType: 'update',
      targetId: id,
      after: { publishAt: publishAt.toISOString() },
    })
    return { ok: true } as const
  })
}

/** Back to draft: gone from the site and feeds (notifications already sent stay sent). */
export async function unpublishUpdate({
  actor,
  id,
}: {
  actor: UpdateActor
  id: number
}): Promise<UpdateResult> {
  if (!mayPublishUpdates(actor.role)) return forbidden
  return db().transaction(async (tx) => {
    const [update] = await tx
      .update(updates)
      .set({ status: 'draft', publishAt: null, updatedAt: sql`now()` })
      .where(eq(updates.id, id))
      .returning({ id: updates.id })
    if (!update) return notFound
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'update.unpublish',
      targetType: 'update',
      targetId: id,
    })
    return { ok: true } as const
  })
}

/** Publishes scheduled updates whose time has come (run by the worker; safe on many instances). */
export async function publishDueUpdates() {
  const due = await queryRows<{ id: number; author_id: number | null }>(
    db(),
    sql`select id, author_id from ${updates} where status = 'scheduled' and publish_at <= now() order by publish_at limit 10`,
  )
  for (const row of due) {
    await db().transaction(async (tx) => {
      // Whoever locks it first publishes it; the others skip it.
      const [claimed] = await queryRows<{ id: number }>(
        tx,
        sql`select id from ${updates} where id = ${row.id} and status = 'scheduled' and publish_at <= now() for update skip locked`,
      )
      if (!claimed) return
      await publishUpdate({
        actor: { id: Number(row.author_id ?? 0), role: 'admin' },
        id: Number(row.id),
        executor: tx,
      })
    })
  }
  return due.length
}

/** The earlier texts of a published update (each save keeps the one it replaced), newest first. */
export async function listUpdateRevisions({ updateId }: { updateId: number }) {
  return db()
    .select({
      id: updateRevisions.id,
      title: updateRevisions.title,
      summary: updateRevisions.summary,
      body: updateRevisions.body,
      createdAt: updateRevisions.createdAt,
      editorName: users.displayName,
    })
    .from(updateRevisions)
    .leftJoin(users, eq(users.id, updateRevisions.editorId))
    .where(eq(updateRevisions.updateId, updateId))
    .orderBy(desc(updateRevisions.createdAt))
}

/** One earlier text of this update, to copy back into the editor. */
export async function getUpdateRevision({
  updateId,
  revisionId,
}: {
  updateId: number
  revisionId: number
}) {
  const [revision] = await db()
    .select({
      title: updateRevisions.title,
      summary: updateRevisions.summary,
      body: updateRevisions.body,
    })
    .from(updateRevisions)
    .where(and(eq(updateRevisions.updateId, updateId), eq(updateRevisions.id, revisionId)))
  return revision ?? null
}

/** Stores an uploaded cover image after checking what it really is, and sets it on the update. */
export async function setCoverImage({
  actor,
  updateId,
  bytes,
}: {
  actor: UpdateActor
  updateId: number
  bytes: Uint8Array
}): Promise<UpdateResult | { ok: false; reason: 'imageType' | 'imageSize' }> {
  if (!mayPublishUpdates(actor.role)) return forbidden
  if (bytes.byteLength > IMAGE_MAX_BYTES) return { ok: false, reason: 'imageSize' }
  const contentType = sniffImageType(bytes)
  if (!contentType) return { ok: false, reason: 'imageType' }
  return db().transaction(async (tx) => {
    const [update] = await tx
      .select({ id: updates.id })
      .from(updates)
      .where(eq(updates.id, updateId))
      .for('update')
    if (!update) return notFound
    const [image] = await tx
      .insert(images)
      .values({
        token: randomBytes(16).toString('base64url'),
        contentType,
        bytes: Buffer.from(bytes),
        size: bytes.byteLength,
        uploadedBy: actor.id,
      })
      .returning({ id: images.id })
    await tx
      .update(updates)
      .set({ coverImageId: image!.id, updatedAt: sql`now()` })
      .where(eq(updates.id, updateId))
    return { ok: true } as const
  })
}

/**
 * An uploaded image by its token, for this viewer (`mayViewImage`): everyone once it is the cover of
 * a published update, only those who write updates before. `shared` says whether caches may keep it.
 */
export async function getImage({
  token,
  viewer,
}: {
  token: string
  viewer: { role: Role } | null
}) {
  const [image] = await db()
    .select({
      contentType: images.contentType,
      bytes: images.bytes,
      published: sql<boolean>`exists (select 1 from ${updates} where ${updates.coverImageId} = ${images.id} and ${updates.status} = 'published')`,
    })
    .from(images)
    .where(eq(images.token, token))
  if (!image || !mayViewImage({ published: image.published, viewerRole: viewer?.role ?? null }))
    return { ok: false, reason: 'notFound' } as const
  return {
    ok: true,
    contentType: image.contentType,
    bytes: image.bytes,
    shared: image.published,
  } as const
}
