// The audit log read by people, through the routes with real Requests: sentences in the reader's
// language with a readable before/after, filters by person, action, target and date, keyset pages.
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { auditLog, statuses, tags } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { postComment } from '#app/domain/comments/comments.server'
import { changeStatus } from '#app/domain/ideas/responses.server'
import { decideHeldIdea } from '#app/domain/moderation/moderation.server'
import { loader as auditLoader } from '#app/routes/admin.audit'
import { loader as ideaLoader } from '#app/routes/admin.ideas.$ideaId'
import { makeContext, makeRequest } from '#tests/setup/request'

import { auditActionsReadableBy } from './audit.rules'
import { type AuditEntry, recordAudit } from './audit.server'

async function statusId(slug: string) {
  const [row] = await db().select({ id: statuses.id }).from(statuses).where(eq(statuses.slug, slug))
  return row!.id
}

async function adminCookie(locale?: 'en' | 'nl') {
  const admin = await createTestUser({ role: 'admin', password: null, displayName: 'Morgan Vos' })
  const session = (await startSession(admin.id)).cookie.split(';')[0]!
  return { admin, cookie: locale ? `${session}; ideabox_lang=${locale}` : session }
}

async function readAudit(cookie: string, query: string) {
  return auditLoader({
    request: makeRequest({ path: `/admin/audit?${query}`, cookie }),
    params: {},
    context: makeContext(),
  })
}

