// The back-office idea page's action: each intent reaches its own command, and an intent the page
// does not know answers 400 with a message on the page (never read as another form).
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, ideas, statuses } from '#app/db/schema'
import { addActivity, createTestIdea, createTestUser, getIdeaRow } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { withdrawIdea } from '#app/domain/ideas/editing.server'
import { mergeIdeas } from '#app/domain/ideas/merging.server'
import { dismissReports, hideContent } from '#app/domain/moderation/moderation.server'
import * as ideaPage from '#app/routes/admin.ideas.$ideaId'
import { action } from '#app/routes/admin.ideas.$ideaId'
import { supportedLocales, translator } from '#app/utils/i18n/i18n'
import { appBuild, pageReader } from '#tests/setup/app-build'
import { reportByNewcomer } from '#tests/setup/back-office-writes'
import { readingIn } from '#tests/setup/language'
import { cookieFrom, makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

let cookie = ''
let moderatorId = 0
const reader = pageReader(
  appBuild([{ id: 'routes/admin.ideas.$ideaId', path: 'admin/ideas/:ideaId', module: ideaPage }]),
)

beforeAll(async () => {
  const moderator = await createTestUser({ role: 'moderator', password: null })
  cookie = cookieFrom((await startSession(moderator.id)).cookie)
  moderatorId = moderator.id
})

const post = (ideaId: number, form: Record<string, string>) =>
  settle(() =>
    action({
      request: makeRequest({ path: `/admin/ideas/${ideaId}`, method: 'POST', cookie, form }),
      params: { ideaId: String(ideaId) },
      context: makeContext(),
    } as never),
  )

describe('the back-office idea page action', () => {
  const unknownIntents: Record<string, string>[] = [
    {},
    { intent: 'vote' },
    { intent: 'constructor' },
    { intent: 'row-status' },
  ]
  it.each(unknownIntents)('answers 400 to the intent in %o', async (form) => {
    const idea = await createTestIdea()
    const answer = await post(idea.id, form)
    expect(statusOf(answer)).toBe(400)
    expect(answer).toMatchObject({
      data: { form: form.intent ?? '', formError: 'error.badRequestText' },
    })
  })

  it('changes the status, and keeps a refused change at its form', async () => {
    const idea = await createTestIdea()
    const [planned] = await db()
      .select({ id: statuses.id })
      .from(statuses)
      .where(eq(statuses.slug, 'planned'))
    const refused = await post(idea.id, { intent: 'status', statusId: '' })
    expect(statusOf(refused)).toBe(400)
    expect(refused).toMatchObject({
      data: { form: 'status', fieldErrors: { statusId: expect.any(Array) } },
    })
    const changed = (await post(idea.id, {
      intent: 'status',
      statusId: String(planned!.id),
      response: 'Coming in spring.',
      notify: 'on',
    })) as Response
    expect(changed.status).toBe(303)
    // What was done travels in the address (redirect after POST), as on the triage lists.
    const location = changed.headers.get('Location')!
    expect(location).toBe(`/admin/ideas/${idea.id}?moved=1&movedTo=${planned!.id}&told=1#answer`)
    expect((await getIdeaRow(idea.id))!.statusId).toBe(planned!.id)

    // The page there confirms it in a status message (announced by screen readers), in both languages.
    for (const [lang, text] of [
      ['en', 'Status changed to Planned; 1 person will be told.'],
      ['nl', 'Status gewijzigd naar Gepland; 1 persoon krijgt bericht.'],
    ] as const) {
      const { status, html } = await reader.page(location, await readingIn(cookie, lang))
      expect(status).toBe(200)
      const notice = /<p[^>]*role="status"[^>]*>([\s\S]*?)<\/p>/.exec(
        /<main[^>]*>([\s\S]*)<\/main>/.exec(html)![1]!,
      )
      expect(notice?.[1]?.replace(/<!-- -->/g, '')).toBe(text)
    }
    const plain = await reader.page(`/admin/ideas/${idea.id}`, await readingIn(cookie, 'en'))
    expect(/<main[^>]*>([\s\S]*)<\/main>/.exec(plain.html)![1]).not.toContain('Status changed to')
  })

  it('locks and unlocks comments, hides and restores the idea, each by its own intent', async () => {
    const idea = await createTestIdea()
    expect(statusOf(await post(idea.id, { intent: 'lock' }))).toBe(303)
    expect((await getIdeaRow(idea.id))!.commentsLockedAt).toBeInstanceOf(Date)
    expect(statusOf(await post(idea.id, { intent: 'unlock' }))).toBe(303)
    expect((await getIdeaRow(idea.id))!.commentsLockedAt).toBeNull()
    expect(statusOf(await post(idea.id, { intent: 'hide', reason: '' }))).toBe(400)
    expect(statusOf(await post(idea.id, { intent: 'hide', reason: 'Personal data' }))).toBe(303)
    expect((await getIdeaRow(idea.id))!.hiddenAt).toBeInstanceOf(Date)
    expect(statusOf(await post(idea.id, { intent: 'restore' }))).toBe(303)
    expect((await getIdeaRow(idea.id))!.hiddenAt).toBeNull()
  })
})

describe('the Merge control', () => {
  const mergeForm = /name="intent" value="merge"/
  const mergeSearch = /name="merge-q"/

  it("hides and restores only a comment on the page's own idea", async () => {
    const [here, elsewhere] = [await createTestIdea(), await createTestIdea()]
    const author = await createTestUser({ password: null })
    const {
      commentIds: [commentId],
    } = await addActivity({
      comments: [{ ideaId: elsewhere.id, authorId: author.id, body: 'On another idea' }],
    })
    const hiddenAt = async () =>
      (await db().select().from(comments).where(eq(comments.id, commentId!)))[0]!.hiddenAt
    const hide = { intent: 'hide-comment', commentId: String(commentId), reason: 'Rude' }
    expect(statusOf(await post(here.id, hide))).toBe(409)
    expect(await hiddenAt()).toBeNull()
    expect(statusOf(await post(elsewhere.id, hide))).toBe(303)
    expect(await hiddenAt()).not.toBeNull()
    const restore = { intent: 'restore-comment', commentId: String(commentId) }
    expect(statusOf(await post(here.id, restore))).toBe(409)
    expect(await hiddenAt()).not.toBeNull()
    expect(statusOf(await post(elsewhere.id, restore))).toBe(303)
    expect(await hiddenAt()).toBeNull()
  })

  it("marks a Dutch idea's title and description as Dutch, as the public page does", async () => {
    const idea = await createTestIdea({ title: 'Havermelk in elke winkel' })
    await db().update(ideas).set({ language: 'nl' }).where(eq(ideas.id, idea.id))
    const { html } = await reader.page(`/admin/ideas/${idea.id}`, await readingIn(cookie, 'en'))
    expect(html).toContain('<h1 lang="nl">Havermelk in elke winkel</h1>')
    expect(html).toMatch(/<div class="prose" lang="nl">/)
  })

  it('offers a merged idea no status but Duplicate, and says why', async () => {
    const [original, duplicate] = [await createTestIdea(), await createTestIdea()]
    const moderator = { id: moderatorId, role: 'moderator' as const }
    await mergeIdeas({
      actor: moderator,
      duplicateId: duplicate.id,
      originalId: original.id,
      notifyPeople: false,
    })
    for (const locale of supportedLocales) {
      const { html } = await reader.page(
        `/admin/ideas/${duplicate.id}`,
        await readingIn(cookie, locale),
      )
      expect(html).toContain(translator(locale)('admin.statusError.merged'))
      expect(html).not.toContain('name="intent" value="status"')
    }
  })

  it('counts the open reports on the idea and on its comments, and points to the report queue', async () => {
    const idea = await createTestIdea()
    const other = await createTestIdea()
    const {
      commentIds: [commentId],
    } = await addActivity({
      comments: [{ ideaId: idea.id, authorId: moderatorId, body: 'Reported' }],
    })
    const page = async (locale: (typeof supportedLocales)[number]) =>
      (await reader.page(`/admin/ideas/${idea.id}`, await readingIn(cookie, locale))).html
    expect(await page('en')).not.toContain('href="/admin/reports">')
    await reportByNewcomer(idea.id)
    await reportByNewcomer(idea.id)
    await reportByNewcomer(idea.id, commentId)
    await reportByNewcomer(other.id)
    for (const locale of supportedLocales) {
      const html = await page(locale)
      const t = translator(locale)
      expect(html).toContain(t('admin.openReports.idea', { count: 2 }))
      expect(html).toContain(t('admin.openReports.comments', { count: 1 }))
      expect(html).toMatch(
        new RegExp(`<a [^>]*href="/admin/reports">${t('admin.openReports.review')}</a>`),
      )
    }
    await dismissReports({
      actor: { id: moderatorId, role: 'moderator' },
      target: { ideaId: idea.id },
    })
    const html = await page('en')
    expect(html).not.toContain(translator('en')('admin.openReports.idea', { count: 2 }))
    expect(html).toContain(translator('en')('admin.openReports.comments', { count: 1 }))
  })

  it("shows a comment hidden and shown again in the idea's history, not another idea's", async () => {
    const [idea, other] = [await createTestIdea(), await createTestIdea()]
    const commenter = await createTestUser({ password: null, displayName: 'Comment Writer' })
    const {
      commentIds: [here, elsewhere],
    } = await addActivity({
      comments: [
        { ideaId: idea.id, authorId: commenter.id, body: 'Here' },
        { ideaId: other.id, authorId: commenter.id, body: 'Elsewhere' },
      ],
    })
    const moderator = { id: moderatorId, role: 'moderator' as const }
    await hideContent({ actor: moderator, target: { commentId: here! }, reason: 'Rude' })
    await hideContent({ actor: moderator, target: { commentId: elsewhere! }, reason: 'Rude' })
    const history = async () => {
      const { html } = await reader.page(`/admin/ideas/${idea.id}`, await readingIn(cookie, 'en'))
      const start = html.indexOf('id="history"')
      return html.slice(start, html.indexOf('</section>', start))
    }
    expect(await history()).toContain('Comment Writer')
    expect((await history()).match(/Comment Writer/g)).toHaveLength(1)
    await post(idea.id, { intent: 'restore-comment', commentId: String(here) })
    expect((await history()).match(/Comment Writer/g)).toHaveLength(2)
  })

  it('is offered for an idea that can be merged away (held ones too)', async () => {
    for (const idea of [await createTestIdea(), await createTestIdea({ heldReason: 'spam' })]) {
      for (const lang of supportedLocales) {
        const { status, html } = await reader.page(
          `/admin/ideas/${idea.id}`,
          await readingIn(cookie, lang),
        )
        expect(status).toBe(200)
        expect(html, `idea ${idea.id} in ${lang}`).toMatch(mergeForm)
        expect(html).toMatch(mergeSearch)
      }
    }
  })

  it('is replaced by the reason for an idea already merged, withdrawn or hidden; a forged merge is refused', async () => {
    const moderator = { id: moderatorId, role: 'moderator' as const }
    const original = await createTestIdea()
    const merged = await createTestIdea()
    expect(
      await mergeIdeas({ actor: moderator, duplicateId: merged.id, originalId: original.id }),
    ).toMatchObject({ ok: true })
    const author = await createTestUser({ password: null })
    const withdrawn = await createTestIdea({ authorId: author.id })
    expect(await withdrawIdea({ actor: author, ideaId: withdrawn.id })).toMatchObject({ ok: true })
    const hidden = await createTestIdea()
    await hideContent({ actor: moderator, target: { ideaId: hidden.id }, reason: 'Off topic' })

    for (const [idea, reason] of [
      [merged, 'mergedElsewhere'],
      [withdrawn, 'duplicateWithdrawn'],
      [hidden, 'duplicateHidden'],
    ] as const) {
      for (const lang of supportedLocales) {
        const { status, html } = await reader.page(
          `/admin/ideas/${idea.id}`,
          await readingIn(cookie, lang),
        )
        expect(status).toBe(200)
        expect(html, `${reason} in ${lang}`).not.toMatch(mergeForm)
        expect(html, `${reason} in ${lang}`).not.toMatch(mergeSearch)
        expect(html, `${reason} in ${lang}`).toContain(
          translator(lang)(`admin.mergeError.${reason}`),
        )
      }
      // Posted anyway (an old page, a forged form): refused, nothing moved.
      const other = await createTestIdea()
      const answer = await post(idea.id, { intent: 'merge', originalId: String(other.id) })
      expect(statusOf(answer), reason).toBe(409)
      expect((await getIdeaRow(idea.id))!.mergedIntoId, reason).toBe(
        idea === merged ? original.id : null,
      )
    }
  })
})