describe('the audit log in words', () => {
  it('says who moved which idea from which status to which, in English and in Dutch, with no raw keys', async () => {
    const { admin, cookie } = await adminCookie()
    const idea = await createTestIdea({ authorId: admin.id, title: 'Oat milk in every store' })
    expect(
      await changeStatus({
        actor: admin,
        ideaIds: [idea.id],
        statusId: await statusId('under-review'),
        response: 'Looking into it.',
      }),
    ).toMatchObject({ ok: true })

    const english = await readAudit(cookie, `actorId=${admin.id}`)
    expect(english.entries).toHaveLength(1)
    expect(english.entries[0]!.sentence).toBe(
      'Morgan Vos moved “Oat milk in every store” from New to Under review',
    )
    expect(english.entries[0]!.changes).toContainEqual({
      label: 'Status',
      before: 'New',
      after: 'Under review',
    })
    expect(english.entries[0]!.changes).toContainEqual({
      label: 'Followers told',
      before: null,
      after: 'yes',
    })

    const dutch = await readAudit(`${cookie}; ideabox_lang=nl`, `actorId=${admin.id}`)
    expect(dutch.entries[0]!.sentence).toBe(
      'Morgan Vos zette “Oat milk in every store” van Nieuw naar In behandeling',
    )
    const shown = [...english.entries, ...dutch.entries].flatMap((entry) => [
      entry.sentence,
      ...entry.changes.flatMap((change) => [change.label, change.before, change.after]),
    ])
    for (const text of shown)
      expect(text ?? '').not.toMatch(/idea\.status|under-review|notified|[{}]/)
  })

  it('words an approval hold reason instead of showing its code, on the log and on the idea page', async () => {
    const { admin, cookie } = await adminCookie()
    const idea = await createTestIdea({ authorId: admin.id, title: 'Held for links' })
    await db().execute(
      `update ideas set held_at = now(), held_reason = 'spam:links,burst' where id = ${idea.id}`,
    )
    expect(await decideHeldIdea({ actor: admin, ideaId: idea.id, approve: true })).toEqual({
      ok: true,
    })
    const page = await readAudit(cookie, `actorId=${admin.id}`)
    expect(page.entries[0]!.sentence).toBe('Morgan Vos approved “Held for links”')
    expect(page.entries[0]!.changes).toContainEqual({
      label: 'Waiting for approval',
      before: 'Looks like spam: many links, many posts from a new account',
      after: null,
    })

    const ideaPage = await ideaLoader({
      request: makeRequest({ path: `/admin/ideas/${idea.id}`, cookie }),
      params: { ideaId: String(idea.id) },
      context: makeContext(),
    })
    expect(ideaPage.audit.map((entry) => entry.sentence)).toEqual([
      'Morgan Vos approved “Held for links”',
    ])
  })

  it('filters by person, action, target and date', async () => {
    const { admin, cookie } = await adminCookie()
    const other = await createTestUser({ role: 'moderator', password: null })
    const [first, second] = [
      await createTestIdea({ authorId: admin.id }),
      await createTestIdea({ authorId: admin.id }),
    ]
    await changeStatus({
      actor: admin,
      ideaIds: [first.id],
      statusId: await statusId('under-review'),
      response: '',
    })
    await changeStatus({
      actor: other,
      ideaIds: [second.id],
      statusId: await statusId('under-review'),
      response: '',
    })
    await db().transaction((tx) =>
      recordAudit({
        tx,
        actorId: admin.id,
        action: 'idea.lockComments',
        targetType: 'idea',
        targetId: second.id,
      }),
    )

    const ids = async (query: string) =>
      (await readAudit(cookie, query)).entries.map((entry) => `${entry.action}#${entry.targetId}`)
    expect(await ids(`actorId=${admin.id}`)).toEqual([
      `idea.lockComments#${second.id}`,
      `idea.status#${first.id}`,
    ])
    expect(await ids(`actorId=${admin.id}&action=idea.status`)).toEqual([`idea.status#${first.id}`])
    expect(await ids(`targetType=idea&targetId=${second.id}`)).toEqual([
      `idea.lockComments#${second.id}`,
      `idea.status#${second.id}`,
    ])
    const today = new Date().toISOString().slice(0, 10)
    expect(await ids(`actorId=${admin.id}&from=${today}&to=${today}`)).toHaveLength(2)
    expect(await ids(`actorId=${admin.id}&from=2999-01-01`)).toEqual([])
    expect(await ids(`actorId=${admin.id}&to=2000-01-01`)).toEqual([])
    // A bad filter value is dropped, not an error.
    expect(await ids(`actorId=${admin.id}&action=drop-table&from=yesterday`)).toHaveLength(2)
  })

  it('pages by keyset, keeping the filters: every entry once, newest first', async () => {
    const { admin, cookie } = await adminCookie()
    const idea = await createTestIdea({ authorId: admin.id })
    for (let index = 0; index < 57; index++) {
      await db().transaction((tx) =>
        recordAudit({
          tx,
          actorId: admin.id,
          action: index % 2 ? 'idea.lockComments' : 'idea.unlockComments',
          targetType: 'idea',
          targetId: idea.id,
        }),
      )
    }
    const seen: number[] = []
    let query = `actorId=${admin.id}`
    for (let pages = 0; pages < 5; pages++) {
      const page = await readAudit(cookie, query)
      seen.push(...page.entries.map((entry) => entry.id))
      if (!page.nextCursor) break
      query = `actorId=${admin.id}&cursor=${page.nextCursor}`
    }
    expect(seen).toHaveLength(57)
    expect(seen).toEqual([...seen].sort((a, b) => b - a))
    expect(new Set(seen).size).toBe(57)
  })

  it('accepts only a transaction: an audit row is written with its action or not at all', async () => {
    const admin = await createTestUser({ role: 'admin', password: null })
    // @ts-expect-error the root database is refused, so an audit outside its action's transaction does not compile
    const refused: AuditEntry['tx'] = db()
    expect(refused).toBeDefined()
    // A rolled-back action leaves no audit row behind.
    await db()
      .transaction(async (tx) => {
        await recordAudit({
          tx,
          actorId: admin.id,
          action: 'idea.lockComments',
          targetType: 'user',
          targetId: admin.id,
        })
        tx.rollback()
      })
      .catch(() => {})
    expect((await readAuditRows(admin.id)).length).toBe(0)
  })

  it('reads in time order, not in the order rows were written (demo rows are backdated)', async () => {
    const { admin, cookie } = await adminCookie()
    const idea = await createTestIdea({ authorId: admin.id })
    const ids: Record<string, number> = {}
    for (const [name, daysAgo] of [
      ['today', 0],
      ['lastWeek', 7],
      ['yesterday', 1],
    ] as const) {
      await db().transaction((tx) =>
        recordAudit({
          tx,
          actorId: admin.id,
          action: 'idea.lockComments',
          targetType: 'idea',
          targetId: idea.id,
        }),
      )
      const [row] = await queryRows<{ id: number }>(
        db(),
        sql`update audit_log set created_at = now() - make_interval(days => ${daysAgo}) where id = (select max(id) from audit_log) returning id`,
      )
      ids[name] = Number(row!.id)
    }
    const page = await readAudit(cookie, `actorId=${admin.id}`)
    expect(page.entries.map((entry) => entry.id)).toEqual([ids.today, ids.yesterday, ids.lastWeek])
    const history = await ideaLoader({
      request: makeRequest({ path: `/admin/ideas/${idea.id}`, cookie }),
      params: { ideaId: String(idea.id) },
      context: makeContext(),
    })
    expect(history.audit.map((entry) => entry.id)).toEqual([ids.today, ids.yesterday, ids.lastWeek])
  })
})

describe('who reads the audit log', () => {
  it('moderators read the team’s work and not the site’s configuration; the rule is one list', async () => {
    const { admin, cookie: adminSession } = await adminCookie()
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const moderatorSession = (await startSession(moderator.id)).cookie.split(';')[0]!
    const idea = await createTestIdea({ authorId: admin.id, title: 'Seen by moderators' })
    await db().transaction((tx) =>
      recordAudit({
        tx,
        actorId: admin.id,
        action: 'idea.lockComments',
        targetType: 'idea',
        targetId: idea.id,
      }),
    )
    await db().transaction((tx) =>
      recordAudit({
        tx,
        actorId: admin.id,
        action: 'setting.change',
        targetType: 'setting',
        before: { siteName: 'A' },
        after: { siteName: 'B' },
      }),
    )
    await db().transaction((tx) =>
      recordAudit({
        tx,
        actorId: admin.id,
        action: 'user.role',
        targetType: 'user',
        targetId: moderator.id,
        before: { role: 'customer' },
        after: { role: 'moderator' },
      }),
    )

    const actions = async (session: string, query = '') =>
      (await readAudit(session, `actorId=${admin.id}${query}`)).entries.map((entry) => entry.action)
    expect(await actions(adminSession)).toEqual([
      'user.role',
      'setting.change',
      'idea.lockComments',
    ])
    expect(await actions(moderatorSession)).toEqual(['idea.lockComments'])
    // Asking for an admins' action by the filter shows nothing, and the filter only offers theirs.
    expect(await actions(moderatorSession, '&action=setting.change')).toEqual([])
    const page = await readAudit(moderatorSession, '')
    expect(page.actions).toEqual(auditActionsReadableBy('moderator'))
    expect(page.actions).not.toContain('setting.change')
    expect(page.actions).toContain('comment.hide')
    expect(page.partial).toBe(true)
    expect(auditActionsReadableBy('admin')).toBeNull()
    for (const role of ['customer', 'agent', 'marketer'])
      expect(auditActionsReadableBy(role)).toEqual([])
  })
})

async function readAuditRows(actorId: number) {
  return db().select().from(auditLog).where(eq(auditLog.actorId, actorId))
}

describe('names, not ids, resolved once per page', () => {
  it('names the assignee, the customer, the original, the label and a comment’s author and idea; times in the site’s zone', async () => {
    const { admin, cookie } = await adminCookie()
    const [assignee, customer, writer] = await Promise.all([
      createTestUser({ role: 'moderator', password: null, displayName: 'Robin Smit' }),
      createTestUser({ password: null, displayName: 'Kim de Vries' }),
      createTestUser({ password: null, displayName: 'Sam Bakker' }),
    ])
    const [idea, original] = await Promise.all([
      createTestIdea({ title: 'Oat milk in every store' }),
      createTestIdea({ title: 'Refill stations' }),
    ])
    const posted = await postComment({ actor: writer, ideaId: idea.id, body: 'Yes please' })
    if (!posted.ok) throw new Error('comment refused')
    const [tag] = await db()
      .insert(tags)
      .values({
        nameEn: `Drinks ${idea.id}`,
        nameNl: `Dranken ${idea.id}`,
        slug: `drinks-${idea.id}`,
      })
      .returning({ id: tags.id })
    const entries: Omit<AuditEntry, 'tx'>[] = [
      {
        actorId: admin.id,
        action: 'idea.assign',
        targetType: 'idea',
        targetId: idea.id,
        after: { assigneeId: assignee.id },
      },
      {
        actorId: admin.id,
        action: 'intake.vote',
        targetType: 'idea',
        targetId: idea.id,
        after: { customerId: customer.id, channel: 'store' },
      },
      {
        actorId: admin.id,
        action: 'idea.merge',
        targetType: 'idea',
        targetId: idea.id,
        before: { status: 'new' },
        after: { status: 'duplicate', mergedInto: original.id },
      },
      {
        actorId: admin.id,
        action: 'idea.tag',
        targetType: 'idea',
        targetId: idea.id,
        after: { tagId: tag!.id },
      },
      {
        actorId: admin.id,
        action: 'comment.hide',
        targetType: 'comment',
        targetId: posted.commentId,
        after: { reason: 'Off topic' },
      },
      {
        actorId: admin.id,
        action: 'user.ban',
        targetType: 'user',
        targetId: writer.id,
        before: { suspendedUntil: null, bannedAt: null },
        after: { days: null, reason: 'Spam' },
      },
      {
        actorId: admin.id,
        action: 'idea.response',
        targetType: 'idea',
        targetId: idea.id,
        after: { response: 'We start in **spring**' },
      },
    ]
    await db().transaction(async (tx) => {
      for (const entry of entries) await recordAudit({ tx, ...entry })
    })
    const page = await readAudit(cookie, `actorId=${admin.id}`)
    const sentences = page.entries.map((entry) => entry.sentence).join('\n')
    expect(sentences).not.toMatch(/#\d/)
    for (const name of ['Robin Smit', 'Refill stations', `Drinks ${idea.id}`, 'Sam Bakker'])
      expect(sentences).toContain(name)
    const hidden = page.entries.find((entry) => entry.action === 'comment.hide')!
    expect(hidden.ideaId).toBe(idea.id)
    const changes = page.entries.flatMap((entry) => entry.changes)
    expect(changes.map((change) => change.after)).toContain('Kim de Vries')
    expect(changes.map((change) => change.after)).toContain('We start in spring')
    for (const change of changes) expect(change.before ?? change.after).not.toBeNull()
    expect(page.timeZone).toBeTruthy()
  })

  it('a moderator is offered only the targets they may read', async () => {
    const moderator = await createTestUser({ role: 'moderator', password: null })
    const cookie = (await startSession(moderator.id)).cookie.split(';')[0]!
    const page = await readAudit(cookie, '')
    expect(page.targetTypes).not.toContain('setting')
    expect(page.targetTypes).toContain('idea')
  })
})
